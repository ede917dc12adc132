package io.c360.ledger;

/**
 * Row counts that must reconcile (DESIGN §4 step 7): {@code read + readmitted = upserted + duplicates +
 * quarantined}. For a single file {@code readmitted} is zero; a table's counts add its re-admitted orphans.
 */
public final class FileCounts {
  public static final FileCounts NONE = new FileCounts(0, 0, 0, 0, 0);

  private final long read;
  private final long readmitted;
  private final long upserted;
  private final long duplicates;
  private final long quarantined;

  public FileCounts(long read, long readmitted, long upserted, long duplicates, long quarantined) {
    this.read = read;
    this.readmitted = readmitted;
    this.upserted = upserted;
    this.duplicates = duplicates;
    this.quarantined = quarantined;
  }

  public long read() {
    return read;
  }

  public long readmitted() {
    return readmitted;
  }

  public long upserted() {
    return upserted;
  }

  public long duplicates() {
    return duplicates;
  }

  public long quarantined() {
    return quarantined;
  }

  public boolean reconciles() {
    return read + readmitted == upserted + duplicates + quarantined;
  }

  public FileCounts plus(FileCounts other) {
    return new FileCounts(read + other.read, readmitted + other.readmitted, upserted + other.upserted,
        duplicates + other.duplicates, quarantined + other.quarantined);
  }

  @Override
  public String toString() {
    return String.format("read %d + readmitted %d = upserted %d + duplicates %d + quarantined %d",
        read, readmitted, upserted, duplicates, quarantined);
  }
}
