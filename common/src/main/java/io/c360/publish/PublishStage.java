package io.c360.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import io.c360.catalog.Catalog;
import io.c360.catalog.Table;
import io.c360.gold.GoldQuery;
import io.c360.lake.JobDescription;
import io.c360.lake.LakeLayout;
import io.c360.sql.SqlTemplate;
import io.delta.tables.DeltaTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Consumer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Silver and gold → SQL target (DESIGN §6). Per table, parents first: executors bulk-load the rows to publish into a
 * per-run staging table, then one transaction MERGEs staging into the target (silver) or replaces the target's rows
 * (gold) and records the published Delta version in {@code c360_publish_state}; the staging table is dropped.
 * Silver publishes only the change data feed since the recorded version. A failure rolls back that table's
 * transaction: the target keeps its previous version, and the next run resumes.
 *
 * <pre>
 * List&lt;PublishResult&gt; results = PublishStage.of(spark, layout, target).runId(7).execute();
 * </pre>
 */
public final class PublishStage {
  private static final Logger LOG = LoggerFactory.getLogger(PublishStage.class);

  private final SparkSession spark;
  private final LakeLayout layout;
  private final PublishTarget target;
  private final Dialect dialect;
  private final TargetSchema schema;
  private long runId;
  private int batchSize = 10_000;
  private int parallelism = 4;
  private BeforeCommit beforeCommit = (table, connection) -> { };
  private Consumer<PublishResult> onTable = r -> { };

  /** A test seam: runs inside a table's transaction just before it commits. */
  interface BeforeCommit {
    void run(String table, Connection connection) throws SQLException;
  }

  private PublishStage(SparkSession spark, LakeLayout layout, PublishTarget target) {
    this.spark = spark;
    this.layout = layout;
    this.target = target;
    this.dialect = target.dialect();
    this.schema = new TargetSchema(dialect, Catalog.tables());
  }

  public static PublishStage of(SparkSession spark, LakeLayout layout, PublishTarget target) {
    return new PublishStage(spark, layout, target);
  }

