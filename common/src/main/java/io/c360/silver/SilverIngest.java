package io.c360.silver;

import static io.c360.silver.Candidates.READMITTED;
import static io.c360.silver.Candidates.REASON;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import io.c360.catalog.Table;
import io.c360.lake.LakeLayout;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bronze → silver for one table and one batch of new file versions (DESIGN §4 steps 2–7), as its named phases:
 * read and parse ({@link BronzeReader}, {@link OrphanReparse}), classify ({@link Classifier}), count
 * ({@link Tally}), the ceiling ({@link RejectedShareCeiling}), quarantine, de-duplicate ({@link Deduplicator}),
 * write ({@link SilverWriter}) and reconcile ({@link Reconciliation}).
 *
 * <pre>
 * SilverResult result = SilverIngest.of(spark, layout).table(Catalog.CUSTOMERS).runId(7).files(files).execute();
 * </pre>
 */
public final class SilverIngest {
  private static final Logger LOG = LoggerFactory.getLogger(SilverIngest.class);

  private final SparkSession spark;
  private final LakeLayout layout;
  private final Quarantine quarantine;
  private Table table;
  private long runId = -1;
  private long lineageRunId = -1;
  private List<BronzeFile> files = List.of();
  private List<QualityRule> rules = List.of();
  private BronzeFormat format = BronzeFormat.DEFAULT;
  private RejectedShareCeiling ceiling = new RejectedShareCeiling(1.0);
  private boolean readmitOrphans = true;
  private ParentKeys parentKeys;
  private QuarantineWrites quarantineWrites;

  private SilverIngest(SparkSession spark, LakeLayout layout) {
    this.spark = spark;
    this.layout = layout;
    this.quarantine = new Quarantine(spark, layout);
  }

  public static SilverIngest of(SparkSession spark, LakeLayout layout) {
    return new SilverIngest(spark, layout);
  }

  public SilverIngest table(Table value) {
    this.table = value;
    return this;
  }

  /** The run doing the work; it marks quarantine rows it writes or re-admits. */
  public SilverIngest runId(long value) {
    this.runId = value;
    return this;
  }

  /** The run whose arrival order the new rows carry; defaults to {@link #runId}. A full refresh replays older ones. */
  public SilverIngest lineageRunId(long value) {
    this.lineageRunId = value;
    return this;
  }

  public SilverIngest files(List<BronzeFile> value) {
    this.files = value.stream().sorted().collect(Collectors.toList());
    return this;
  }

  /** How the bronze files are decoded ({@code c360.bronze}). */
  public SilverIngest format(BronzeFormat value) {
    this.format = value;
    return this;
  }

  public SilverIngest rules(List<QualityRule> value) {
    this.rules = List.copyOf(value);
    return this;
  }

  public SilverIngest maxRejectedFraction(double value) {
    this.ceiling = new RejectedShareCeiling(value);
    return this;
  }

  /** Whether to look for pending orphans of this table in quarantine (callers that know there are none skip it). */
  public SilverIngest readmitOrphans(boolean value) {
    this.readmitOrphans = value;
    return this;
  }

  /** Parent keys shared with the other tables of a stage; by default this table reads its own. */
  public SilverIngest parentKeys(ParentKeys value) {
    this.parentKeys = value;
    return this;
  }

  /** Collects this table's quarantine changes for the stage's one write; by default the table writes its own. */
  SilverIngest quarantineWrites(QuarantineWrites value) {
    this.quarantineWrites = value;
    return this;
  }

  public SilverResult execute() {
    if (table == null || runId <= 0) {
      throw new IllegalStateException("SilverIngest needs a table and a run id, got " + table + " and " + runId);
    }
    RecordParser parser = new RecordParser(table);
    Dataset<Row> candidates = candidates(parser);
    if (candidates == null) {
      return SilverResult.unchanged(table);
    }
    ParentKeys parents = parentKeys != null ? parentKeys : new ParentKeys(spark, layout);
    Classifier classifier = new Classifier(table, rules, parents);
    QuarantineWrites writes = quarantineWrites != null ? quarantineWrites : new QuarantineWrites(quarantine);
    Dataset<Row> classified = classifier.classify(Candidates.typed(candidates, table))
        .persist(StorageLevel.DISK_ONLY());
    writes.keepUntilWritten(classified);
    try {
      SilverResult result = ingest(classifier, classified, writes);
      if (quarantineWrites == null) {
        writes.flush(runId);
      }
      return result;
    } finally {
      if (quarantineWrites == null) {
        writes.release();
      }
      if (parentKeys == null) {
        parents.close();
      }
    }
  }

