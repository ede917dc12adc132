package io.c360.gold;

import java.util.Locale;

/**
 * What a gold run did to one state or gold table, and where its seconds went: reading the silver changes is shared
 * by the run ({@link GoldStage}), so per table there is computing and comparing the rows, then writing them.
 */
public final class GoldTableResult {
  private final String table;
  private final boolean committed;
  private final boolean whole;
  private final long changedRows;
  private final double diffSeconds;
  private final double writeSeconds;

  GoldTableResult(String table, GoldMerge.Outcome outcome) {
    this.table = table;
    this.committed = outcome.committed;
    this.whole = outcome.whole;
    this.changedRows = outcome.changed;
    this.diffSeconds = outcome.diffSeconds;
    this.writeSeconds = outcome.writeSeconds;
  }

  public String table() {
    return table;
  }

  public boolean committed() {
    return committed;
  }

  /** Rows inserted, updated or deleted; -1 when the table was written whole. */
  public long changedRows() {
    return changedRows;
  }

  /** E.g. {@code CustomerFacts: 5,812 rows changed (compute and compare 1.2 s, MERGE 2.3 s)}. */
  public String describe() {
    if (!committed) {
      return String.format(Locale.ROOT, "%s: no row differs, not committed (compute and compare %.1f s)", table,
          diffSeconds);
    }
    if (changedRows < 0) {
      return String.format(Locale.ROOT, "%s: written whole (%.1f s)", table, writeSeconds);
    }
    if (whole) {
      return String.format(Locale.ROOT, "%s: %,d rows changed, overwritten (compute and compare %.1f s, write %.1f s)",
          table, changedRows, diffSeconds, writeSeconds);
    }
    return String.format(Locale.ROOT, "%s: %,d rows changed (compute and compare %.1f s, MERGE %.1f s)", table,
        changedRows, diffSeconds, writeSeconds);
  }
}