  /** The run id, which names this run's staging tables. */
  public PublishStage runId(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("run id must be >= 0: " + value);
    }
    this.runId = value;
    return this;
  }

  /** Rows per JDBC batch or COPY chunk. */
  public PublishStage batchSize(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("c360.publish.batch-size must be >= 1: " + value);
    }
    this.batchSize = value;
    return this;
  }

  /** At most this many concurrent connections load a staging table. */
  public PublishStage parallelism(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("c360.publish.parallelism must be >= 1: " + value);
    }
    this.parallelism = value;
    return this;
  }

  /** Called after each table is published, e.g. to show progress. */
  public PublishStage onTable(Consumer<PublishResult> listener) {
    this.onTable = listener;
    return this;
  }

  PublishStage beforeCommit(BeforeCommit hook) {
    this.beforeCommit = hook;
    return this;
  }

  /** Publishes every silver table, parents first, then every gold table. */
  public List<PublishResult> execute() {
    List<PublishResult> results = new ArrayList<>();
    try (Connection connection = target.connect()) {
      schema.dropLeftoverStaging(connection);
      schema.ensure(connection);
      for (Table table : Catalog.tables()) {
        results.add(JobDescription.run(spark, "publish", table.name(), () -> publishSilver(connection, table)));
        onTable.accept(results.get(results.size() - 1));
      }
      for (String gold : GoldQuery.TABLES) {
        results.add(JobDescription.run(spark, "publish", "gold." + gold, () -> publishGold(connection, gold)));
        onTable.accept(results.get(results.size() - 1));
      }
    } catch (SQLException e) {
      throw new PublishException("publish to " + target + " failed: " + e.getMessage(), e);
    }
    return results;
  }

  private PublishResult publishSilver(Connection connection, Table table) throws SQLException {
    long started = System.nanoTime();
    String path = layout.silver(table).toString();
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return new PublishResult(table.name(), PublishResult.Mode.ABSENT, -1, 0, 0, 0);
    }
    PublishState current = deltaState(path);
    Optional<PublishState> published = PublishState.read(connection, table.name());
    if (published.isPresent() && published.get().holds(current)) {
      return new PublishResult(table.name(), PublishResult.Mode.UNCHANGED, current.deltaVersion, 0, 0, 0);
    }
    PublishResult.Mode mode = PublishResult.Mode.FULL;
    Dataset<Row> rows = null;
    if (published.isPresent() && published.get().deltaTableId.equals(current.deltaTableId)
        && published.get().deltaVersion < current.deltaVersion) {
      rows = changesSince(table, path, published.get().deltaVersion, current.deltaVersion);
      mode = rows == null ? mode : PublishResult.Mode.INCREMENTAL;
    }
    if (rows == null) {
      rows = spark.read().format("delta").option("versionAsOf", current.deltaVersion).load(path);
    }
    String[] columns = table.columnNames().toArray(new String[0]);
    String staging = dialect.qualified(null, stagingName(table.name()));
    long staged = load(connection, rows.select(columnsOf(columns)), staging, dialect.quote(table.name()),
        table.columnNames());
    String merge = SqlTemplate.load("sql/publish/merge.sql").with(dialect.fragments())
        .with("target", dialect.quote(table.name()))
        .with("staging", staging)
        .with("key_match", join(table.primaryKey(), " AND ", c -> "t." + dialect.quote(c) + " = s." + dialect.quote(c)))
        .with("assignments", join(nonKey(table), ", ", c -> dialect.quote(c) + " = s." + dialect.quote(c)))
        .with("columns", join(table.columnNames(), ", ", dialect::quote))
        .with("source_columns", join(table.columnNames(), ", ", c -> "s." + dialect.quote(c)))
        .render();
    List<String> statements = new ArrayList<>();
    // A full publish checks each foreign key once over all rows rather than once per inserted row (PostgreSQL:
    // scale 16,000 spent 2-4x longer on tables with foreign keys); the keys are back before the commit.
    boolean bulkForeignKeys = mode == PublishResult.Mode.FULL && dialect.checksForeignKeysInBulk();
    if (bulkForeignKeys) {
      statements.addAll(schema.dropForeignKeys(table));
    }
    int mergeIndex = statements.size();
    statements.add(merge);
    if (bulkForeignKeys) {
      statements.addAll(schema.addForeignKeys(table));
    }
    long written = inTransaction(connection, table.name(), staging, statements, mergeIndex, current);
    LOG.info("published {} ({}, Delta v{}): {} rows staged, {} merged", table.name(), mode, current.deltaVersion,
        staged, written);
    return new PublishResult(table.name(), mode, current.deltaVersion, staged, written,
        (System.nanoTime() - started) / 1e9);
  }

  private PublishResult publishGold(Connection connection, String gold) throws SQLException {
    long started = System.nanoTime();
    String name = TargetSchema.GOLD_SCHEMA + "." + gold;
    String path = layout.gold(gold).toString();
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return new PublishResult(name, PublishResult.Mode.ABSENT, -1, 0, 0, 0);
    }
    PublishState current = deltaState(path);
    Optional<PublishState> published = PublishState.read(connection, name);
    if (published.isPresent() && published.get().holds(current)) {
      return new PublishResult(name, PublishResult.Mode.UNCHANGED, current.deltaVersion, 0, 0, 0);
    }
    Dataset<Row> rows = spark.read().format("delta").option("versionAsOf", current.deltaVersion).load(path);
    List<String> columns = List.of(rows.columns());
    checkGoldColumns(connection, gold, columns);
    String targetTable = dialect.qualified(TargetSchema.GOLD_SCHEMA, gold);
    String staging = dialect.qualified(TargetSchema.GOLD_SCHEMA, stagingName(gold));
    long staged = load(connection, rows, staging, targetTable, columns);
    List<String> replace = SqlTemplate.load("sql/publish/replace.sql")
        .with("target", targetTable)
        .with("staging", staging)
        .with("columns", join(columns, ", ", dialect::quote))
        .statements();
    inTransaction(connection, name, staging, replace, replace.size() - 1, current);
    LOG.info("published {} (Delta v{}): {} rows", name, current.deltaVersion, staged);
    return new PublishResult(name, PublishResult.Mode.REPLACED, current.deltaVersion, staged, staged,
        (System.nanoTime() - started) / 1e9);
  }

  /** Creates the staging table (auto-commit: DDL commits in H2 anyway) and loads it from the executors. */
  private long load(Connection connection, Dataset<Row> rows, String staging, String targetTable, List<String> columns)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(dialect.createEmptyCopy(staging, targetTable));
    }
    try {
      Dataset<Row> partitioned = rows.rdd().getNumPartitions() > parallelism ? rows.coalesce(parallelism) : rows;
      partitioned.foreachPartition(new StagingLoader(target, staging, columns, batchSize));
      try (Statement statement = connection.createStatement();
          ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM " + staging)) {
        count.next();
        return count.getLong(1);
      }
    } catch (RuntimeException | SQLException e) {
      dropQuietly(connection, staging);
      throw e;
    }
  }

  /**
   * Runs {@code statements} and the state update in one transaction, then drops the staging table; returns the
   * update count of the statement at {@code writing}, the one that writes rows (the MERGE, or the INSERT after a
   * DELETE).
   */
  private long inTransaction(Connection connection, String table, String staging, List<String> statements,
      int writing, PublishState state) throws SQLException {
    long written = 0;
    try {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        for (int i = 0; i < statements.size(); i++) {
          long count = statement.executeUpdate(statements.get(i));
          written = i == writing ? count : written;
        }
      }
      state.write(connection, table);
      beforeCommit.run(table, connection);
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(connection, e);
      dropQuietly(connection, staging);
      throw new PublishException("publishing " + table + " to " + target + " failed and was rolled back (the target "
          + "keeps its previously published version; rerun to resume): " + e.getMessage(), e);
    }
    connection.setAutoCommit(true);
    dropQuietly(connection, staging);
    return written;
  }

  /** The rows changed between {@code published} (exclusive) and {@code current}, latest per key; null if the feed
   * cannot answer (e.g. vacuumed), in which case the caller publishes everything. */
  private Dataset<Row> changesSince(Table table, String path, long published, long current) {
    try {
      Dataset<Row> feed = spark.read().format("delta").option("readChangeFeed", "true")
          .option("startingVersion", published + 1).option("endingVersion", current).load(path)
          .filter(col("_change_type").isin("insert", "update_postimage"));
      Column[] keys = table.primaryKey().stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
      return feed.withColumn("_c360_latest",
              row_number().over(Window.partitionBy(keys).orderBy(col("_commit_version").desc())))
          .filter(col("_c360_latest").equalTo(1));
    } catch (Exception e) {
      LOG.warn("change data feed of {} from version {} unavailable ({}); publishing all rows", table.name(),
          published + 1, e.getMessage());
      return null;
    }
  }

  private void checkGoldColumns(Connection connection, String gold, List<String> columns) throws SQLException {
    List<String> expected = new ArrayList<>();
    columns.forEach(c -> expected.add(c.toUpperCase(Locale.ROOT)));
    List<String> actual = new ArrayList<>(TargetSchema.columns(connection, TargetSchema.GOLD_SCHEMA, gold).keySet());
    if (!actual.equals(expected)) {
      throw new SchemaMismatchException("target table gold." + gold + " has columns " + actual
          + " but the gold Delta table has " + expected + "; fix or drop the target table (c360 never alters it)");
    }
  }

  private PublishState deltaState(String path) {
    DeltaTable delta = DeltaTable.forPath(spark, path);
    String id = delta.detail().select("id").first().getString(0);
    long version = delta.history(1).select("version").first().getLong(0);
    return new PublishState(id, version);
  }

  private String stagingName(String table) {
    return TargetSchema.STAGING_PREFIX + table + "_" + runId;
  }

  private void dropQuietly(Connection connection, String staging) {
    try {
      if (!connection.getAutoCommit()) {
        connection.setAutoCommit(true);
      }
      try (Statement statement = connection.createStatement()) {
        statement.execute("DROP TABLE IF EXISTS " + staging);
      }
    } catch (SQLException e) {
      LOG.warn("could not drop staging table {} (the next publish removes it): {}", staging, e.getMessage());
    }
  }

  private static void rollbackQuietly(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static List<String> nonKey(Table table) {
    List<String> columns = new ArrayList<>(table.columnNames());
    columns.removeAll(table.primaryKey());
    return columns;
  }

  private static String join(List<String> names, String separator, java.util.function.Function<String, String> f) {
    StringJoiner joined = new StringJoiner(separator);
    names.forEach(n -> joined.add(f.apply(n)));
    return joined.toString();
  }

  private static Column[] columnsOf(String[] names) {
    Column[] columns = new Column[names.length];
    for (int i = 0; i < names.length; i++) {
      columns[i] = col(names[i]);
    }
    return columns;
  }
}
