package io.c360.ledger;

/** What one run did with one bronze file version (path relative to {@code bronze/} plus content hash). */
public final class FileRecord {
  /**
   * INGESTED: its rows went to silver and quarantine. REJECTED: refused whole (name, header, too many bad rows);
   * retried every run. UNKNOWN: no table reads it (a misnamed file); recorded once per version, under
   * {@link #NO_TABLE}.
   */
  public enum Status { INGESTED, REJECTED, UNKNOWN }

  /** The table name of a file that no table reads. */
  public static final String NO_TABLE = "-";

  public static final long UNKNOWN_TIME = -1;

  private final long runId;
  private final long lineageRunId;
  private final String table;
  private final String path;
  private final String sha256;
  private final long sizeBytes;
  private final long modifiedAt;
  private final Status status;
  private final FileCounts counts;
  private final String message;

  public FileRecord(long runId, long lineageRunId, String table, String path, String sha256, long sizeBytes,
      Status status, FileCounts counts, String message) {
    this(runId, lineageRunId, table, path, sha256, sizeBytes, UNKNOWN_TIME, status, counts, message);
  }

  /**
   * {@code modifiedAt}: the file's modification time in epoch milliseconds when it was read, or
   * {@link #UNKNOWN_TIME} (ledgers written before times were recorded); a later run that finds the same size and
   * time takes the recorded hash instead of reading the file again (DESIGN §4 step 1).
   */
  public FileRecord(long runId, long lineageRunId, String table, String path, String sha256, long sizeBytes,
      long modifiedAt, Status status, FileCounts counts, String message) {
    this.runId = runId;
    this.lineageRunId = lineageRunId;
    this.table = table;
    this.path = path;
    this.sha256 = sha256;
    this.sizeBytes = sizeBytes;
    this.modifiedAt = modifiedAt;
    this.status = status;
    this.counts = counts;
    this.message = message;
  }

  public long runId() {
    return runId;
  }

  /** The run whose arrival order the file's rows carry in silver; differs from runId on a full-refresh replay. */
  public long lineageRunId() {
    return lineageRunId;
  }

  public String table() {
    return table;
  }

  public String path() {
    return path;
  }

  public String sha256() {
    return sha256;
  }

  public long sizeBytes() {
    return sizeBytes;
  }

  public long modifiedAt() {
    return modifiedAt;
  }

  public Status status() {
    return status;
  }

  public FileCounts counts() {
    return counts;
  }

  public String message() {
    return message;
  }
}
