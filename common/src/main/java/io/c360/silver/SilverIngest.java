package io.c360.silver;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.input_file_block_start;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.c360.catalog.Catalog;
import io.c360.catalog.ForeignKey;
import io.c360.catalog.Table;
import io.c360.config.ExpectationAction;
import io.c360.lake.LakeLayout;
import io.c360.ledger.FileCounts;
import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bronze → silver for one table and one batch of new file versions (DESIGN §4 steps 2–7): parse strictly,
 * normalise, reject with one reason per row, re-admit orphans whose parent has arrived, de-duplicate last-wins,
 * MERGE into the silver Delta table and reconcile the counts.
 *
 * <pre>
 * SilverResult result = SilverIngest.of(spark, layout).table(Catalog.CUSTOMERS).runId(7).files(files).execute();
 * </pre>
 */
public final class SilverIngest {
  private static final Logger LOG = LoggerFactory.getLogger(SilverIngest.class);

  static final String SHA256 = "_source_sha256";
  static final String RAW = "_raw_line";
  static final String REASON = "_reason";
  static final String READMITTED = "_readmitted";
  static final String QUARANTINE_REASON = "_quarantine_reason";
  private static final String LAST = "_last";
  private static final String PARENT_KEY = "_parent_key";

  private final SparkSession spark;
  private final LakeLayout layout;
  private final Quarantine quarantine;
  private Table table;
  private long runId = -1;
  private long lineageRunId = -1;
  private List<BronzeFile> files = List.of();
  private List<QualityRule> rules = List.of();
  private double maxRejectedFraction = 1.0;
  private boolean readmitOrphans = true;

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

  public SilverIngest rules(List<QualityRule> value) {
    this.rules = List.copyOf(value);
    return this;
  }

  public SilverIngest maxRejectedFraction(double value) {
    if (value < 0 || value > 1) {
      throw new IllegalArgumentException("max rejected fraction must be in [0,1]: " + value);
    }
    this.maxRejectedFraction = value;
    return this;
  }

  /** Whether to look for pending orphans of this table in quarantine (callers that know there are none skip it). */
  public SilverIngest readmitOrphans(boolean value) {
    this.readmitOrphans = value;
    return this;
  }

