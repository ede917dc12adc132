package io.c360.silver;

import io.c360.ledger.FileCounts;

/** What happened to one bronze file version in one run: ingested with reconciled counts, or rejected whole. */
public final class FileOutcome {
  private final BronzeFile file;
  private final boolean ingested;
  private final FileCounts counts;
  private final String error;

  private FileOutcome(BronzeFile file, boolean ingested, FileCounts counts, String error) {
    this.file = file;
    this.ingested = ingested;
    this.counts = counts;
    this.error = error;
  }

  public static FileOutcome ingested(BronzeFile file, FileCounts counts) {
    return new FileOutcome(file, true, counts, null);
  }

  /** A file refused as a whole (bad header, too many rejected rows); its rows went nowhere and it is retried. */
  public static FileOutcome rejected(BronzeFile file, String error, long rowsRead) {
    return new FileOutcome(file, false, new FileCounts(rowsRead, 0, 0, 0, 0), error);
  }

  public BronzeFile file() {
    return file;
  }

  public boolean isIngested() {
    return ingested;
  }

  public FileCounts counts() {
    return counts;
  }

  public String error() {
    return error;
  }
}
