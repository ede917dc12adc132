package io.c360.silver;

import io.c360.catalog.Table;
import io.c360.ledger.FileCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The counts of one table's run (DESIGN §4 step 7), per file and for re-admitted orphans: {@code rows read +
 * re-admitted = upserted + duplicates + newly quarantined}, and the rows the commit applied equal the upserted
 * ones. A run whose counts do not reconcile fails with {@link ReconciliationException}.
 */
final class Reconciliation {
  private final Table table;
  private final long runId;

  Reconciliation(Table table, long runId) {
    this.table = table;
    this.runId = runId;
  }

  /**
   * @param refused files refused by the ceiling, with their error
   * @param survivors de-duplicated rows per fresh file, by relative path
   * @param readmittedSurvivors de-duplicated rows that are re-admitted orphans
   * @param stale re-admitted survivors that a later version already in silver keeps out
   */
  SilverResult reconcile(List<BronzeFile> files, Tally tally, Map<String, String> refused,
      Map<String, Long> survivors, long readmittedSurvivors, long stale, SilverWriter.Commit commit) {
    List<FileOutcome> outcomes = new ArrayList<>();
    for (BronzeFile file : files) {
      FileCounts c = tally.file(file.relativePath());
      if (refused.containsKey(file.relativePath())) {
        outcomes.add(FileOutcome.rejected(file, refused.get(file.relativePath()), c.read()));
        continue;
      }
      long upserted = survivors.getOrDefault(file.relativePath(), 0L);
      long accepted = c.read() - c.quarantined();
      outcomes.add(FileOutcome.ingested(file,
          new FileCounts(c.read(), 0, upserted, accepted - upserted, c.quarantined())));
    }
    FileCounts r = tally.readmitted();
    long acceptedReadmitted = r.readmitted() - r.quarantined();
    FileCounts readmitted = new FileCounts(0, r.readmitted(), readmittedSurvivors - stale,
        acceptedReadmitted - readmittedSurvivors + stale, r.quarantined());
    SilverResult result = new SilverResult(table, outcomes, readmitted, tally.warnings(), commit.version);
    long upserted = result.total().upserted();
    if (commit.applied() != upserted || !result.total().reconciles()) {
      throw new ReconciliationException(String.format(
          "silver %s does not reconcile in run %d: %s; MERGE applied %d rows (inserted %d, updated %d)",
          table, runId, result.total(), commit.applied(), commit.inserted, commit.updated));
    }
    return result;
  }
}
