package io.c360.silver;

import static io.c360.silver.Candidates.READMITTED;
import static io.c360.silver.Candidates.REASON;
import static org.apache.spark.sql.functions.col;

import io.c360.config.ExpectationAction;
import io.c360.ledger.FileCounts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The counts of one table's classified rows, from one pass without a shuffle: rows and rejects per file,
 * the rejected share that the ceiling judges (orphans do not count), re-admitted orphans taken back or
 * rejected again, and the violations of each warn/fail rule.
 */
final class Tally {
  private final Map<String, FileCounts> files = new HashMap<>();
  private final Map<String, Long> rejectedShare = new HashMap<>();
  private final Map<String, Long> warnings = new TreeMap<>();
  private final long[] ruleHits;
  private FileCounts readmitted = FileCounts.NONE;
  private long quarantined;
  private long rows;

  private Tally(int rules) {
    ruleHits = new long[rules];
  }

  /** One Spark job over {@code classified} (which it materialises if persisted), see {@link GroupCounts}. */
  static Tally of(Dataset<Row> classified, List<QualityRule> rules) {
    List<Column> columns = new ArrayList<>(List.of(col(Lineage.SOURCE_FILE), col(READMITTED), col(REASON)));
    List<Integer> flagged = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i).action() != ExpectationAction.DROP) {
        columns.add(col(Classifier.flag(i)));
        flagged.add(i);
      }
    }
    int flags = flagged.size();
    Tally tally = new Tally(rules.size());
    GroupCounts.of(classified.select(columns.toArray(new Column[0])), 3).forEach((key, counts) -> {
      for (int k = 0; k < flags; k++) {
        tally.ruleHits[flagged.get(k)] += counts[1 + k];
      }
      tally.add((String) key.get(0), (Boolean) key.get(1), (String) key.get(2), counts[0]);
    });
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i).action() == ExpectationAction.WARN && tally.ruleHits[i] > 0) {
        tally.warnings.put(rules.get(i).name(), tally.ruleHits[i]);
      }
    }
    return tally;
  }

  private void add(String file, boolean readmittedRow, String reason, long rows) {
    this.rows += rows;
    if (reason != null) {
      quarantined += rows;
    }
    long rejected = reason == null ? 0 : rows;
    if (readmittedRow) {
      if (!Reason.Kind.ORPHAN.matches(reason)) {
        readmitted = readmitted.plus(new FileCounts(0, rows, 0, 0, rejected));
      }
      return;
    }
    files.merge(file, new FileCounts(rows, 0, 0, 0, rejected), FileCounts::plus);
    if (reason != null && !Reason.Kind.ORPHAN.matches(reason)) {
      rejectedShare.merge(file, rows, Long::sum);
    }
  }

  /** Rows read from {@code file} and how many of them were rejected (upserted and duplicates are not known yet). */
  FileCounts file(String file) {
    return files.getOrDefault(file, FileCounts.NONE);
  }

  /** Rows of {@code file} rejected for a reason other than ORPHAN, which the ceiling compares with rows read. */
  long rejectedForCeiling(String file) {
    return rejectedShare.getOrDefault(file, 0L);
  }

  /** Re-admitted orphans that found their parents: rows, and those rejected for another reason. */
  FileCounts readmitted() {
    return readmitted;
  }

  /** Rows with any reason, including orphans that still wait (so zero means nothing goes to quarantine). */
  long withReason() {
    return quarantined;
  }

  /** Every row counted: read, re-admitted, rejected or not. */
  long rows() {
    return rows;
  }

  long ruleHits(int rule) {
    return ruleHits[rule];
  }

  /** Rows kept despite violating a warn rule, by rule name. */
  Map<String, Long> warnings() {
    return warnings;
  }

  /** For hand-built tallies in tests: one group of rows. */
  static Tally of(int rules) {
    return new Tally(rules);
  }

  Tally with(String file, boolean readmittedRow, String reason, long rows) {
    add(file, readmittedRow, reason, rows);
    return this;
  }
}
