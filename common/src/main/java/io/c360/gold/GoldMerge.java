package io.c360.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.c360.lake.DeltaTableReader;
import io.c360.lake.LakeSpark;
import io.c360.lake.SnapshotScan;
import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a gold or state Delta table to freshly computed rows with ONE MERGE that touches only the rows that
 * differ: rows are matched on the table's key (NULL-safely), a row equal in every column (NULLs equal) is left
 * alone, a changed one updated, a new one inserted, and a row of the recomputed part that is gone deleted. The
 * table's change data feed therefore carries exactly the changed rows, and nothing changed means no commit.
 *
 * <p>The recomputed part is the whole table, or only the rows whose scope column (CustomerID, AgentID) is among
 * given keys: then {@code fresh} holds the new rows of exactly those keys and the other rows stay as they are.
 * A table that does not exist yet, or whose columns differ from the fresh rows' (a new release changed a query),
 * is written whole instead; so is a whole table at least half of whose rows differ (a moved p90 changes every row
 * of CustomerSegmentation): the MERGE would rewrite every file anyway, after matching every row against the
 * changes, and its feed would hold as many rows as an overwrite's.
 */
final class GoldMerge {
  private static final Logger LOG = LoggerFactory.getLogger(GoldMerge.class);
  private static final String NEW = "_c360_new";
  private static final String OLD = "_c360_old";
  private static final String DELETE = "_c360_delete";
  private static final String INSERT = "_c360_insert";
  /** At most this many changed values (rows x columns) are brought to the driver as the MERGE's source. */
  private static final int LOCAL_CELLS = 2_000_000;
  /**
   * A whole table with at least this share of its rows changed, and more than {@link #OVERWRITE_MIN_ROWS} of them,
   * is overwritten rather than merged. Scale 1,000 after a 1% drop, CustomerSegmentation's 100,000 rows all changed:
   * MERGE 6.9-8.5 s, overwrite (fresh rows computed again) ~2.5 s.
   */
  static final double OVERWRITE_SHARE = 0.5;
  /**
   * Up to this many changed rows are merged whatever their share: the MERGE of a small local source costs about
   * what computing the fresh rows once more for an overwrite does (PeakTimes, 317 of 336 rows: 1.8 s merged).
   */
  static final long OVERWRITE_MIN_ROWS = 10_000;

  private final SparkSession spark;
  private final FileSystem fs;
  private final String path;
  private final List<String> key;
  private boolean changeFeed;
  private int localCells = LOCAL_CELLS;
  private double overwriteShare = OVERWRITE_SHARE;
  private long overwriteMinRows = OVERWRITE_MIN_ROWS;

  private GoldMerge(SparkSession spark, FileSystem fs, String path, List<String> key) {
    if (key.isEmpty()) {
      throw new IllegalArgumentException("a merged table needs key columns: " + path);
    }
    this.spark = spark;
    this.fs = fs;
    this.path = path;
    this.key = List.copyOf(key);
  }

  /** The table at {@code path} (on {@code fs}) whose rows {@code key} identifies. */
  static GoldMerge into(SparkSession spark, FileSystem fs, String path, List<String> key) {
    return new GoldMerge(spark, fs, path, key);
  }

  /** Turns the change data feed on when the table is created (gold tables: publish reads it; states: off). */
  GoldMerge changeFeed(boolean value) {
    this.changeFeed = value;
    return this;
  }

  /** At most this many changed values go to the driver (tests: the executors' route on a few rows). */
  GoldMerge localCells(int value) {
    this.localCells = value;
    return this;
  }

  /** Overwrites a whole table once {@code share} of its rows and more than {@code minRows} differ (tests). */
  GoldMerge overwriteWhen(double share, long minRows) {
    this.overwriteShare = share;
    this.overwriteMinRows = minRows;
    return this;
  }

  /** Makes the whole table equal to {@code fresh}. */
  Outcome replaceAll(Dataset<Row> fresh) {
    return apply(fresh, null);
  }

  /**
   * Overwrites the table with {@code fresh} without comparing: for a state recomputed whole, which no one reads a
   * change feed of, where the comparison would cost as much as the write it could save.
   */
  Outcome overwrite(Dataset<Row> fresh) {
    return writeWhole(fresh, "recomputed whole", System.nanoTime());
  }

  /** Makes the rows among {@code keys} equal to {@code fresh}. */
  Outcome replaceScope(Dataset<Row> fresh, KeyFilter keys) {
    if (!List.of(fresh.columns()).contains(keys.column())) {
      throw new IllegalArgumentException("rows for " + path + " have no scope column " + keys.column() + ": "
          + List.of(fresh.columns()));
    }
    return apply(fresh, keys);
  }

