package io.c360.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a Delta table's change data feed says changed between a published version (exclusive) and the current
 * one, in the shape publish stages it. Null means the feed cannot answer (never enabled for part of the range,
 * vacuumed, or a re-created table) and the caller publishes everything.
 */
final class ChangeFeed {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);

  /** The staging column of a gold change that marks a group that vanished: 1 delete, 0 upsert. */
  static final String DELETE_FLAG = "c360_delete";

  private static final String VERSION = "_commit_version";
  private static final String TYPE = "_change_type";

  private ChangeFeed() {
  }

  /**
   * Silver: the latest inserted or updated row per primary key, with {@code columns} in order; null (publish
   * everything) also when a commit of the range may have removed rows, since this shape carries no deletes.
   */
  static Dataset<Row> latestPerKey(SparkSession spark, String name, String path, List<String> columns,
      List<String> key, long published, long current) {
    Optional<String> remover = rowRemovingCommit(spark, path, published, current);
    if (remover.isPresent()) {
      LOG.info("{}: {} after published version {}; publishing all rows, deleting what silver no longer has", name,
          remover.get(), published);
      return null;
    }
    Dataset<Row> feed = read(spark, name, path, published, current);
    if (feed == null) {
      return null;
    }
    return feed.filter(col(TYPE).isin("insert", "update_postimage"))
        .withColumn("_c360_latest", row_number().over(Window.partitionBy(columns(key)).orderBy(col(VERSION).desc())))
        .filter(col("_c360_latest").equalTo(1))
        .select(columns(columns));
  }

  /**
   * Gold: per grouping key the net change, {@code columns} then {@link #DELETE_FLAG}. A group's published state is
   * its pre-image in the first commit of the range that touches it (absent if that commit only inserts it), its
   * current state the post-image in the last such commit (absent if that commit only deletes it); groups whose two
   * states are equal, NULLs included, are left out. So a gold table rewritten whole, whose feed deletes every old
   * row and inserts every new one, still yields only the groups that differ.
   */
  static Dataset<Row> netChangePerGroup(SparkSession spark, String name, String path, List<String> columns,
      List<String> key, long published, long current) {
    Dataset<Row> feed = read(spark, name, path, published, current);
    if (feed == null) {
      return null;
    }
    WindowSpec byKey = Window.partitionBy(columns(key));
    Dataset<Row> ranged = feed.withColumn("_c360_first", min(VERSION).over(byKey))
        .withColumn("_c360_last", max(VERSION).over(byKey));
    Dataset<Row> before = ranged.filter(col(TYPE).isin("delete", "update_preimage")
            .and(col(VERSION).equalTo(col("_c360_first"))))
        .select(columns(columns)).withColumn("_c360_present", lit(true)).as("b");
    Dataset<Row> after = ranged.filter(col(TYPE).isin("insert", "update_postimage")
            .and(col(VERSION).equalTo(col("_c360_last"))))
        .select(columns(columns)).withColumn("_c360_present", lit(true)).as("a");
    Column sameKey = lit(true);
    for (String k : key) {
      sameKey = sameKey.and(col("b." + k).eqNullSafe(col("a." + k)));
    }
    Column sameRow = col("b._c360_present").isNotNull().and(col("a._c360_present").isNotNull());
    for (String c : columns) {
      sameRow = sameRow.and(col("b." + c).eqNullSafe(col("a." + c)));
    }
    Column vanished = col("a._c360_present").isNull();
    Column[] output = new Column[columns.size() + 1];
    for (int i = 0; i < columns.size(); i++) {
      String c = columns.get(i);
      output[i] = when(vanished, col("b." + c)).otherwise(col("a." + c)).as(c);
    }
    output[columns.size()] = when(vanished, lit(1)).otherwise(lit(0)).as(DELETE_FLAG);
    return before.join(after, sameKey, "full_outer").filter(not(sameRow)).select(output);
  }

  /**
   * The first commit in (published, current] that is not known to only insert or update rows, described, e.g.
   * {@code version 7 (WRITE, mode Overwrite)}: silver's MERGEs and appends never delete, so such a commit is an
   * in-place rebuild (a full refresh), an erasure or a hand-made change. Read from the commits' own metadata, on
   * the driver: {@code history(n)} reads the newest n commit files only.
   */
  static Optional<String> rowRemovingCommit(SparkSession spark, String path, long published, long current) {
    long commits = current - published;
    for (Row commit : DeltaTable.forPath(spark, path).history((int) Math.min(Integer.MAX_VALUE, commits))
        .select("version", "operation", "operationParameters", "operationMetrics").collectAsList()) {
      long version = commit.getLong(0);
      String operation = commit.getString(1);
      Map<String, String> parameters = commit.isNullAt(2) ? Map.of() : commit.getJavaMap(2);
      Map<String, String> metrics = commit.isNullAt(3) ? Map.of() : commit.getJavaMap(3);
      if (version > published && !onlyUpserts(operation, parameters, metrics)) {
        String mode = parameters.get("mode");
        return Optional.of("version " + version + " (" + operation + (mode == null ? "" : ", mode " + mode) + ")");
      }
    }
    return Optional.empty();
  }

  private static boolean onlyUpserts(String operation, Map<String, String> parameters, Map<String, String> metrics) {
    switch (operation) {
      case "MERGE":
        return "0".equals(metrics.getOrDefault("numTargetRowsDeleted", "0"));
      case "WRITE":
      case "STREAMING UPDATE":
        return "Append".equals(parameters.get("mode")) || "Append".equals(parameters.get("outputMode"));
      case "UPDATE":
      case "OPTIMIZE":
      case "SET TBLPROPERTIES":
      case "UNSET TBLPROPERTIES":
      case "ADD COLUMNS":
      case "CHANGE COLUMN":
      case "VACUUM START":
      case "VACUUM END":
        return true;
      default:
        return false;
    }
  }

  private static Dataset<Row> read(SparkSession spark, String name, String path, long published, long current) {
    try {
      Dataset<Row> feed = spark.read().format("delta").option("readChangeFeed", "true")
          .option("startingVersion", published + 1).option("endingVersion", current).load(path);
      feed.schema();
      return feed;
    } catch (Exception e) {
      LOG.warn("change data feed of {} from version {} unavailable ({}); publishing all rows", name, published + 1,
          e.getMessage());
      return null;
    }
  }

  private static Column[] columns(List<String> names) {
    return names.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }
}