  public SilverResult execute() {
    if (table == null || runId <= 0) {
      throw new IllegalStateException("SilverIngest needs a table and a run id, got " + table + " and " + runId);
    }
    long lineage = lineageRunId > 0 ? lineageRunId : runId;
    RecordParser parser = new RecordParser(table);

    List<Dataset<Row>> parts = new ArrayList<>();
    Dataset<Row> parsed = null;
    if (!files.isEmpty()) {
      parsed = parse(parser);
      parts.add(freshRows(parsed, parser, lineage));
    }
    if (readmitOrphans) {
      parts.add(readmittedRows(quarantine.pendingOrphans(table), parser));
    }
    if (parts.isEmpty()) {
      return SilverResult.unchanged(table);
    }
    Dataset<Row> candidates = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      candidates = candidates.unionByName(parts.get(i));
    }
    Dataset<Row> classified = classify(typed(candidates)).persist(StorageLevel.DISK_ONLY());
    try {
      return mergeAndReconcile(classified);
    } finally {
      classified.unpersist();
      if (parsed != null) {
        parsed.unpersist();
      }
    }
  }

  private Dataset<Row> parse(RecordParser parser) {
    String[] paths = files.stream().map(f -> f.path().toString()).toArray(String[]::new);
    Dataset<Row> lines = spark.read().text(paths)
        .select(col("value"), input_file_name(), input_file_block_start());
    return lines.mapPartitions(new BronzeLines(parser, layout.bronze().toUri().getPath()),
        Encoders.row(BronzeLines.schema(parser))).persist(StorageLevel.DISK_ONLY());
  }

  /** Data rows of the new files with their exact line numbers, derived from each split's line count. */
  private Dataset<Row> freshRows(Dataset<Row> parsed, RecordParser parser, long lineage) {
    List<Row> ends = parsed.filter(col(BronzeLines.KIND).equalTo(BronzeLines.KIND_SPLIT_END))
        .select(BronzeLines.FILE, BronzeLines.SPLIT, BronzeLines.INDEX).collectAsList();
    Map<String, String> shaByFile = new HashMap<>();
    files.forEach(f -> shaByFile.put(f.relativePath(), f.sha256()));
    List<Row> sorted = new ArrayList<>(ends);
    sorted.sort(Comparator.<Row, String>comparing(r -> r.getString(0)).thenComparingLong(r -> r.getLong(1)));
    List<Row> splitStarts = new ArrayList<>();
    String file = null;
    long linesBefore = 0;
    for (Row end : sorted) {
      if (!end.getString(0).equals(file)) {
        file = end.getString(0);
        linesBefore = 0;
      }
      splitStarts.add(RowFactory.create(file, end.getLong(1), linesBefore, shaByFile.get(file)));
      linesBefore += end.getLong(2);
    }
    StructType splitSchema = new StructType()
        .add(BronzeLines.FILE, DataTypes.StringType)
        .add(BronzeLines.SPLIT, DataTypes.LongType)
        .add("_lines_before", DataTypes.LongType)
        .add(SHA256, DataTypes.StringType);
    Dataset<Row> splits = spark.createDataFrame(splitStarts, splitSchema);

    List<Column> columns = new ArrayList<>();
    columns.add(lit(lineage).as(Lineage.RUN_ID));
    columns.add(col(BronzeLines.FILE).as(Lineage.SOURCE_FILE));
    columns.add(col("_lines_before").plus(col(BronzeLines.INDEX)).plus(1).as(Lineage.SOURCE_LINE));
    columns.add(col(SHA256));
    columns.add(col(BronzeLines.RAW).as(RAW));
    columns.add(col(BronzeLines.REASON).as(REASON));
    columns.add(lit(false).as(READMITTED));
    columns.add(lit(null).cast(DataTypes.StringType).as(QUARANTINE_REASON));
    parser.table().columnNames().forEach(c -> columns.add(col(c)));
    return parsed.filter(col(BronzeLines.KIND).equalTo(BronzeLines.KIND_ROW))
        .join(broadcast(splits), scala.collection.JavaConverters.asScalaBuffer(
            List.of(BronzeLines.FILE, BronzeLines.SPLIT)).toSeq())
        .select(columns.toArray(new Column[0]));
  }

  private Dataset<Row> readmittedRows(Dataset<Row> pending, RecordParser parser) {
    return pending
        .select("lineage_run_id", "source_file", "source_line", "source_sha256", "raw_line", "reason")
        .mapPartitions(new OrphanReparse(parser), Encoders.row(OrphanReparse.schema(parser)))
        .withColumn(READMITTED, lit(true));
  }

  private Dataset<Row> typed(Dataset<Row> candidates) {
    Dataset<Row> typed = candidates;
    for (io.c360.catalog.Column column : table.columns()) {
      typed = typed.withColumn(column.name(), col(column.name()).cast(column.type().sparkType()));
    }
    return typed;
  }

  /** Adds ORPHAN and expectation reasons (DESIGN §4 order) and one flag column per warn/fail rule. */
  private Dataset<Row> classify(Dataset<Row> typed) {
    Dataset<Row> rows = typed;
    for (ForeignKey fk : table.foreignKeys()) {
      Table parent = Catalog.table(fk.parentTable());
      String parentPath = layout.silver(parent).toString();
      if (!DeltaTable.isDeltaTable(spark, parentPath)) {
        rows = rows.withColumn(REASON, when(col(REASON).isNull().and(col(fk.column()).isNotNull()),
            lit(Quarantine.ORPHAN_PREFIX + fk.column())).otherwise(col(REASON)));
        continue;
      }
      Dataset<Row> parentKeys = spark.read().format("delta").load(parentPath)
          .select(col(fk.parentColumn()).as(PARENT_KEY));
      rows = rows.join(parentKeys, col(fk.column()).equalTo(col(PARENT_KEY)), "left")
          .withColumn(REASON, when(col(REASON).isNull().and(col(fk.column()).isNotNull())
              .and(col(PARENT_KEY).isNull()), lit(Quarantine.ORPHAN_PREFIX + fk.column())).otherwise(col(REASON)))
          .drop(PARENT_KEY);
    }
    for (int i = 0; i < rules.size(); i++) {
      QualityRule rule = rules.get(i);
      Column hit = col(REASON).isNull().and(rule.violated());
      if (rule.action() == ExpectationAction.DROP) {
        rows = rows.withColumn(REASON, when(hit, lit(rule.reason())).otherwise(col(REASON)));
      } else {
        rows = rows.withColumn(flag(i), hit);
      }
    }
    return rows;
  }

  private static String flag(int rule) {
    return "_rule_" + rule;
  }

  private SilverResult mergeAndReconcile(Dataset<Row> classified) {
    long started = System.nanoTime();
    Tally tally = tally(classified);
    LOG.info("silver {}: parsed and classified in {} ms", table, (System.nanoTime() - started) / 1_000_000);
    checkFailRules(tally);
    if (files.isEmpty() && tally.readmitted.readmitted() == 0) {
      return SilverResult.unchanged(table);
    }

    Set<String> failedFiles = new HashSet<>();
    Map<String, String> fileErrors = new LinkedHashMap<>();
    for (BronzeFile file : files) {
      FileCounts c = tally.files.getOrDefault(file.relativePath(), FileCounts.NONE);
      long garbage = tally.garbage.getOrDefault(file.relativePath(), 0L);
      if (c.read() > 0 && garbage > maxRejectedFraction * c.read()) {
        failedFiles.add(file.relativePath());
        fileErrors.put(file.relativePath(), String.format(
            "bronze file %s: %d of %d rows rejected (%.1f%%), above c360.quality.max-rejected-fraction = %s; "
                + "none of its rows were ingested or quarantined: fix the file (or raise the threshold) and rerun",
            file, garbage, c.read(), 100.0 * garbage / c.read(), maxRejectedFraction));
      }
    }
    Column keep = failedFiles.isEmpty() ? lit(true)
        : not(col(Lineage.SOURCE_FILE).isin(failedFiles.toArray()).and(col(READMITTED).equalTo(false)));

    Column stillOrphan = col(READMITTED).and(coalesce(col(REASON), lit("")).startsWith(Quarantine.ORPHAN_PREFIX));
    Dataset<Row> rejects = classified.filter(keep.and(col(REASON).isNotNull()).and(not(stillOrphan)))
        .select(lit(table.name()).as("table_name"), col(Lineage.SOURCE_FILE).as("source_file"),
            col(SHA256).as("source_sha256"), col(Lineage.SOURCE_LINE).as("source_line"),
            col(Lineage.RUN_ID).as("lineage_run_id"), col(REASON).as("reason"), col(RAW).as("raw_line"),
            lit(runId).as("quarantined_run_id"));
    if (tally.newlyQuarantined > 0) {
      quarantine.add(rejects, table.name(), files);
    }

    Dataset<Row> deduped = deduplicate(classified.filter(keep.and(col(REASON).isNull())))
        .persist(StorageLevel.DISK_ONLY());
    try {
      Map<String, Long> survivors = new HashMap<>();
      long survivorsReadmitted = 0;
      for (Row row : deduped.groupBy(Lineage.SOURCE_FILE, READMITTED).count().collectAsList()) {
        if (row.getBoolean(1)) {
          survivorsReadmitted += row.getLong(2);
        } else {
          survivors.put(row.getString(0), row.getLong(2));
        }
      }
      long stale = survivorsReadmitted > 0 ? countStale(deduped) : 0;
      LOG.info("silver {}: quarantined and de-duplicated at {} ms", table, (System.nanoTime() - started) / 1_000_000);
      MergeOutcome merge = merge(deduped.drop(READMITTED));
      LOG.info("silver {}: merged at {} ms", table, (System.nanoTime() - started) / 1_000_000);

      List<FileOutcome> outcomes = new ArrayList<>();
      for (BronzeFile file : files) {
        FileCounts c = tally.files.getOrDefault(file.relativePath(), FileCounts.NONE);
        if (failedFiles.contains(file.relativePath())) {
          outcomes.add(FileOutcome.rejected(file, fileErrors.get(file.relativePath()), c.read()));
          continue;
        }
        long upserted = survivors.getOrDefault(file.relativePath(), 0L);
        long accepted = c.read() - c.quarantined();
        outcomes.add(FileOutcome.ingested(file,
            new FileCounts(c.read(), 0, upserted, accepted - upserted, c.quarantined())));
      }
      FileCounts r = tally.readmitted;
      long acceptedReadmitted = r.readmitted() - r.quarantined();
      FileCounts readmitted = new FileCounts(0, r.readmitted(), survivorsReadmitted - stale,
          acceptedReadmitted - survivorsReadmitted + stale, r.quarantined());
      if (r.readmitted() > 0) {
        quarantine.markReadmitted(classified.filter(col(READMITTED).and(not(stillOrphan)))
            .select(lit(table.name()).as("table_name"), col(Lineage.SOURCE_FILE).as("source_file"),
                col(SHA256).as("source_sha256"), col(Lineage.SOURCE_LINE).as("source_line"),
                col(QUARANTINE_REASON).as("reason")), runId);
      }
      SilverResult result = new SilverResult(table, outcomes, readmitted, tally.warnings, merge.version);
      long upserted = result.total().upserted();
      if (merge.applied != upserted || !result.total().reconciles()) {
        throw new ReconciliationException(String.format(
            "silver %s does not reconcile in run %d: %s; MERGE applied %d rows (inserted %d, updated %d)",
            table, runId, result.total(), merge.applied, merge.inserted, merge.updated));
      }
      LOG.info("silver {}: {}; {} new rows in quarantine, version {}", table, result.total(),
          result.total().quarantined(), merge.version);
      return result;
    } finally {
      deduped.unpersist();
    }
  }

  /** Last occurrence wins: the row with the greatest (run, file, line) per key, whatever the partitioning. */
  private Dataset<Row> deduplicate(Dataset<Row> accepted) {
    List<Column> ordered = new ArrayList<>();
    Lineage.COLUMNS.forEach(c -> ordered.add(col(c)));
    ordered.add(col(READMITTED));
    table.columnNames().stream().filter(c -> !table.isPrimaryKey(c)).forEach(c -> ordered.add(col(c)));
    Column[] keys = table.primaryKey().stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    List<Column> output = new ArrayList<>();
    for (String c : table.columnNames()) {
      output.add(table.isPrimaryKey(c) ? col(c) : col(LAST + "." + c).as(c));
    }
    Lineage.COLUMNS.forEach(c -> output.add(col(LAST + "." + c).as(c)));
    output.add(col(LAST + "." + READMITTED).as(READMITTED));
    return accepted.groupBy(keys).agg(max(struct(ordered.toArray(new Column[0]))).as(LAST))
        .select(output.toArray(new Column[0]));
  }

  /** Re-admitted rows that a later version of their key, already in silver, must not replace. */
  private long countStale(Dataset<Row> deduped) {
    String path = layout.silver(table).toString();
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return 0;
    }
    Dataset<Row> target = spark.read().format("delta").load(path).alias("t");
    return deduped.filter(col(READMITTED)).alias("s").join(target, keyMatch())
        .filter(order("t").geq(order("s"))).count();
  }

  /** Primary key equality between the source {@code s} and the silver target {@code t}. */
  private Column keyMatch() {
    Column match = lit(true);
    for (String key : table.primaryKey()) {
      match = match.and(col("t." + key).equalTo(col("s." + key)));
    }
    return match;
  }

  private static Column order(String alias) {
    return struct(Lineage.COLUMNS.stream().map(c -> col(alias + "." + c)).toArray(Column[]::new));
  }

  private MergeOutcome merge(Dataset<Row> source) {
    String path = layout.silver(table).toString();
    StructType schema = table.sparkSchema()
        .add(Lineage.RUN_ID, DataTypes.LongType)
        .add(Lineage.SOURCE_FILE, DataTypes.StringType)
        .add(Lineage.SOURCE_LINE, DataTypes.LongType);
    if (!DeltaTable.isDeltaTable(spark, path)) {
      // First load: the source is already one row per key, so a plain write equals the MERGE and costs less.
      source.select(schema.fieldNames()[0], java.util.Arrays.copyOfRange(schema.fieldNames(), 1, schema.size()))
          .write().format("delta").option("delta.enableChangeDataFeed", "true").mode("errorifexists").save(path);
      Row created = DeltaTable.forPath(spark, path).history(1).select("version", "operationMetrics").first();
      long written = Long.parseLong(created.<String, String>getMap(1).getOrElse("numOutputRows", () -> "0"));
      return new MergeOutcome(created.getLong(0), written, 0);
    }
    DeltaTable target = DeltaTable.forPath(spark, path);
    target.as("t").merge(source.as("s"), keyMatch())
        .whenMatched(order("s").gt(order("t"))).updateAll()
        .whenNotMatched().insertAll()
        .execute();
    Row last = target.history(1).select("version", "operationMetrics").first();
    scala.collection.Map<String, String> metrics = last.getMap(1);
    long inserted = Long.parseLong(metrics.getOrElse("numTargetRowsInserted", () -> "0"));
    long updated = Long.parseLong(metrics.getOrElse("numTargetRowsUpdated", () -> "0"));
    return new MergeOutcome(last.getLong(0), inserted, updated);
  }

  private void checkFailRules(Tally tally) {
    for (int i = 0; i < rules.size(); i++) {
      QualityRule rule = rules.get(i);
      long violations = tally.ruleHits[i];
      if (rule.action() == ExpectationAction.FAIL && violations > 0) {
        throw new ExpectationFailedException(String.format(
            "table %s: %d rows violate expectation '%s' (%s) whose action is fail; nothing was merged into "
                + "silver %s and its files stay unrecorded, so the next run retries them",
            table, violations, rule.name(), rule.description(), table));
      }
    }
  }

  /** One pass over the classified rows: counts per file, per reason, for re-admitted rows and per rule. */
  private Tally tally(Dataset<Row> classified) {
    List<Column> aggregates = new ArrayList<>();
    aggregates.add(count(lit(1)).as("_rows"));
    List<Integer> flagged = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i).action() != ExpectationAction.DROP) {
        aggregates.add(sum(col(flag(i)).cast(DataTypes.LongType)).as(flag(i)));
        flagged.add(i);
      }
    }
    List<Row> groups = classified.groupBy(col(Lineage.SOURCE_FILE), col(READMITTED), col(REASON))
        .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(new Column[0]))
        .collectAsList();
    Tally tally = new Tally(rules.size());
    for (Row g : groups) {
      String file = g.getString(0);
      boolean readmitted = g.getBoolean(1);
      String reason = g.getString(2);
      long rows = g.getLong(3);
      for (int k = 0; k < flagged.size(); k++) {
        tally.ruleHits[flagged.get(k)] += g.isNullAt(4 + k) ? 0 : g.getLong(4 + k);
      }
      if (readmitted) {
        if (reason != null && reason.startsWith(Quarantine.ORPHAN_PREFIX)) {
          continue;
        }
        long quarantined = reason == null ? 0 : rows;
        tally.readmitted = tally.readmitted.plus(new FileCounts(0, rows, 0, 0, quarantined));
      } else {
        long quarantined = reason == null ? 0 : rows;
        tally.files.merge(file, new FileCounts(rows, 0, 0, 0, quarantined), FileCounts::plus);
        if (reason != null && !reason.startsWith(Quarantine.ORPHAN_PREFIX)) {
          tally.garbage.merge(file, rows, Long::sum);
        }
      }
      if (reason != null) {
        tally.newlyQuarantined += rows;
      }
    }
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i).action() == ExpectationAction.WARN && tally.ruleHits[i] > 0) {
        tally.warnings.put(rules.get(i).name(), tally.ruleHits[i]);
        LOG.warn("table {}: {} rows violate expectation '{}' ({}); kept (action warn)", table,
            tally.ruleHits[i], rules.get(i).name(), rules.get(i).description());
      }
    }
    return tally;
  }

  private static final class Tally {
    final Map<String, FileCounts> files = new HashMap<>();
    final Map<String, Long> garbage = new HashMap<>();
    final Map<String, Long> warnings = new TreeMap<>();
    final long[] ruleHits;
    FileCounts readmitted = FileCounts.NONE;
    long newlyQuarantined;

    Tally(int rules) {
      ruleHits = new long[rules];
    }
  }

  private static final class MergeOutcome {
    final long version;
    final long inserted;
    final long updated;
    final long applied;

    MergeOutcome(long version, long inserted, long updated) {
      this.version = version;
      this.inserted = inserted;
      this.updated = updated;
      this.applied = inserted + updated;
    }
  }
}