  private Outcome apply(Dataset<Row> fresh, KeyFilter scope) {
    long started = System.nanoTime();
    Optional<DeltaTableReader> snapshot = DeltaTableReader.open(fs, new Path(path));
    if (snapshot.isEmpty()) {
      return writeWhole(fresh, "created", started);
    }
    DeltaTable table = DeltaTable.forPath(spark, path);
    // Read anew, not table.toDF(): a MERGE source sharing the target's attributes fails to resolve.
    Dataset<Row> old = SnapshotScan.of(spark, snapshot.get());
    if (!sameColumns(old, fresh)) {
      return writeWhole(fresh, "rewritten whole: its columns changed", started);
    }
    if (scope != null) {
      old = scope.apply(old);
    }
    List<String> columns = List.of(fresh.columns());
    Dataset<Row> changes = changes(fresh, old, columns);
    // A few changed rows (an incremental run) go to the driver in the job that finds them: no second pass to count
    // them, and the MERGE's source is a local relation Spark broadcasts. Many (a moved p90, a full refresh) stay
    // on the executors, persisted for the MERGE.
    int localRows = localCells / columns.size();
    List<Row> found = changes.limit(localRows + 1).collectAsList();
    Dataset<Row> source;
    Counts counts;
    if (found.size() <= localRows) {
      source = found.isEmpty() ? null : spark.createDataFrame(found, changes.schema());
      counts = Counts.of(found, changes.schema());
    } else {
      source = changes.persist(StorageLevel.MEMORY_AND_DISK());
      counts = Counts.of(source);
    }
    double diffSeconds = seconds(started);
    try {
      if (counts.changed == 0) {
        LOG.info("gold {}: no row differs, not committed", path);
        return new Outcome(false, false, 0, 0, 0, diffSeconds, 0);
      }
      long merging = System.nanoTime();
      if (scope == null && counts.changed > overwriteMinRows
          && counts.changed >= overwriteShare * rowsBefore(snapshot.get(), table)) {
        writeWhole(fresh, "overwritten: " + counts.changed + " rows differ", merging);
        return new Outcome(true, true, counts.changed, counts.inserted, counts.deleted, diffSeconds,
            seconds(merging));
      }
      merge(table, source, columns, scope);
      LOG.info("gold {}: {} row(s) inserted, updated or deleted in one MERGE", path, counts.changed);
      return new Outcome(true, false, counts.changed, counts.inserted, counts.deleted, diffSeconds, seconds(merging));
    } finally {
      if (found.size() > localRows) {
        source.unpersist();
      }
    }
  }

  /** The table's rows before this change: from its log's file statistics on the driver, else counted by Spark. */
  private static long rowsBefore(DeltaTableReader snapshot, DeltaTable table) {
    OptionalLong counted = snapshot.numRecords();
    return counted.isPresent() ? counted.getAsLong() : table.toDF().count();
  }

  private void merge(DeltaTable table, Dataset<Row> source, List<String> columns, KeyFilter scope) {
    // Every change lies in the scope: the scope's keys on the target prune the files the MERGE must scan.
    Column match = scope == null ? lit(true) : scope.condition(col("t.`" + scope.column() + "`"));
    for (String k : key) {
      match = match.and(col("t.`" + k + "`").eqNullSafe(col("c.`" + k + "`")));
    }
    Map<String, String> update = new LinkedHashMap<>();
    Map<String, String> insert = new LinkedHashMap<>();
    for (String c : columns) {
      insert.put("`" + c + "`", "c.`" + c + "`");
      if (!key.contains(c)) {
        update.put("`" + c + "`", "c.`" + c + "`");
      }
    }
    // The source is local or persisted, and deterministic: Delta need not copy it before the MERGE.
    String materialize = spark.conf().get(LakeSpark.MERGE_MATERIALIZE_SOURCE, null);
    spark.conf().set(LakeSpark.MERGE_MATERIALIZE_SOURCE, "none");
    var merge = table.as("t").merge(source.as("c"), match).whenMatched(col("c." + DELETE)).delete();
    if (!update.isEmpty()) {
      merge = merge.whenMatched().updateExpr(update);
    }
    try {
      merge.whenNotMatched().insertExpr(insert).execute();
    } finally {
      if (materialize == null) {
        spark.conf().unset(LakeSpark.MERGE_MATERIALIZE_SOURCE);
      } else {
        spark.conf().set(LakeSpark.MERGE_MATERIALIZE_SOURCE, materialize);
      }
    }
  }

