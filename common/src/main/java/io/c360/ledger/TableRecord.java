package io.c360.ledger;

import java.util.Map;
import java.util.TreeMap;

/** What one run did with one silver table: reconciled counts, expectation warnings and the new Delta version. */
public final class TableRecord {
  private final long runId;
  private final String table;
  private final int files;
  private final FileCounts counts;
  private final Map<String, Long> warnings;
  private final long silverVersion;

  public TableRecord(long runId, String table, int files, FileCounts counts, Map<String, Long> warnings,
      long silverVersion) {
    this.runId = runId;
    this.table = table;
    this.files = files;
    this.counts = counts;
    this.warnings = new TreeMap<>(warnings);
    this.silverVersion = silverVersion;
  }

  public long runId() {
    return runId;
  }

  public String table() {
    return table;
  }

  public int files() {
    return files;
  }

  public FileCounts counts() {
    return counts;
  }

  /** Rows that violated a {@code warn} expectation, by expectation name; they were kept. */
  public Map<String, Long> warnings() {
    return warnings;
  }

  /** The silver table's Delta version after this run, or -1 when nothing was merged. */
  public long silverVersion() {
    return silverVersion;
  }
}
