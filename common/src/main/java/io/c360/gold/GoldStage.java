package io.c360.gold;

import io.c360.catalog.Catalog;
import io.c360.catalog.Table;
import io.c360.lake.ConcurrentTasks;
import io.c360.lake.LakeLayout;
import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Silver → gold (DESIGN §5): exposes each silver table (catalog columns, no lineage) as a temporary view under
 * its catalog name, runs the four queries of {@code sql/gold/} and replaces each gold Delta table in one commit,
 * so a reader sees the old or the new version, never half of one. Up to {@link #concurrentTables} tables are
 * computed at the same time.
 *
 * <pre>
 * Map&lt;String, Long&gt; rows = GoldStage.of(spark, layout).percentileAccuracy(10_000_000).execute();
 * </pre>
 */
public final class GoldStage {
  private static final Logger LOG = LoggerFactory.getLogger(GoldStage.class);

  private final SparkSession spark;
  private final LakeLayout layout;
  private long percentileAccuracy = 10_000_000;
  private int concurrentTables = 1;

  private GoldStage(SparkSession spark, LakeLayout layout) {
    this.spark = spark;
    this.layout = layout;
  }

  public static GoldStage of(SparkSession spark, LakeLayout layout) {
    return new GoldStage(spark, layout);
  }

  public GoldStage percentileAccuracy(long value) {
    if (value < 1 || value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("percentile accuracy must be in [1, 2^31-1]: " + value);
    }
    this.percentileAccuracy = value;
    return this;
  }

  /** How many gold tables to compute and write at the same time. */
  public GoldStage concurrentTables(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("concurrent tables must be at least 1: " + value);
    }
    this.concurrentTables = value;
    return this;
  }

  /** Computes the four gold tables from silver as they are now, without writing them. */
  public Map<String, Dataset<Row>> compute() {
    registerSilverViews();
    Map<String, Dataset<Row>> gold = new LinkedHashMap<>();
    for (String table : GoldQuery.TABLES) {
      gold.put(table, spark.sql(GoldQuery.sql(table, Map.of("percentile_accuracy", percentileAccuracy))));
    }
    return gold;
  }

  /** Computes and replaces every gold table; returns the row count of each. */
  public Map<String, Long> execute() {
    Map<String, Dataset<Row>> gold = compute();
    List<String> tables = new ArrayList<>(gold.keySet());
    List<Long> written = ConcurrentTasks.map(tables, concurrentTables, "gold", table -> write(table, gold.get(table)));
    Map<String, Long> rows = new LinkedHashMap<>();
    for (int i = 0; i < tables.size(); i++) {
      rows.put(tables.get(i), written.get(i));
    }
    return rows;
  }

  private long write(String table, Dataset<Row> rows) {
    String path = layout.gold(table).toString();
    rows.write().format("delta").mode("overwrite").option("overwriteSchema", "true").save(path);
    Row last = DeltaTable.forPath(spark, path).history(1).select("operationMetrics").first();
    long written = Long.parseLong(last.<String, String>getMap(0).getOrElse("numOutputRows", () -> "0"));
    LOG.info("gold {}: {} rows", table, written);
    return written;
  }

  private void registerSilverViews() {
    for (Table table : Catalog.tables()) {
      String path = layout.silver(table).toString();
      String[] columns = table.columnNames().toArray(new String[0]);
      // A table that never received a file is simply empty: gold still has every customer and agent.
      Dataset<Row> silver = DeltaTable.isDeltaTable(spark, path) ? spark.read().format("delta").load(path)
          : spark.createDataFrame(java.util.List.of(), table.sparkSchema());
      silver.select(columns[0], java.util.Arrays.copyOfRange(columns, 1, columns.length))
          .createOrReplaceTempView(table.name());
    }
  }
}
