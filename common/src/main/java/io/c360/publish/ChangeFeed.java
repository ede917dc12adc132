package io.c360.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.util.List;
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

  /** Silver: the latest inserted or updated row per primary key, with {@code columns} in order. */
  static Dataset<Row> latestPerKey(SparkSession spark, String name, String path, List<String> columns,
      List<String> key, long published, long current) {
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
