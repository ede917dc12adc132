package io.c360.gold;

import io.c360.catalog.Catalog;
import io.c360.catalog.Table;
import io.c360.lake.ConcurrentTasks;
import io.c360.lake.JobDescription;
import io.c360.lake.LakeLayout;
import io.c360.lake.Sha256;
import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Silver → gold (DESIGN §5): exposes each silver table (catalog columns, no lineage) as a temporary view under
 * its catalog name, runs the queries of {@code sql/gold/} and replaces each gold Delta table in one commit,
 * so a reader sees the old or the new version, never half of one. Up to {@link #concurrentTables} tables are
 * computed at the same time.
 *
 * <p>Each gold commit records what it was computed from: the Delta id and version of every silver table whose files
 * its query reads, and a hash of the query (with the views and gold queries it reads). A gold table whose last
 * commit says the same is left as it is, since the queries are deterministic: a run that brought no new silver
 * data, or only data of tables it does not read, skips it.
 *
 * <pre>
 * GoldStageResult gold = GoldStage.of(spark, layout).percentileAccuracy(10_000_000).execute();
 * </pre>
 */
public final class GoldStage {
  private static final Logger LOG = LoggerFactory.getLogger(GoldStage.class);
  private static final String INPUTS_PREFIX = "c360 gold inputs ";

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

  /** Computes the gold tables from silver as they are now, without writing them. */
  public Map<String, Dataset<Row>> compute() {
    registerSilverViews();
    registerGoldViews();
    Map<String, Dataset<Row>> gold = new LinkedHashMap<>();
    for (String table : GoldQuery.TABLES) {
      gold.put(table, spark.sql(sql(table)));
    }
    return gold;
  }

  /** Replaces every gold table whose inputs changed since it was last written. */
  public GoldStageResult execute() {
    Map<String, String> silver = registerSilverViews();
    registerGoldViews();
    Map<String, String> queries = new LinkedHashMap<>();
    Map<String, String> inputs = new LinkedHashMap<>();
    List<String> stale = new ArrayList<>();
    Map<String, Long> rows = new LinkedHashMap<>();
    for (String table : GoldQuery.TABLES) {
      queries.put(table, sql(table));
      inputs.put(table, INPUTS_PREFIX + silverRead(spark.sql(queries.get(table)), silver) + " query sha256 "
          + Sha256.of(definition(table)));
      Row last = lastCommit(table);
      if (last != null && inputs.get(table).equals(last.getString(0))) {
        rows.put(table, outputRows(last));
        LOG.info("gold {}: the silver it reads and its query unchanged since its last commit, kept", table);
      } else {
        stale.add(table);
      }
    }
    List<Long> written = ConcurrentTasks.map(stale, concurrentTables, "gold",
        table -> JobDescription.run(spark, "gold", table,
            () -> write(table, spark.sql(queries.get(table)), inputs.get(table))));
    for (int i = 0; i < stale.size(); i++) {
      rows.put(stale.get(i), written.get(i));
    }
    Map<String, Long> ordered = new LinkedHashMap<>();
    GoldQuery.TABLES.forEach(t -> ordered.put(t, rows.get(t)));
    return new GoldStageResult(ordered, stale);
  }

  private String sql(String table) {
    return GoldQuery.sql(table, Map.of("percentile_accuracy", percentileAccuracy));
  }

  /**
   * The query of {@code table} followed by the SQL of everything it reads by name, recursively: what its rows
   * depend on besides silver. A query that reads nothing is hashed as its own text, as before views existed.
   */
  private String definition(String table) {
    StringBuilder text = new StringBuilder(sql(table));
    for (String read : GoldQuery.reads(table)) {
      text.append("\n-- reads ").append(read).append('\n').append(definition(read));
    }
    return text.toString();
  }

  /**
   * Registers the shared views of {@code sql/gold/views/}, then each gold query under its table name, so that a
   * query may read another (CustomerProfile reads CustomerSegmentation); temporary views are evaluated lazily.
   */
  private void registerGoldViews() {
    for (String view : GoldQuery.VIEWS) {
      spark.sql(sql(view)).createOrReplaceTempView(view);
    }
    for (String table : GoldQuery.TABLES) {
      spark.sql(sql(table)).createOrReplaceTempView(table);
    }
  }

  private long write(String table, Dataset<Row> rows, String inputs) {
    String path = layout.gold(table).toString();
    rows.write().format("delta").mode("overwrite").option("overwriteSchema", "true")
        .option("delta.enableChangeDataFeed", "true") // publish sends only the groups that changed
        .option("userMetadata", inputs).save(path);
    long written = outputRows(lastCommit(table));
    LOG.info("gold {}: {} rows", table, written);
    return written;
  }

  /** (userMetadata, operationMetrics) of the gold table's last commit, or null if there is no gold table yet. */
  private Row lastCommit(String table) {
    String path = layout.gold(table).toString();
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return null;
    }
    return DeltaTable.forPath(spark, path).history(1).select("userMetadata", "operationMetrics").first();
  }

  private static long outputRows(Row commit) {
    return Long.parseLong(commit.<String, String>getMap(1).getOrElse("numOutputRows", () -> "0"));
  }

  /**
   * The versions of the silver tables whose files {@code query} reads, as {@code Table=id@version,...} in catalog
   * order: a gold table is kept while those are unchanged, whatever happens to the silver it does not read. A
   * table without files contributes no rows, so leaving it out is safe: once it has files, the set changes.
   */
  private String silverRead(Dataset<Row> query, Map<String, String> versions) {
    List<String> files = List.of(query.inputFiles());
    StringBuilder read = new StringBuilder();
    for (Table table : Catalog.tables()) {
      String folder = layout.fileSystem().makeQualified(layout.silver(table)).toString() + "/";
      if (files.stream().anyMatch(f -> f.startsWith(folder))) {
        read.append(read.length() == 0 ? "" : ",").append(table.name()).append('=').append(versions.get(table.name()));
      }
    }
    return read.toString();
  }

  /**
   * Registers each silver table, pinned to its current version, as a view; returns those versions by table,
   * {@code id@version} ({@code none} for a table that never received a file).
   */
  private Map<String, String> registerSilverViews() {
    Map<String, String> versions = new LinkedHashMap<>();
    for (Table table : Catalog.tables()) {
      String path = layout.silver(table).toString();
      String[] columns = table.columnNames().toArray(new String[0]);
      Dataset<Row> silver;
      if (DeltaTable.isDeltaTable(spark, path)) {
        Snapshot snapshot = DeltaLog.forTable(spark, path).update(false, scala.Option.empty());
        versions.put(table.name(), snapshot.metadata().id() + "@" + snapshot.version());
        silver = spark.read().format("delta").option("versionAsOf", snapshot.version()).load(path);
      } else {
        // A table that never received a file is simply empty: gold still has every customer and agent.
        versions.put(table.name(), "none");
        silver = spark.createDataFrame(java.util.List.of(), table.sparkSchema());
      }
      silver.select(columns[0], java.util.Arrays.copyOfRange(columns, 1, columns.length))
          .createOrReplaceTempView(table.name());
    }
    return versions;
  }
}
