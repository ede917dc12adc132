package io.c360.silver;

import io.c360.catalog.Table;
import io.c360.ledger.FileCounts;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The outcome of {@link SilverIngest} for one table: per-file counts, re-admitted orphans, reasons, warnings. */
public final class SilverResult {
  private final Table table;
  private final List<FileOutcome> files;
  private final FileCounts readmitted;
  private final Map<String, Long> warnings;
  private final long silverVersion;

  SilverResult(Table table, List<FileOutcome> files, FileCounts readmitted, Map<String, Long> warnings,
      long silverVersion) {
    this.table = table;
    this.files = List.copyOf(files);
    this.readmitted = readmitted;
    this.warnings = new TreeMap<>(warnings);
    this.silverVersion = silverVersion;
  }

  static SilverResult unchanged(Table table) {
    return new SilverResult(table, List.of(), FileCounts.NONE, Map.of(), -1);
  }

  public Table table() {
    return table;
  }

  public List<FileOutcome> files() {
    return files;
  }

  /** Counts of orphans taken back from quarantine this run (their {@code read} is zero). */
  public FileCounts readmitted() {
    return readmitted;
  }

  /** All ingested files plus re-admitted orphans; rejected files are left out since their rows went nowhere. */
  public FileCounts total() {
    FileCounts total = readmitted;
    for (FileOutcome file : files) {
      if (file.isIngested()) {
        total = total.plus(file.counts());
      }
    }
    return total;
  }

  public Map<String, Long> warnings() {
    return warnings;
  }

  /** The silver table's Delta version after the MERGE, or -1 when nothing was merged. */
  public long silverVersion() {
    return silverVersion;
  }
}
