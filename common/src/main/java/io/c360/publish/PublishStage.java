package io.c360.publish;

import io.c360.catalog.Catalog;
import io.c360.catalog.Table;
import io.c360.gold.GoldQuery;
import io.c360.lake.CodeGeneration;
import io.c360.lake.DeltaTableReader;
import io.c360.lake.JobDescription;
import io.c360.lake.KillPoint;
import io.c360.lake.LakeLayout;
import io.c360.lake.SnapshotScan;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Silver and gold → SQL target (DESIGN §6). Per table, parents first: executors bulk-load the rows to publish into a
 * per-run staging table, then one transaction MERGEs staging into the target and records the published Delta version
 * in {@code c360_publish_state}; the staging table is dropped. Silver publishes only the change data feed since the
 * recorded version; a full silver publish also deletes the target rows silver no longer has. A gold table receives
 * only its groups that changed ({@link ChangeFeed#netChangePerGroup}), merged on its grouping key, or is replaced
 * whole when there is no usable feed or key. A failure rolls back that table's transaction: the target keeps its
 * previous version, and the next run resumes.
 *
 * <pre>
 * List&lt;PublishResult&gt; results = PublishStage.of(spark, layout, target).runId(7).execute();
 * </pre>
 */
public final class PublishStage {
  private static final Logger LOG = LoggerFactory.getLogger(PublishStage.class);

  /**
   * A whole snapshot of at most this many rows (by its log's statistics) is read on the driver from its Parquet
   * files and staged over one connection, without a Spark job: in a fresh JVM a Spark read of a small table costs
   * 1.5-2 s of planning and Delta snapshot jobs, reading it this way milliseconds. Larger tables are staged by the
   * executors in parallel.
   */
  static final long DRIVER_READ_MAX_ROWS = 100_000;

  /**
   * A change data feed whose files hold at most this many bytes is read on the driver ({@link ChangeFeed}) and its
   * net change staged over one connection: Spark's feed scan cost 1.2-4.2 s a table after a 1% drop at scale 1,000.
   */
  static final long DRIVER_READ_MAX_FEED_BYTES = DeltaTableReader.DRIVER_FEED_MAX_BYTES;

  private final SparkSession spark;
  private final LakeLayout layout;
  private final PublishTarget target;
  private final Dialect dialect;
  private final TargetSchema schema;
  private final PublishSql sql;
  private long runId;
  private int batchSize = 10_000;
  private int parallelism = 4;
  private long driverReadMaxRows = DRIVER_READ_MAX_ROWS;
  private long driverReadMaxFeedBytes = DRIVER_READ_MAX_FEED_BYTES;
  private CodeGeneration codeGeneration;
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
    this.sql = new PublishSql(dialect);
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

  /** Chooses compiled or interpreted expressions from the bytes of silver, when there is anything to publish. */
  public PublishStage codeGeneration(CodeGeneration value) {
    this.codeGeneration = value;
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

  /** A test seam: snapshots of more than {@code rows} rows are read by Spark (0: every snapshot is). */
  PublishStage driverReadMaxRows(long rows) {
    this.driverReadMaxRows = rows;
    return this;
  }

  /**
   * A test seam: change feeds whose files hold more than {@code bytes} are read by Spark (negative: every feed is,
   * and its commits' operations come from Delta's history, the route before the driver read).
   */
  PublishStage driverReadMaxFeedBytes(long bytes) {
    this.driverReadMaxFeedBytes = bytes;
    return this;
  }

  PublishStage beforeCommit(BeforeCommit hook) {
    this.beforeCommit = hook;
    return this;
  }

  /**
   * Publishes every silver table, parents first, then every gold table. The publish state of all tables is read
   * with one query and compared with the lake's Delta versions first: when nothing is new, nothing else is sent.
   */
  public List<PublishResult> execute() {
    List<PublishResult> results = new ArrayList<>();
    try (Connection connection = target.connect()) {
      Map<String, PublishState> published = PublishState.readAll(connection);
      Map<String, DeltaTableReader> logs = new LinkedHashMap<>();
      long silverBytes = 0;
      for (Table table : Catalog.tables()) {
        Optional<DeltaTableReader> log = deltaLog(layout.silver(table));
        logs.put(table.name(), log.orElse(null));
        silverBytes += log.map(DeltaTableReader::sizeInBytes).orElse(0L);
      }
      for (String gold : GoldQuery.TABLES) {
        logs.put(goldName(gold), deltaLog(layout.gold(gold)).orElse(null));
      }
      boolean anythingNew = logs.entrySet().stream()
          .anyMatch(e -> e.getValue() != null && !holds(published.get(e.getKey()), state(e.getValue())));
      if (anythingNew) {
        if (codeGeneration != null) {
          codeGeneration.forStage("publish", silverBytes);
        }
        schema.dropLeftoverStaging(connection);
        schema.ensure(connection);
      }
      for (Table table : Catalog.tables()) {
        results.add(JobDescription.run(spark, "publish", table.name(), () -> naming(table.name(),
            () -> publishSilver(connection, table, logs.get(table.name()), published.get(table.name())))));
        onTable.accept(results.get(results.size() - 1));
        KillPoint.reach("publish-table");
      }
      for (String gold : GoldQuery.TABLES) {
        results.add(JobDescription.run(spark, "publish", "gold." + gold, () -> naming(goldName(gold),
            () -> publishGold(connection, gold, logs.get(goldName(gold)), published.get(goldName(gold))))));
        onTable.accept(results.get(results.size() - 1));
        KillPoint.reach("publish-table");
      }
    } catch (SQLException e) {
      throw new PublishException("publish to " + target + " failed: " + e.getMessage(), e);
    }
    return results;
  }

  private PublishResult publishSilver(Connection connection, Table table, DeltaTableReader log,
      PublishState published) throws SQLException {
    long started = System.nanoTime();
    if (log == null) {
      return new PublishResult(table.name(), PublishResult.Mode.ABSENT, -1, 0, 0, 0);
    }
    PublishState current = state(log);
    if (holds(published, current)) {
      return new PublishResult(table.name(), PublishResult.Mode.UNCHANGED, current.deltaVersion, 0, 0, 0);
    }
    PublishResult.Mode mode = PublishResult.Mode.FULL;
    ChangeFeed.Changes rows = null;
    if (published != null && published.deltaTableId.equals(current.deltaTableId)
        && published.deltaVersion < current.deltaVersion) {
      rows = ChangeFeed.latestPerKey(spark, table.name(), log, table.columnNames(), table.primaryKey(),
          published.deltaVersion, driverReadMaxFeedBytes);
      mode = rows == null ? mode : PublishResult.Mode.INCREMENTAL;
    }
    String targetTable = dialect.quote(table.name());
    String staging = dialect.qualified(null, stagingName(table.name()));
    long staged = rows == null
        ? loadSnapshot(connection, log, staging, targetTable, table.name(), table.columnNames(), table.primaryKey())
        : loadChanges(connection, rows, staging, targetTable, table.name(), table.columnNames(), table.primaryKey());
    String merge = sql.silverMerge(table, staging);
    List<String> statements = new ArrayList<>();
    // A full publish checks each foreign key once over all rows rather than once per inserted row (PostgreSQL:
    // scale 16,000 spent 2-4x longer on tables with foreign keys); the keys are back before the commit.
    boolean bulkForeignKeys = mode == PublishResult.Mode.FULL && dialect.checksForeignKeysInBulk();
    if (bulkForeignKeys) {
      statements.addAll(schema.dropForeignKeys(table));
    }
    if (mode == PublishResult.Mode.FULL) {
      // A full publish stages every row of silver: target rows it does not stage were removed from silver (a
      // full refresh), and go, children that reference them first.
      statements.addAll(sql.deleteVanished(table, staging));
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

  private PublishResult publishGold(Connection connection, String gold, DeltaTableReader log,
      PublishState published) throws SQLException {
    long started = System.nanoTime();
    String name = goldName(gold);
    if (log == null) {
      return new PublishResult(name, PublishResult.Mode.ABSENT, -1, 0, 0, 0);
    }
    PublishState current = state(log);
    if (holds(published, current)) {
      return new PublishResult(name, PublishResult.Mode.UNCHANGED, current.deltaVersion, 0, 0, 0);
    }
    Map<String, TargetSchema.ColumnInfo> targetColumns = TargetSchema.columns(connection, TargetSchema.GOLD_SCHEMA,
        gold);
    String targetTable = dialect.qualified(TargetSchema.GOLD_SCHEMA, gold);
    String staging = dialect.qualified(TargetSchema.GOLD_SCHEMA, stagingName(gold));
    List<String> columns = log.columns();
    checkGoldColumns(gold, columns, targetColumns);
    ChangeFeed.Changes changes = null;
    List<String> key = List.of();
    if (published != null && published.deltaTableId.equals(current.deltaTableId)
        && published.deltaVersion < current.deltaVersion) {
      Optional<String> rewrite = ChangeFeed.wholeRewrite(log, published.deltaVersion);
      if (rewrite.isPresent()) {
        LOG.info("{}: written whole at {} after published version {}; replacing it whole", name, rewrite.get(),
            published.deltaVersion);
      } else {
        key = TargetSchema.groupingKey(connection, TargetSchema.GOLD_SCHEMA, gold);
        changes = key.isEmpty() ? null : ChangeFeed.netChangePerGroup(spark, name, log, columns, key,
            published.deltaVersion, driverReadMaxFeedBytes);
      }
    }
    long staged;
    long written;
    PublishResult.Mode mode;
    if (changes == null) {
      mode = PublishResult.Mode.REPLACED;
      // The first column names a gold row well enough (CustomerID, ProductID, ...) when no key is at hand.
      staged = loadSnapshot(connection, log, staging, targetTable, name, columns,
          key.isEmpty() ? List.of(columns.get(0)) : key);
      List<String> replace = sql.goldReplace(targetTable, staging, columns);
      inTransaction(connection, name, staging, replace, replace.size() - 1, current);
      written = staged;
    } else {
      mode = PublishResult.Mode.INCREMENTAL;
      List<String> stagedColumns = new ArrayList<>(columns);
      stagedColumns.add(ChangeFeed.DELETE_FLAG);
      staged = loadChanges(connection, changes, staging, sql.goldChangeShape(targetTable), name, stagedColumns, key);
      String merge = sql.goldMerge(targetTable, staging, columns, key, targetColumns);
      // No group changed (gold recomputed to the same rows): only the state moves on.
      written = inTransaction(connection, name, staging, staged == 0 ? List.of() : List.of(merge), 0, current);
    }
    LOG.info("published {} ({}, Delta v{}): {} rows staged, {} written", name, mode, current.deltaVersion, staged,
        written);
    return new PublishResult(name, mode, current.deltaVersion, staged, written, (System.nanoTime() - started) / 1e9);
  }

  /**
   * {@code work} on {@code table}; a database error outside its transaction (the server gone while staging is set
   * up, say) names the table too, as the transaction's and the staging load's own failures do.
   */
  private PublishResult naming(String table, JobDescription.Work<PublishResult, SQLException> work) {
    try {
      return work.run();
    } catch (SQLException e) {
      throw new PublishException("publishing " + table + " to " + target + " failed (the tables before it stay "
          + "published, it keeps its previous version; rerun to resume): " + e.getMessage(), e);
    }
  }

  /** Stages {@code rows} from the executors, over at most {@link #parallelism} connections. */
  private long load(Connection connection, Dataset<Row> rows, String staging, String source, String table,
      List<String> columns, List<String> key) throws SQLException {
    // coalesce never adds partitions; asking rows.rdd() for their number would run the query's stages once more.
    return stage(connection, staging, source, table, columns, key,
        loader -> rows.coalesce(parallelism).foreachPartition(loader));
  }

  /**
   * Stages the whole snapshot {@code log} describes: its rows read on the driver when it is small (see
   * {@link #DRIVER_READ_MAX_ROWS}), else by Spark at the same version.
   */
  private long loadSnapshot(Connection connection, DeltaTableReader log, String staging, String source, String table,
      List<String> columns, List<String> key) throws SQLException {
    OptionalLong rows = log.numRecords();
    if (rows.isEmpty() || rows.getAsLong() > driverReadMaxRows) {
      // The snapshot's files as the log just read names them: no Delta planning job for the scan.
      Dataset<Row> snapshot = SnapshotScan.of(spark, log).select(columnsOf(columns));
      return load(connection, snapshot, staging, source, table, columns, key);
    }
    List<Object[]> values = log.rows(columns);
    return stage(connection, staging, source, table, columns, key,
        loader -> loader.load(connection, values.stream().map(RowFactory::create).iterator()));
  }

  /**
   * Stages a table's changes: collected and staged on the driver when its feed was read there (a small local
   * relation: no executor needs to open a connection), else by the executors.
   */
  private long loadChanges(Connection connection, ChangeFeed.Changes changes, String staging, String source,
      String table, List<String> columns, List<String> key) throws SQLException {
    if (!changes.local()) {
      return load(connection, changes.rows(), staging, source, table, columns, key);
    }
    return stage(connection, staging, source, table, columns, key,
        loader -> loader.load(connection, changes.rows().collectAsList().iterator()));
  }

  /** How a staging table is filled: by the executors, or on the driver, through the {@link StagingLoader} given. */
  private interface Staging {
    // Exception: a failed Spark job is a SparkException, checked in Java and thrown undeclared.
    void fill(StagingLoader loader) throws Exception;
  }

  /**
   * Creates the staging table (auto-commit: DDL commits in H2 anyway) and fills it; a row the target refuses fails
   * the table with a message naming it ({@link RejectedRow}).
   */
  private long stage(Connection connection, String staging, String source, String table, List<String> columns,
      List<String> key, Staging fill) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(dialect.createEmptyCopy(staging, source));
    }
    try {
      LongAccumulator loaded = spark.sparkContext().longAccumulator("c360 staged rows");
      fill.fill(new StagingLoader(target, staging, columns, key, batchSize, loaded));
      return loaded.value();
    } catch (Exception e) {
      // Exception: a failed Spark job is a SparkException, checked in Java and thrown undeclared.
      dropQuietly(connection, staging);
      throw new PublishException("publishing " + table + " to " + target + " failed while staging its rows, nothing "
          + "of it written (the target keeps its previously published version; rerun to resume): " + stagingCause(e),
          e);
    }
  }

  /**
   * Why staging failed, in a line: the row the target refused, else the database's own first line. (A Spark task
   * failure's message holds the executor's stack trace.)
   */
  private static String stagingCause(Exception e) {
    Throwable database = null;
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof RejectedRow) {
        return t.getMessage();
      }
      if (database == null && t instanceof SQLException) {
        database = t;
      }
    }
    String message = String.valueOf((database == null ? e : database).getMessage());
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
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
      KillPoint.reach("publish-merge");
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

  private static void checkGoldColumns(String gold, List<String> columns,
      Map<String, TargetSchema.ColumnInfo> targetColumns) {
    List<String> expected = new ArrayList<>();
    columns.forEach(c -> expected.add(c.toUpperCase(Locale.ROOT)));
    List<String> actual = new ArrayList<>(targetColumns.keySet());
    if (!actual.equals(expected)) {
      throw new SchemaMismatchException("target table gold." + gold + " has columns " + actual
          + " but the gold Delta table has " + expected + "; fix or drop the target table (c360 never alters it)");
    }
  }

  /**
   * The latest snapshot of the Delta table at {@code path}, if there is one: read from its log on the driver,
   * without a Spark snapshot, so that a publish with nothing new plans no Spark job.
   */
  private Optional<DeltaTableReader> deltaLog(Path path) {
    return DeltaTableReader.open(layout.fileSystem(), path);
  }

  /** A table's Delta id and version. */
  private static PublishState state(DeltaTableReader log) {
    return new PublishState(log.id(), log.version());
  }

  private static boolean holds(PublishState published, PublishState current) {
    return published != null && published.holds(current);
  }

  private static String goldName(String gold) {
    return TargetSchema.GOLD_SCHEMA + "." + gold;
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

  private static Column[] columnsOf(List<String> names) {
    return names.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }
}