  /**
   * Per key, the new row where it differs from the old one or is new, and the old row flagged for deletion where
   * no new row has its key: fresh FULL OUTER JOIN old on the key, NULL-safely, minus the pairs equal in every column.
   */
  private Dataset<Row> changes(Dataset<Row> fresh, Dataset<Row> old, List<String> columns) {
    Dataset<Row> n = fresh.withColumn(NEW, lit(true)).as("n");
    Dataset<Row> o = old.select(columns.stream().map(c -> col("`" + c + "`")).toArray(Column[]::new))
        .withColumn(OLD, lit(true)).as("o");
    Column sameKey = lit(true);
    for (String k : key) {
      sameKey = sameKey.and(col("n.`" + k + "`").eqNullSafe(col("o.`" + k + "`")));
    }
    Column sameRow = col("n." + NEW).isNotNull().and(col("o." + OLD).isNotNull());
    for (String c : columns) {
      sameRow = sameRow.and(col("n.`" + c + "`").eqNullSafe(col("o.`" + c + "`")));
    }
    Column gone = col("n." + NEW).isNull();
    List<Column> output = new ArrayList<>();
    for (String c : columns) {
      output.add(when(gone, col("o.`" + c + "`")).otherwise(col("n.`" + c + "`")).as(c));
    }
    output.add(gone.as(DELETE));
    output.add(col("o." + OLD).isNull().as(INSERT));
    return n.join(o, sameKey, "full_outer").filter(not(sameRow)).select(output.toArray(new Column[0]));
  }

  private Outcome writeWhole(Dataset<Row> fresh, String why, long started) {
    var writer = fresh.write().format("delta").mode("overwrite").option("overwriteSchema", "true");
    if (changeFeed) {
      writer = writer.option("delta.enableChangeDataFeed", "true"); // publish sends only the groups that changed
    }
    writer.save(path);
    LOG.info("gold {}: {}", path, why);
    return new Outcome(true, true, -1, -1, -1, 0, seconds(started));
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  /** What one call did: whether it committed, the rows it changed, and where its time went. */
  static final class Outcome {
    /** False: no row differed, nothing was committed. */
    final boolean committed;
    /** The table was written whole (created, or its columns changed): the row counts below are unknown (-1). */
    final boolean whole;
    final long changed;
    final long inserted;
    final long deleted;
    /** Computing the fresh rows and comparing them with the table's. */
    final double diffSeconds;
    /** The MERGE, or the whole write. */
    final double writeSeconds;

    Outcome(boolean committed, boolean whole, long changed, long inserted, long deleted, double diffSeconds,
        double writeSeconds) {
      this.committed = committed;
      this.whole = whole;
      this.changed = changed;
      this.inserted = inserted;
      this.deleted = deleted;
      this.diffSeconds = diffSeconds;
      this.writeSeconds = writeSeconds;
    }
  }

  /** Changed, inserted and deleted rows of a change set. */
  private static final class Counts {
    final long changed;
    final long inserted;
    final long deleted;

    private Counts(long changed, long inserted, long deleted) {
      this.changed = changed;
      this.inserted = inserted;
      this.deleted = deleted;
    }

    static Counts of(List<Row> changes, StructType schema) {
      int insert = schema.fieldIndex(INSERT);
      int delete = schema.fieldIndex(DELETE);
      long inserted = changes.stream().filter(r -> r.getBoolean(insert)).count();
      long deleted = changes.stream().filter(r -> r.getBoolean(delete)).count();
      return new Counts(changes.size(), inserted, deleted);
    }

    static Counts of(Dataset<Row> changes) {
      Row r = changes.agg(count(lit(1)), sum(when(col(INSERT), 1).otherwise(0)),
          sum(when(col(DELETE), 1).otherwise(0))).first();
      return r.getLong(0) == 0 ? new Counts(0, 0, 0) : new Counts(r.getLong(0), r.getLong(1), r.getLong(2));
    }
  }

  /** Same column names and types in the same order; nullability aside (Delta keeps every column nullable). */
  private static boolean sameColumns(Dataset<Row> old, Dataset<Row> fresh) {
    StructField[] a = old.schema().fields();
    StructField[] b = fresh.schema().fields();
    if (a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (!a[i].name().equals(b[i].name()) || !a[i].dataType().equals(b[i].dataType())) {
        return false;
      }
    }
    return true;
  }
}
