package io.c360.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.c360.catalog.Table;
import io.c360.lake.LakeLayout;
import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Every rejected row with its table, source file version, line, reason and raw text, as one Delta table under
 * {@code quarantine/}. Orphans stay pending until a later run finds their parent and re-admits them.
 * Rows are keyed by (table, file, sha256, line, reason), so a run retried after a crash adds nothing twice.
 */
public final class Quarantine {

  public static final String ORPHAN_PREFIX = "ORPHAN:";

  static final StructType SCHEMA = new StructType()
      .add("table_name", DataTypes.StringType, false)
      .add("source_file", DataTypes.StringType, false)
      .add("source_sha256", DataTypes.StringType, false)
      .add("source_line", DataTypes.LongType, false)
      .add("lineage_run_id", DataTypes.LongType, false)
      .add("reason", DataTypes.StringType, false)
      .add("raw_line", DataTypes.StringType, true)
      .add("quarantined_run_id", DataTypes.LongType, false)
      .add("readmitted_run_id", DataTypes.LongType, true);

  /**
   * Tables of one level load concurrently; their quarantine writes take turns, since a MERGE or DELETE that
   * read the whole table would conflict with another table's concurrent append.
   */
  private static final Object WRITES = new Object();

  private static final List<String> KEY =
      List.of("table_name", "source_file", "source_sha256", "source_line", "reason");

  private final SparkSession spark;
  private final LakeLayout layout;

  public Quarantine(SparkSession spark, LakeLayout layout) {
    this.spark = spark;
    this.layout = layout;
  }

  public Dataset<Row> rows() {
    if (!exists()) {
      return spark.createDataFrame(List.of(), SCHEMA);
    }
    return spark.read().format("delta").load(path());
  }

  /** Orphans of {@code table} not yet re-admitted. */
  Dataset<Row> pendingOrphans(Table table) {
    return rows().filter(col("table_name").equalTo(table.name())
        .and(col("reason").startsWith(ORPHAN_PREFIX))
        .and(col("readmitted_run_id").isNull()));
  }

  /** Number of pending orphans per table name, read without a Spark job ({@link QuarantineReader}). */
  Map<String, Long> pendingOrphanCounts() {
    Map<String, Long> counts = new java.util.HashMap<>();
    for (QuarantineReader.Entry entry : new QuarantineReader(layout).rows()) {
      if (entry.reason().startsWith(ORPHAN_PREFIX) && entry.readmittedRunId() == null) {
        counts.merge(entry.table(), 1L, Long::sum);
      }
    }
    return counts;
  }

  /**
   * Adds rejected rows (columns of {@link #SCHEMA} but {@code readmitted_run_id}) of the given file versions.
   * Rows left by a crashed run that got as far as the quarantine but not the ledger are replaced, not doubled:
   * a file version the ledger has not recorded can only have quarantine rows from such a run.
   */
  void add(Dataset<Row> rejected, String table, List<BronzeFile> fileVersions) {
    Dataset<Row> source = rejected.withColumn("readmitted_run_id", lit(null).cast(DataTypes.LongType))
        .select(SCHEMA.fieldNames()[0], java.util.Arrays.copyOfRange(SCHEMA.fieldNames(), 1, SCHEMA.size()));
    synchronized (WRITES) {
      replaceLeftoversAndAppend(source, table, fileVersions);
    }
  }

  private void replaceLeftoversAndAppend(Dataset<Row> source, String table, List<BronzeFile> fileVersions) {
    if (exists() && !fileVersions.isEmpty()) {
      Column leftovers = lit(false);
      for (BronzeFile file : fileVersions) {
        leftovers = leftovers.or(col("source_file").equalTo(file.relativePath())
            .and(col("source_sha256").equalTo(file.sha256())));
      }
      leftovers = col("table_name").equalTo(table).and(leftovers);
      if (!rows().filter(leftovers).isEmpty()) {
        DeltaTable.forPath(spark, path()).delete(leftovers);
      }
    }
    // Appending (not merging) keeps a run's quarantine write to one cheap commit.
    source.write().format("delta").partitionBy("table_name").mode("append").save(path());
  }

  /** Marks pending orphans (given by key columns) as re-admitted by {@code runId}. */
  void markReadmitted(Dataset<Row> keys, long runId) {
    synchronized (WRITES) {
      ensureExists();
      DeltaTable.forPath(spark, path()).as("t")
          .merge(keys.as("s"), keyMatch())
          .whenMatched(col("t.readmitted_run_id").isNull())
          .updateExpr(Map.of("readmitted_run_id", Long.toString(runId)))
          .execute();
    }
  }

  private Column keyMatch() {
    Column match = lit(true);
    for (String key : KEY) {
      match = match.and(col("t." + key).equalTo(col("s." + key)));
    }
    return match;
  }

  void ensureExists() {
    if (!exists()) {
      DeltaTable.createIfNotExists(spark).location(path()).addColumns(SCHEMA)
          .partitionedBy("table_name").execute();
    }
  }

  private boolean exists() {
    return DeltaTable.isDeltaTable(spark, path());
  }

  private String path() {
    return layout.quarantine().toString();
  }
}
