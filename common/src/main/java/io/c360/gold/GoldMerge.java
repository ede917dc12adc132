package io.c360.gold;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import io.c360.lake.LakeSpark;
import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
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
 * is written whole instead.
 */
final class GoldMerge {
  private static final Logger LOG = LoggerFactory.getLogger(GoldMerge.class);
  private static final String NEW = "_c360_new";
  private static final String OLD = "_c360_old";
  private static final String DELETE = "_c360_delete";
  private static final String SCOPE_KEY = "_c360_scope";

  private final SparkSession spark;
  private final String path;
  private final List<String> key;
  private boolean changeFeed;

  private GoldMerge(SparkSession spark, String path, List<String> key) {
    if (key.isEmpty()) {
      throw new IllegalArgumentException("a merged table needs key columns: " + path);
    }
    this.spark = spark;
    this.path = path;
    this.key = List.copyOf(key);
  }

  /** The table at {@code path} whose rows {@code key} identifies. */
  static GoldMerge into(SparkSession spark, String path, List<String> key) {
    return new GoldMerge(spark, path, key);
  }

  /** Turns the change data feed on when the table is created (gold tables: publish reads it; states: off). */
  GoldMerge changeFeed(boolean value) {
    this.changeFeed = value;
    return this;
  }

  /** Makes the whole table equal to {@code fresh}; returns whether it committed (false: nothing differed). */
  boolean replaceAll(Dataset<Row> fresh) {
    return apply(fresh, null, null);
  }

  /**
   * Makes the rows whose {@code scopeColumn} is among {@code keys} (one column of that name) equal to
   * {@code fresh}; returns whether it committed (false: nothing differed).
   */
  boolean replaceScope(Dataset<Row> fresh, String scopeColumn, Dataset<Row> keys) {
    if (!List.of(fresh.columns()).contains(scopeColumn)) {
      throw new IllegalArgumentException("rows for " + path + " have no scope column " + scopeColumn + ": "
          + List.of(fresh.columns()));
    }
    return apply(fresh, scopeColumn, keys);
  }

  private boolean apply(Dataset<Row> fresh, String scopeColumn, Dataset<Row> keys) {
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return writeWhole(fresh, "created");
    }
    DeltaTable table = DeltaTable.forPath(spark, path);
    // Read anew, not table.toDF(): a MERGE source sharing the target's attributes fails to resolve.
    Dataset<Row> old = spark.read().format("delta").load(path);
    if (!sameColumns(old, fresh)) {
      return writeWhole(fresh, "rewritten whole: its columns changed");
    }
    if (scopeColumn != null) {
      Dataset<Row> wanted = broadcast(keys.select(col(scopeColumn).as(SCOPE_KEY)));
      old = old.join(wanted, old.col(scopeColumn).eqNullSafe(wanted.col(SCOPE_KEY)), "left_semi");
    }
    List<String> columns = List.of(fresh.columns());
    Dataset<Row> changes = changes(fresh, old, columns).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long changed = changes.count();
      if (changed == 0) {
        LOG.info("gold {}: no row differs, not committed", path);
        return false;
      }
      Column match = lit(true);
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
      // The changes are persisted and deterministic: Delta need not copy them before the MERGE.
      String materialize = spark.conf().get(LakeSpark.MERGE_MATERIALIZE_SOURCE, null);
      spark.conf().set(LakeSpark.MERGE_MATERIALIZE_SOURCE, "none");
      var merge = table.as("t").merge(changes.as("c"), match).whenMatched(col("c." + DELETE)).delete();
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
      LOG.info("gold {}: {} row(s) inserted, updated or deleted in one MERGE", path, changed);
      return true;
    } finally {
      changes.unpersist();
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
    return n.join(o, sameKey, "full_outer").filter(not(sameRow)).select(output.toArray(new Column[0]));
  }

  private boolean writeWhole(Dataset<Row> fresh, String why) {
    var writer = fresh.write().format("delta").mode("overwrite").option("overwriteSchema", "true");
    if (changeFeed) {
      writer = writer.option("delta.enableChangeDataFeed", "true"); // publish sends only the groups that changed
    }
    writer.save(path);
    LOG.info("gold {}: {}", path, why);
    return true;
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
