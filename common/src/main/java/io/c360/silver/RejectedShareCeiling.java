package io.c360.silver;

import static io.c360.silver.Candidates.READMITTED;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import io.c360.ledger.FileCounts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;

/**
 * The per-file ceiling on the rejected share ({@code c360.quality.max-rejected-fraction}, DESIGN §4 step 4): a
 * file whose MALFORMED, BAD_VALUE, NULL_KEY and dropped rows exceed that share of its rows is refused whole,
 * none of its rows ingested or quarantined, so that a fixed file can be sent again. Orphans do not count.
 */
final class RejectedShareCeiling {
  private final double maxRejectedFraction;

  RejectedShareCeiling(double maxRejectedFraction) {
    if (maxRejectedFraction < 0 || maxRejectedFraction > 1) {
      throw new IllegalArgumentException("max rejected fraction must be in [0,1]: " + maxRejectedFraction);
    }
    this.maxRejectedFraction = maxRejectedFraction;
  }

  /** The files refused, each with its error message, in the order given. */
  Map<String, String> refused(List<BronzeFile> files, Tally tally) {
    Map<String, String> refused = new LinkedHashMap<>();
    for (BronzeFile file : files) {
      FileCounts counts = tally.file(file.relativePath());
      long rejected = tally.rejectedForCeiling(file.relativePath());
      if (counts.read() > 0 && rejected > maxRejectedFraction * counts.read()) {
        refused.put(file.relativePath(), String.format(
            "bronze file %s: %d of %d rows rejected (%.1f%%), above c360.quality.max-rejected-fraction = %s; "
                + "none of its rows were ingested or quarantined: fix the file (or raise the threshold) and rerun",
            file, rejected, counts.read(), 100.0 * rejected / counts.read(), maxRejectedFraction));
      }
    }
    return refused;
  }

  /** True for candidate rows that go on: re-admitted orphans, and lines of files not refused. */
  static Column kept(Map<String, String> refused) {
    return refused.isEmpty() ? lit(true)
        : not(col(Lineage.SOURCE_FILE).isin(refused.keySet().toArray()).and(col(READMITTED).equalTo(false)));
  }
}
