package io.c360.publish;

/** What publishing one table did: how, from which Delta version, and how many rows it staged and wrote. */
public final class PublishResult {
  /** How a table was published. */
  public enum Mode {
    /** The table's Delta version was already in the target: nothing to do. */
    UNCHANGED,
    /** Only the rows the change data feed reports since the last published version. */
    INCREMENTAL,
    /** Every row: first publish, a re-created Delta table or an unavailable change feed. */
    FULL,
    /** A gold table replaced whole (DELETE + INSERT in one transaction). */
    REPLACED,
    /** No Delta table in the lake yet. */
    ABSENT
  }

  private final String table;
  private final Mode mode;
  private final long deltaVersion;
  private final long stagedRows;
  private final long writtenRows;
  private final double seconds;

  PublishResult(String table, Mode mode, long deltaVersion, long stagedRows, long writtenRows, double seconds) {
    this.table = table;
    this.mode = mode;
    this.deltaVersion = deltaVersion;
    this.stagedRows = stagedRows;
    this.writtenRows = writtenRows;
    this.seconds = seconds;
  }

  /** The target table, {@code gold.<Name>} for gold tables. */
  public String table() {
    return table;
  }

  public Mode mode() {
    return mode;
  }

  /** The Delta version now published, -1 if absent. */
  public long deltaVersion() {
    return deltaVersion;
  }

  /** Rows loaded into the staging table. */
  public long stagedRows() {
    return stagedRows;
  }

  /** Rows the MERGE inserted or updated, or the rows a gold replace inserted. */
  public long writtenRows() {
    return writtenRows;
  }

  public double seconds() {
    return seconds;
  }

  @Override
  public String toString() {
    return table + " " + mode + " v" + deltaVersion + ": " + stagedRows + " staged, " + writtenRows + " written";
  }
}