  /** Fresh lines of the new files and, if asked, this table's pending orphans; {@code null} when there are none. */
  private Dataset<Row> candidates(RecordParser parser) {
    Dataset<Row> candidates = null;
    if (!files.isEmpty()) {
      candidates = new BronzeReader(spark, layout, parser, format).read(files, lineageRunId > 0 ? lineageRunId : runId);
    }
    if (readmitOrphans) {
      Dataset<Row> orphans = OrphanReparse.candidates(quarantine.pendingOrphans(table), parser);
      candidates = candidates == null ? orphans : candidates.unionByName(orphans);
    }
    return candidates;
  }

  private SilverResult ingest(Classifier classifier, Dataset<Row> classified, QuarantineWrites writes) {
    long started = System.nanoTime();
    Tally tally = Tally.of(classified, rules);
    LOG.info("silver {}: parsed and classified in {} ms", table, (System.nanoTime() - started) / 1_000_000);
    tally.warnings().forEach((rule, rows) -> LOG.warn("table {}: {} rows violate expectation '{}' ({}); kept "
        + "(action warn)", table, rows, rule, rules.stream().filter(r -> r.name().equals(rule)).findFirst()
        .map(QualityRule::description).orElse("")));
    classifier.enforceFailRules(tally);
    if (files.isEmpty() && tally.readmitted().readmitted() == 0) {
      return SilverResult.unchanged(table);
    }
    Map<String, String> refused = ceiling.refused(files, tally);
    Column kept = RejectedShareCeiling.kept(refused);
    Column stillOrphan = col(READMITTED).and(coalesce(col(REASON), lit("")).startsWith(Reason.Kind.ORPHAN.prefix()));
    if (tally.withReason() > 0) {
      writes.reject(table, files, Quarantine.rejected(
          classified.filter(kept.and(col(REASON).isNotNull()).and(not(stillOrphan))), table, runId));
    }

    Dataset<Row> deduped = new Deduplicator(table).lastWins(classified.filter(kept.and(col(REASON).isNull())),
        tally.rows()).persist(StorageLevel.DISK_ONLY());
    try {
      Map<String, Long> survivors = new HashMap<>();
      long readmittedSurvivors = 0;
      for (Map.Entry<List<Object>, long[]> group
          : GroupCounts.of(deduped.select(Lineage.SOURCE_FILE, READMITTED), 2).entrySet()) {
        if ((Boolean) group.getKey().get(1)) {
          readmittedSurvivors += group.getValue()[0];
        } else {
          survivors.put((String) group.getKey().get(0), group.getValue()[0]);
        }
      }
      SilverWriter writer = new SilverWriter(spark, layout, table);
      long stale = readmittedSurvivors > 0 ? writer.stale(deduped) : 0;
      LOG.info("silver {}: quarantined and de-duplicated at {} ms", table, (System.nanoTime() - started) / 1_000_000);
      SilverWriter.Commit commit = writer.write(deduped.drop(READMITTED));
      LOG.info("silver {}: merged at {} ms", table, (System.nanoTime() - started) / 1_000_000);
      if (tally.readmitted().readmitted() > 0) {
        writes.readmit(Quarantine.readmittedKeys(classified.filter(col(READMITTED).and(not(stillOrphan))), table));
      }
      SilverResult result = new Reconciliation(table, runId)
          .reconcile(files, tally, refused, survivors, readmittedSurvivors, stale, commit);
      LOG.info("silver {}: {}; {} new rows in quarantine, version {}", table, result.total(),
          result.total().quarantined(), commit.version);
      return result;
    } finally {
      deduped.unpersist();
    }
  }
}
