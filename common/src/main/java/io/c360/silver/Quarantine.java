package io.c360.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static io.c360.silver.QuarantineSchema.LINEAGE_RUN_ID;
import static io.c360.silver.QuarantineSchema.QUARANTINED_RUN_ID;
import static io.c360.silver.QuarantineSchema.RAW_LINE;
import static io.c360.silver.QuarantineSchema.READMITTED_RUN_ID;
import static io.c360.silver.QuarantineSchema.REASON;
import static io.c360.silver.QuarantineSchema.SOURCE_FILE;
import static io.c360.silver.QuarantineSchema.SOURCE_LINE;
import static io.c360.silver.QuarantineSchema.SOURCE_SHA256;
import static io.c360.silver.QuarantineSchema.TABLE_NAME;

import io.c360.catalog.Table;
import io.c360.lake.LakeLayout;
import io.delta.tables.DeltaMergeBuilder;
import io.delta.tables.DeltaTable;
import java.util.Arrays;
import java.util.LinkedHashMap;
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

  private static final StructType SCHEMA = QuarantineSchema.SCHEMA;
  private static final String MARK = "_readmit";

  /**
   * Tables of one level load concurrently; their quarantine writes take turns, since a MERGE or DELETE that
   * read the whole table would conflict with another table's concurrent append.
   */
  private static final Object WRITES = new Object();

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
    return rows().filter(col(TABLE_NAME).equalTo(table.name()).and(pendingOrphan()));
  }

  /** Number of pending orphans per table name, read without a Spark job ({@link QuarantineReader}). */
  Map<String, Long> pendingOrphanCounts() {
    Map<String, Long> counts = new java.util.HashMap<>();
    for (QuarantineReader.Entry entry : new QuarantineReader(layout).rows()) {
      if (Reason.Kind.ORPHAN.matches(entry.reason()) && entry.readmittedRunId() == null) {
        counts.merge(entry.table(), 1L, Long::sum);
      }
    }
    return counts;
  }

  private static Column pendingOrphan() {
    return col(REASON).startsWith(Reason.Kind.ORPHAN.prefix()).and(col(READMITTED_RUN_ID).isNull());
  }

  /** Rejected {@link Candidates} of {@code table} as quarantine rows (all columns but readmitted_run_id). */
  static Dataset<Row> rejected(Dataset<Row> candidates, Table table, long runId) {
    return candidates.select(lit(table.name()).as(TABLE_NAME), col(Lineage.SOURCE_FILE).as(SOURCE_FILE),
        col(Candidates.SHA256).as(SOURCE_SHA256), col(Lineage.SOURCE_LINE).as(SOURCE_LINE),
        col(Lineage.RUN_ID).as(LINEAGE_RUN_ID), col(Candidates.REASON).as(REASON),
        col(Candidates.RAW).as(RAW_LINE), lit(runId).as(QUARANTINED_RUN_ID));
  }

  /** The quarantine keys of re-admitted {@link Candidates}, for {@link #write}. */
  static Dataset<Row> readmittedKeys(Dataset<Row> candidates, Table table) {
    return candidates.select(lit(table.name()).as(TABLE_NAME), col(Lineage.SOURCE_FILE).as(SOURCE_FILE),
        col(Candidates.SHA256).as(SOURCE_SHA256), col(Lineage.SOURCE_LINE).as(SOURCE_LINE),
        col(Candidates.QUARANTINE_REASON).as(REASON));
  }

  /**
   * Writes the quarantine changes of one batch of a stage in one commit: adds {@code rejected} rows (columns of
   * {@link QuarantineSchema#SCHEMA} but {@code readmitted_run_id}) and marks the pending orphans given by their key
   * columns in {@code readmitted} as re-admitted by {@code runId}; either may be {@code null}. Rows left by a crashed
   * run that got as far as the quarantine but not the ledger are replaced, not doubled: a file version the ledger
   * has not recorded ({@code fileVersions}, by table) can only have quarantine rows from such a run.
   */
  void write(Dataset<Row> rejected, Dataset<Row> readmitted, Map<String, List<BronzeFile>> fileVersions,
      long runId) {
    Dataset<Row> added = rejected == null ? null : rejected
        .withColumn(READMITTED_RUN_ID, lit(null).cast(DataTypes.LongType))
        .select(SCHEMA.fieldNames()[0], Arrays.copyOfRange(SCHEMA.fieldNames(), 1, SCHEMA.size()));
    synchronized (WRITES) {
      if (!exists()) {
        // Nothing can be pending or left over in a quarantine that does not exist yet.
        if (added != null) {
          append(added);
        }
        return;
      }
      Column leftovers = leftovers("", fileVersions);
      boolean replace = leftovers != null && !rows().filter(leftovers).isEmpty();
      if (readmitted == null && !replace) {
        if (added != null) {
          append(added);
        }
        return;
      }
      merge(added, readmitted, replace ? leftovers("t.", fileVersions) : null, runId);
    }
  }

  /** Appending (not merging) keeps a batch's quarantine write to one cheap commit when nothing is replaced. */
  private void append(Dataset<Row> rows) {
    rows.write().format("delta").partitionBy(TABLE_NAME).mode("append").save(path());
  }

  private void merge(Dataset<Row> added, Dataset<Row> readmitted, Column leftovers, long runId) {
    Dataset<Row> source = added == null ? null : added.withColumn(MARK, lit(false));
    if (readmitted != null) {
      // A mark carries only the key; the other columns are NULL, which the update and insert clauses (never
      // taken for a mark) still need to resolve when no rejected rows share the source.
      Dataset<Row> marks = readmitted.withColumn(MARK, lit(true));
      for (org.apache.spark.sql.types.StructField field : SCHEMA.fields()) {
        if (!java.util.Arrays.asList(marks.columns()).contains(field.name())) {
          marks = marks.withColumn(field.name(), lit(null).cast(field.dataType()));
        }
      }
      source = source == null ? marks : source.unionByName(marks, true);
    }
    Map<String, Column> values = new LinkedHashMap<>();
    for (String column : SCHEMA.fieldNames()) {
      values.put(column, col("s." + column));
    }
    DeltaMergeBuilder merge = DeltaTable.forPath(spark, path()).as("t").merge(source.as("s"), keyMatch())
        .whenMatched(col("s." + MARK).and(col("t." + READMITTED_RUN_ID).isNull()))
        .updateExpr(Map.of(READMITTED_RUN_ID, Long.toString(runId)))
        .whenMatched(not(col("s." + MARK))).update(values)
        .whenNotMatched(not(col("s." + MARK))).insert(values);
    if (leftovers != null) {
      merge = merge.whenNotMatchedBySource(leftovers).delete();
    }
    merge.execute();
  }

  /** Rows of the given file versions (columns qualified by {@code prefix}), or {@code null} for none. */
  private static Column leftovers(String prefix, Map<String, List<BronzeFile>> fileVersions) {
    Column leftovers = null;
    for (Map.Entry<String, List<BronzeFile>> table : fileVersions.entrySet()) {
      for (BronzeFile file : table.getValue()) {
        Column version = col(prefix + TABLE_NAME).equalTo(table.getKey())
            .and(col(prefix + SOURCE_FILE).equalTo(file.relativePath()))
            .and(col(prefix + SOURCE_SHA256).equalTo(file.sha256()));
        leftovers = leftovers == null ? version : leftovers.or(version);
      }
    }
    return leftovers;
  }

  private Column keyMatch() {
    Column match = lit(true);
    for (String key : QuarantineSchema.KEY) {
      match = match.and(col("t." + key).equalTo(col("s." + key)));
    }
    return match;
  }

  private boolean exists() {
    return DeltaTable.isDeltaTable(spark, path());
  }

  private String path() {
    return layout.quarantine().toString();
  }
}
