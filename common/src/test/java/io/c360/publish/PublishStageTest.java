package io.c360.publish;

import static io.c360.catalog.Catalog.AGENTS;
import static io.c360.catalog.Catalog.CUSTOMERS;
import static io.c360.catalog.Catalog.CUSTOMER_SERVICE_INTERACTIONS;
import static io.c360.catalog.Catalog.IN_STORE_TRANSACTIONS;
import static io.c360.catalog.Catalog.LOYALTY_ACCOUNTS;
import static io.c360.catalog.Catalog.LOYALTY_TRANSACTIONS;
import static io.c360.catalog.Catalog.ONLINE_TRANSACTIONS;
import static io.c360.catalog.Catalog.PRODUCTS;
import static io.c360.catalog.Catalog.STORES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.catalog.Catalog;
import io.c360.catalog.Table;
import io.c360.gold.GoldQuery;
import io.c360.gold.GoldStage;
import io.c360.lake.DeltaTableReader;
import io.c360.lake.LakeLayout;
import io.c360.silver.SilverTestBase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publish contract of DESIGN §6 against real databases of every dialect we run: an H2 file database in
 * {@code MODE=MSSQLServer} (the default target, which also runs the SQL Server sink logic short of T-SQL-only
 * syntax) and a real PostgreSQL 17 (embedded binaries, staging loaded with COPY). One lake is shared by the class
 * and grows batch by batch, so the tests run in order; every step publishes the same lake to a fresh database of
 * each dialect, which checks both against the same silver and gold and builds the lake once for both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublishStageTest extends SilverTestBase {

  private LakeLayout sharedLake;
  private Path databases;
  private EmbeddedPostgres postgres;
  private long runs;

  @AfterAll
  void stopPostgres() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  /** A new, empty database named {@code name} of each dialect, in a fixed order (H2, then PostgreSQL). */
  private List<PublishTarget> newDatabases(String name) throws SQLException {
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE \"" + name + "\"");
    }
    return List.of(PublishTarget.h2File(databases.resolve("db-" + name).resolve("c360").toAbsolutePath().toString()),
        PublishTarget.of(Dialect.named("postgresql"), postgres.getJdbcUrl("postgres", name), "postgres", "", ""));
  }

  /** The user of {@code target}, one of {@link #newDatabases}. */
  private static String user(PublishTarget target) {
    return target.url().startsWith("jdbc:h2:") ? "sa" : "postgres";
  }

  @BeforeAll
  void firstBatch(@TempDir Path shared) throws IOException {
    databases = shared.resolve("databases");
    postgres = EmbeddedPostgres.builder().start();
    sharedLake = LakeLayout.at(shared.resolve("lake").toString(), spark.sparkContext().hadoopConfiguration());
    lake = sharedLake;
    bronze("Customers.csv", header(CUSTOMERS), "1,Ann,ann@x.com,\"1 Elm St, Springfield\"", "2,Bob,bob@x.com,",
        "3,Zoë Ünal,zoe@x.com,Straße 5");
    bronze("Products.csv", header(PRODUCTS), "10,Lamp,Home Goods,20", "11,Book,Books,9.5");
    bronze("Stores.csv", header(STORES), "1,Springfield Mall,Mia,9-5", "2,Riverside Plaza,Max,10-6");
    bronze("Agents.csv", header(AGENTS), "7,Alice,Sales,Morning", "8,Brian,Billing,Evening");
    bronze("OnlineTransactions/2025-03-09.csv", header(ONLINE_TRANSACTIONS),
        "100,1,10,2025-03-09 02:30:00,Credit Card,20.00,Completed",
        "101,2,11,2025-11-02 01:30:00,PayPal,9.50,Pending",
        "102,1,,2025-03-10 23:59:59,Gift Card,5.25,Completed");
    bronze("InStoreTransactions.csv", header(IN_STORE_TRANSACTIONS), "500,1,2,2025-03-09 10:00:00,12.30,Debit Card",
        "501,3,1,2025-03-10 00:00:00,99.99,Credit Card");
    bronze("CustomerServiceInteractions.csv", header(CUSTOMER_SERVICE_INTERACTIONS),
        "900,1,2025-03-09 11:00:00,7,Billing,Resolved", "901,2,2025-03-09 12:00:00,7,Complaint,Pending");
    bronze("LoyaltyAccounts.csv", header(LOYALTY_ACCOUNTS), "70,1,100,Gold,2024-01-31", "71,1,5,Bronze,2024-02-29");
    bronze("LoyaltyTransactions.csv", header(LOYALTY_TRANSACTIONS), "70,2025-03-09 02:30:00,50,Purchase",
        "70,2025-03-09 03:30:00,-20,Correction");
    refreshLake();
  }

  @BeforeEach
  void useSharedLake() {
    lake = sharedLake;
  }

  /**
   * Silver, then gold merging its changes: the customer states recomputed for the affected customers only, as on a
   * lake where a change names under 1% of the customers (on this one any change names more, and gold would write
   * its tables whole). These tests publish gold's partial change feeds; the whole route is {@code
   * aGoldTableWrittenWholeSinceItWasPublishedIsReplacedWhole}'s.
   */
  private void refreshLake() {
    runSilver();
    GoldStage.of(spark, lake).wholeRecomputeShare(Double.POSITIVE_INFINITY).execute();
  }

  private List<PublishResult> publish(PublishTarget target) {
    return PublishStage.of(spark, lake, target).runId(++runs).batchSize(2).parallelism(2).execute();
  }

  @Test
  @Order(1)
  void firstPublishCreatesConstrainedTablesEqualToSilverAndGold() throws Exception {
    Map<String, List<List<Object>>> lakeContents = lakeContents();
    for (PublishTarget target : newDatabases("first")) {
      List<PublishResult> results = publish(target);
      assertEquals(Catalog.tables().size() + GoldQuery.TABLES.size(), results.size(), results.toString());
      for (PublishResult r : results) {
        assertEquals(r.table().startsWith("gold.") ? PublishResult.Mode.REPLACED : PublishResult.Mode.FULL, r.mode(),
            r.toString());
        assertEquals(r.stagedRows(), r.writtenRows(), r.toString());
      }
      assertEquals(lakeContents, databaseContents(target));
      try (Connection c = target.connect(); Statement s = c.createStatement()) {
        for (String gold : GoldQuery.TABLES) {
          try (ResultSet view = s.executeQuery("SELECT * FROM \"" + GoldQuery.targetView(gold) + "\"")) {
            int rows = 0;
            while (view.next()) {
              rows++;
            }
            assertEquals(lakeContents.get("gold." + gold).size(), rows, gold);
          }
        }
        for (Table table : Catalog.tables()) {
          List<String> pk = new ArrayList<>();
          try (ResultSet keys = c.getMetaData().getPrimaryKeys(null, c.getSchema(), table.name())) {
            while (keys.next()) {
              pk.add(keys.getString("COLUMN_NAME"));
            }
          }
          assertEquals(new TreeSet<>(table.primaryKey()), new TreeSet<>(pk), table.name());
          assertEquals(table.foreignKeys().size(), importedKeys(c, table.name()), table.name());
        }
        // The constraints are enforced, not just declared.
        SQLException orphan = assertThrows(SQLException.class, () -> s.executeUpdate("INSERT INTO "
            + "\"OnlineTransactions\" (\"OrderID\", \"CustomerID\") VALUES (999, 424242)"));
        assertTrue(orphan.getSQLState().startsWith("23"), orphan.getSQLState() + " " + orphan.getMessage());
      }
    }
  }

  @Test
  @Order(1)
  void aFullPublishReadByTheExecutorsEqualsTheSameReadOnTheDriver() throws Exception {
    // firstPublish... read every snapshot on the driver (they are small); here Spark reads them all.
    Map<String, List<List<Object>>> lakeContents = lakeContents();
    for (PublishTarget target : newDatabases("executors")) {
      List<PublishResult> results = PublishStage.of(spark, lake, target).runId(++runs).batchSize(2).parallelism(2)
          .driverReadMaxRows(0).execute();
      results.forEach(r -> assertEquals(r.stagedRows(), r.writtenRows(), r.toString()));
      assertEquals(lakeContents, databaseContents(target));
    }
  }

  @Test
  @Order(2)
  void publishingTwiceChangesNothing() throws Exception {
    for (PublishTarget target : newDatabases("twice")) {
      publish(target);
      Map<String, List<List<Object>>> before = databaseContents(target);
      for (PublishResult r : publish(target)) {
        assertEquals(PublishResult.Mode.UNCHANGED, r.mode(), r.toString());
        assertEquals(0, r.stagedRows(), r.toString());
      }
      assertEquals(before, databaseContents(target));
    }
  }

  @Test
  @Order(3)
  void aChangedSilverRowUpdatesExactlyItsTargetRow() throws Exception {
    List<PublishTarget> targets = newDatabases("changed");
    Map<PublishTarget, Map<String, List<List<Object>>>> before = publishAll(targets);
    bronze("Customers/2025-03-11.csv", header(CUSTOMERS), "2,Bob,bob@new.com,", "4,Dan,dan@x.com,");
    bronze("OnlineTransactions/2025-03-11.csv", header(ONLINE_TRANSACTIONS),
        "103,4,10,2025-03-11 09:00:00,PayPal,20.00,Completed");
    refreshLake();
    Map<String, List<List<Object>>> lakeContents = lakeContents();
    for (PublishTarget target : targets) {
      Map<String, PublishResult> results = byTable(publish(target));
      assertEquals(PublishResult.Mode.INCREMENTAL, results.get("Customers").mode());
      assertEquals(2, results.get("Customers").stagedRows());
      assertEquals(2, results.get("Customers").writtenRows());
      assertEquals(1, results.get("OnlineTransactions").writtenRows());
      assertEquals(PublishResult.Mode.UNCHANGED, results.get("Products").mode());
      Map<String, List<List<Object>>> after = databaseContents(target);
      assertEquals(lakeContents, after);
      List<List<Object>> customers = new ArrayList<>(before.get(target).get("Customers"));
      customers.set(1, row(2, "Bob", "bob@new.com", null));
      customers.add(row(4, "Dan", "dan@x.com", null));
      assertEquals(customers, after.get("Customers"), "only Bob changed and Dan arrived");
      assertEquals(before.get(target).get("Products"), after.get("Products"));
    }
  }

  @Test
  @Order(4)
  void aConstraintViolationKeepsTheCommittedStateAndTheNextRunResumes() throws Exception {
    List<PublishTarget> targets = newDatabases("violated");
    for (PublishTarget target : targets) {
      publish(target);
      try (Connection c = target.connect(); Statement s = c.createStatement()) {
        s.execute("ALTER TABLE \"OnlineTransactions\" ADD CONSTRAINT \"CK_test_amount\" CHECK (\"Amount\" < 1000)");
      }
    }
    Map<PublishTarget, Map<String, List<List<Object>>>> before = contents(targets);
    bronze("OnlineTransactions/2025-03-12.csv", header(ONLINE_TRANSACTIONS),
        "104,1,10,2025-03-12 09:00:00,PayPal,5000.00,Completed", "100,1,10,2025-03-09 02:30:00,Credit Card,21.00,Completed");
    bronze("Customers/2025-03-12.csv", header(CUSTOMERS), "3,Zoë Ünal,zoe@new.com,Straße 5");
    refreshLake();
    Map<String, List<List<Object>>> lakeContents = lakeContents();
    for (PublishTarget target : targets) {
      PublishException failure = assertThrows(PublishException.class, () -> publish(target));
      assertTrue(failure.getMessage().contains("OnlineTransactions") && failure.getMessage().contains("rolled back"),
          failure.getMessage());
      Map<String, List<List<Object>>> failed = databaseContents(target);
      assertEquals(before.get(target).get("OnlineTransactions"), failed.get("OnlineTransactions"),
          "the failed MERGE left nothing");
      assertEquals(lakeContents.get("Customers"), failed.get("Customers"), "parents committed before the failure");
      assertEquals(List.of(), stagingTables(target), "the failed table's staging was dropped");
      try (Connection c = target.connect(); Statement s = c.createStatement()) {
        s.execute("ALTER TABLE \"OnlineTransactions\" DROP CONSTRAINT \"CK_test_amount\"");
      }
      publish(target);
      assertEquals(lakeContents, databaseContents(target), "the resumed run equals an uninterrupted one");
    }
  }

  @Test
  @Order(5)
  void aConnectionDroppedBeforeCommitRollsBackAndTheNextRunResumes() throws Exception {
    Map<String, List<List<Object>>> lakeContents = lakeContents();
    for (PublishTarget target : newDatabases("dropped")) {
      PublishStage.BeforeCommit dropConnection = (table, connection) -> {
        if (table.equals("InStoreTransactions")) {
          // The network connection goes away (PostgreSQL); H2 embedded has none, and closing is its nearest analogue.
          connection.abort(Runnable::run);
          connection.close();
        }
      };
      PublishException failure = assertThrows(PublishException.class,
          () -> PublishStage.of(spark, lake, target).runId(++runs).beforeCommit(dropConnection).execute());
      assertTrue(failure.getMessage().contains("InStoreTransactions"), failure.getMessage());
      Map<String, List<List<Object>>> failed = databaseContents(target);
      assertEquals(List.of(), failed.get("InStoreTransactions"), "the aborted transaction committed nothing");
      try (Connection c = target.connect()) {
        assertEquals(Catalog.IN_STORE_TRANSACTIONS.foreignKeys().size(), importedKeys(c, "InStoreTransactions"),
            "foreign keys a full publish drops to check in bulk are back after a rollback");
      }
      assertEquals(lakeContents.get("OnlineTransactions"), failed.get("OnlineTransactions"));
      publish(target);
      assertEquals(lakeContents, databaseContents(target));
      assertEquals(List.of(), stagingTables(target), "the interrupted run's staging table was cleaned up");
    }
  }

  @Test
  @Order(6)
  void aTargetThatAlreadyHoldsRowsButNoPublishStateIsMergedNotInsertedTwice() throws Exception {
    Map<String, List<List<Object>>> lakeContents = lakeContents();
    for (PublishTarget target : newDatabases("stateless")) {
      publish(target);
      try (Connection c = target.connect(); Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM \"c360_publish_state\"");
      }
      for (PublishResult r : publish(target)) {
        assertEquals(r.table().startsWith("gold.") ? PublishResult.Mode.REPLACED : PublishResult.Mode.FULL, r.mode(),
            r.toString());
      }
      assertEquals(lakeContents, databaseContents(target), "the second full publish upserted the same rows");
    }
  }

  @Test
  @Order(7)
  void aTargetTableThatDiffersFromTheCatalogFailsWithADiff() throws Exception {
    for (PublishTarget target : newDatabases("mismatch")) {
      try (Connection c = target.connect(); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE \"Customers\" (\"CustomerID\" INT PRIMARY KEY, \"Name\" VARCHAR(50), "
            + "\"Email\" VARCHAR(100), \"Phone\" VARCHAR(20))");
      }
      String message = assertThrows(SchemaMismatchException.class, () -> publish(target)).getMessage();
      assertTrue(message.contains("target table Customers"), message);
      assertTrue(message.contains("missing column Address"), message);
      assertTrue(message.contains("(50), the catalog says VARCHAR(100)"), message);
      assertTrue(message.contains("unexpected column Phone"), message);
    }
  }

  @Test
  @Order(8)
  void aGoldChangeSendsOnlyTheGroupsThatDifferAndEqualsAFullReplace() throws Exception {
    List<PublishTarget> targets = newDatabases("goldchange");
    targets.forEach(this::publish);
    // Bob's first store visit makes Riverside Plaza his home store: his Book order leaves the group without a
    // store (which vanishes) for a new one. Ann's second order without a product changes the group whose product
    // columns are all NULL, which must be matched NULL-safely, not inserted twice.
    bronze("InStoreTransactions/2025-03-13.csv", header(IN_STORE_TRANSACTIONS),
        "502,2,2,2025-03-13 10:00:00,1.00,Credit Card");
    bronze("OnlineTransactions/2025-03-13.csv", header(ONLINE_TRANSACTIONS),
        "105,1,,2025-03-13 11:00:00,PayPal,4.75,Completed");
    refreshLake();
    Map<String, List<List<Object>>> lakeContents = lakeContents();
    List<PublishTarget> replaced = newDatabases("goldreplaced");
    for (int i = 0; i < targets.size(); i++) {
      PublishTarget target = targets.get(i);
      PublishStage.BeforeCommit failOnAverageOrderValue = (table, connection) -> {
        if (table.equals("gold.AverageOrderValue")) {
          throw new SQLException("simulated failure before commit");
        }
      };
      Map<String, List<List<Object>>> before = databaseContents(target);
      assertThrows(PublishException.class, () -> PublishStage.of(spark, lake, target).runId(++runs)
          .beforeCommit(failOnAverageOrderValue).execute());
      assertEquals(before.get("gold.AverageOrderValue"), databaseContents(target).get("gold.AverageOrderValue"),
          "the failed gold change left the target as it was");

      Map<String, PublishResult> results = byTable(publish(target));
      PublishResult averageOrderValue = results.get("gold.AverageOrderValue");
      assertEquals(PublishResult.Mode.INCREMENTAL, averageOrderValue.mode(), averageOrderValue.toString());
      assertEquals(3, averageOrderValue.stagedRows(), "one vanished, one new and one changed group");
      assertEquals(PublishResult.Mode.INCREMENTAL, results.get("gold.PeakTimes").mode());
      assertEquals(2, results.get("gold.PeakTimes").stagedRows(), "Thursday 10:00 in store and 11:00 online are new");
      assertEquals(0, results.get("gold.AgentPerformance").stagedRows(), "recomputed to the same rows");
      Map<String, List<List<Object>>> after = databaseContents(target);
      assertEquals(sorted(List.of(
          row(10, "Lamp", "Home Goods", "Riverside Plaza", 2L, dec("5021.00"), dec("2510.50")),
          row(10, "Lamp", "Home Goods", null, 1L, dec("20.00"), dec("20.00")),
          row(11, "Book", "Books", "Riverside Plaza", 1L, dec("9.50"), dec("9.50")),
          row(null, null, null, "Riverside Plaza", 2L, dec("10.00"), dec("5.00")))),
          after.get("gold.AverageOrderValue"));
      assertEquals(lakeContents, after);
      publish(replaced.get(i));
      assertEquals(databaseContents(replaced.get(i)), after, "the change publish equals a full replace");
    }
  }

  @Test
  @Order(9)
  void rowsASilverFullRefreshLeavesOutAreDeletedFromTheTargetChildrenFirst() throws Exception {
    List<PublishTarget> targets = newDatabases("refreshed");
    targets.forEach(this::publish);
    // Dan's file and order 105's file are corrected to leave them out; a full refresh replays the current files.
    // Dan's order 103 then has no customer (an orphan), so it leaves silver too.
    bronze("Customers/2025-03-11.csv", header(CUSTOMERS), "2,Bob,bob@new.com,");
    bronze("OnlineTransactions/2025-03-13.csv", header(ONLINE_TRANSACTIONS));
    runSilver(true);
    GoldStage.of(spark, lake).execute();
    assertEquals(List.of(1, 2, 3), silver(CUSTOMERS).stream().map(r -> r.get(0)).sorted().collect(
        java.util.stream.Collectors.toList()), "Dan left silver");
    Map<String, List<List<Object>>> lakeContents = lakeContents();
    for (PublishTarget target : targets) {
      Map<String, PublishResult> results = byTable(publish(target));
      assertEquals(PublishResult.Mode.FULL, results.get("Customers").mode(), "a refreshed silver table");
      Map<String, List<List<Object>>> after = databaseContents(target);
      assertEquals(lakeContents, after);
      assertTrue(after.get("OnlineTransactions").stream().noneMatch(r -> List.of(103, 105).contains(r.get(0))),
          after.get("OnlineTransactions").toString());
    }
  }

  @Test
  @Order(10)
  void aPublishWithNothingNewSendsOnlyTheStateQuery() throws Exception {
    List<PublishTarget> logged = new ArrayList<>();
    for (PublishTarget target : newDatabases("idle")) {
      publish(target);
      logged.add(StatementLog.logging(target, user(target)));
      StatementLog.take();
      for (PublishResult r : publish(logged.get(logged.size() - 1))) {
        assertEquals(PublishResult.Mode.UNCHANGED, r.mode(), r.toString());
      }
      List<String> sent = StatementLog.take();
      assertEquals(1, sent.size(), sent.toString());
      assertTrue(sent.get(0).contains("SELECT \"table_name\", \"delta_table_id\", \"delta_version\" FROM "
          + "\"c360_publish_state\""), sent.toString());
    }
    // The log sees what a publish with news sends, so an empty log above means something.
    bronze("Agents/2025-03-14.csv", header(AGENTS), "9,Cleo,Sales,Morning");
    refreshLake();
    Map<String, List<List<Object>>> lakeContents = lakeContents();
    for (PublishTarget target : logged) {
      publish(target);
      assertTrue(StatementLog.take().stream().anyMatch(sql -> sql.startsWith("MERGE INTO \"Agents\"")
          || sql.contains("\nMERGE INTO \"Agents\"")), "the new agent was merged");
      assertEquals(lakeContents, databaseContents(target));
    }
  }

  @Test
  @Order(11)
  void rowsRemovedFromSilverInPlaceAreDeletedFromTheTargetToo() throws Exception {
    List<PublishTarget> targets = newDatabases("rebuilt");
    targets.forEach(this::publish);
    // An in-place rebuild of silver (a Delta overwrite, the same table) that leaves out agent 8, who has no
    // interactions: the change feed now holds deletes, which the latest row per key cannot carry.
    String agents = lake.silver(AGENTS).toString();
    spark.read().format("delta").load(agents).filter("AgentID <> 8").write().format("delta").mode("overwrite")
        .save(agents);
    Map<String, List<List<Object>>> lakeContents = lakeContents();
    for (PublishTarget target : targets) {
      Map<String, PublishResult> results = byTable(publish(target));
      assertEquals(PublishResult.Mode.FULL, results.get("Agents").mode(), results.get("Agents").toString());
      Map<String, List<List<Object>>> after = databaseContents(target);
      assertEquals(lakeContents, after);
      assertTrue(after.get("Agents").stream().noneMatch(r -> r.get(0).equals(8)), after.get("Agents").toString());
      assertEquals(PublishResult.Mode.UNCHANGED, byTable(publish(target)).get("Agents").mode(), "published once");
    }
  }

  @Test
  @Order(12)
  void aValueTheTargetRefusesFailsNamingTheTableTheRowsKeyAndTheColumn() throws Exception {
    List<PublishTarget> targets = newDatabases("refusing");
    targets.forEach(this::publish);
    // A name silver holds but the target's VARCHAR(100) cannot (written past silver's checks, as a value the
    // target counts differently from silver would be), and one that is fine.
    String customers = lake.silver(CUSTOMERS).toString();
    spark.sql("UPDATE delta.`" + customers + "` SET Name = repeat('x', 150) WHERE CustomerID = 2");
    spark.sql("UPDATE delta.`" + customers + "` SET Name = 'Annie' WHERE CustomerID = 1");
    try {
      for (PublishTarget target : targets) {
        PublishException failure = assertThrows(PublishException.class, () -> publish(target));
        assertTrue(failure.getMessage().startsWith("publishing Customers to "), failure.getMessage());
        assertTrue(failure.getMessage().contains("row CustomerID=2, column Name: "), failure.getMessage());
        assertTrue(!failure.getMessage().contains("\n"), "one line: " + failure.getMessage());
      }
    } finally {
      spark.sql("UPDATE delta.`" + customers + "` SET Name = 'Bob' WHERE CustomerID = 2");
      spark.sql("UPDATE delta.`" + customers + "` SET Name = 'Ann' WHERE CustomerID = 1");
    }
  }

  @Test
  @Order(13)
  void anIncrementalPublishReadOnTheDriverEqualsTheSameReadBySpark() throws Exception {
    List<PublishTarget> onDriver = newDatabases("driverfeed");
    List<PublishTarget> bySpark = newDatabases("sparkfeed");
    onDriver.forEach(this::publish);
    bySpark.forEach(this::publish);
    Map<String, DeltaTableReader> published = deltaLogs();
    // Ann moves and Eve arrives with an order and a store visit: silver MERGEs update and insert (cdc files and
    // plain adds), and gold's groups change.
    bronze("Customers/2025-03-15.csv", header(CUSTOMERS), "1,Ann,ann@new.com,\"2 Oak St, Springfield\"",
        "5,Eve,eve@x.com,");
    bronze("OnlineTransactions/2025-03-15.csv", header(ONLINE_TRANSACTIONS),
        "106,5,11,2025-03-15 08:00:00,PayPal,9.50,Completed");
    bronze("InStoreTransactions/2025-03-15.csv", header(IN_STORE_TRANSACTIONS),
        "503,5,1,2025-03-15 18:00:00,3.00,Credit Card");
    refreshLake();
    List<String> changed = new ArrayList<>();
    deltaLogs().forEach((table, log) -> {
      long before = published.get(table).version();
      if (log.version() > before) {
        changed.add(table);
        assertTrue(log.changes(before, log.version(), log.columns(), PublishStage.DRIVER_READ_MAX_FEED_BYTES)
            .isPresent(), table + ": the driver reads this feed");
      }
    });
    assertTrue(changed.containsAll(List.of("Customers", "OnlineTransactions", "InStoreTransactions",
        "gold.AverageOrderValue", "gold.CustomerProfile")), changed.toString());
    Map<String, List<List<Object>>> lakeContents = lakeContents();
    for (int i = 0; i < onDriver.size(); i++) {
      Map<String, PublishResult> driverResults = byTable(publish(onDriver.get(i)));
      Map<String, PublishResult> sparkResults = byTable(PublishStage.of(spark, lake, bySpark.get(i)).runId(++runs)
          .batchSize(2).parallelism(2).driverReadMaxFeedBytes(-1).execute());
      assertEquals(PublishResult.Mode.INCREMENTAL, driverResults.get("Customers").mode());
      assertEquals(2, driverResults.get("Customers").stagedRows(), "Ann changed and Eve arrived");
      for (String table : changed) {
        PublishResult driver = driverResults.get(table);
        PublishResult executors = sparkResults.get(table);
        assertEquals(List.of(executors.mode(), executors.stagedRows(), executors.writtenRows()),
            List.of(driver.mode(), driver.stagedRows(), driver.writtenRows()), table);
      }
      assertEquals(lakeContents, databaseContents(onDriver.get(i)));
      assertEquals(lakeContents, databaseContents(bySpark.get(i)));
    }
  }

  @Test
  @Order(14)
  void aGoldTableWrittenWholeSinceItWasPublishedIsReplacedWhole() throws Exception {
    List<PublishTarget> targets = newDatabases("overwritten");
    targets.forEach(this::publish);
    // Bob buys a second book online: AverageOrderValue, PeakTimes, CustomerSegmentation and CustomerProfile change,
    // and gold writes each of them whole; AgentPerformance stays as it was.
    bronze("OnlineTransactions/2025-03-16.csv", header(ONLINE_TRANSACTIONS),
        "107,2,11,2025-03-16 09:00:00,PayPal,9.50,Completed");
    runSilver();
    GoldStage.of(spark, lake).overwriteWhen(0, 0).execute();
    Map<String, List<List<Object>>> lakeContents = lakeContents();
    for (PublishTarget target : targets) {
      Map<String, PublishResult> results = byTable(publish(target));
      for (String gold : List.of("AverageOrderValue", "PeakTimes", "CustomerProfile")) {
        PublishResult result = results.get("gold." + gold);
        assertEquals(PublishResult.Mode.REPLACED, result.mode(), result.toString());
        assertEquals(lakeContents.get("gold." + gold).size(), result.stagedRows(), "every row staged: " + result);
      }
      assertEquals(PublishResult.Mode.UNCHANGED, results.get("gold.AgentPerformance").mode());
      assertEquals(PublishResult.Mode.INCREMENTAL, results.get("OnlineTransactions").mode());
      assertEquals(lakeContents, databaseContents(target));
    }
    // A gold full refresh (DESIGN §6): every gold table, AgentPerformance too, replaced whole; silver untouched.
    GoldStage.of(spark, lake).fullRefresh(true).execute();
    for (PublishTarget target : targets) {
      Map<String, PublishResult> results = byTable(publish(target));
      for (String gold : io.c360.gold.GoldQuery.TABLES) {
        assertEquals(PublishResult.Mode.REPLACED, results.get("gold." + gold).mode(), gold + " after a full refresh");
      }
      assertEquals(PublishResult.Mode.UNCHANGED, results.get("OnlineTransactions").mode());
      assertEquals(lakeContents, databaseContents(target));
    }
  }

  /** The Delta log of every silver and gold table, by the name publish gives it. */
  private Map<String, DeltaTableReader> deltaLogs() {
    Map<String, DeltaTableReader> logs = new LinkedHashMap<>();
    for (Table table : Catalog.tables()) {
      logs.put(table.name(), DeltaTableReader.open(lake.fileSystem(), lake.silver(table)).orElseThrow());
    }
    for (String gold : GoldQuery.TABLES) {
      logs.put("gold." + gold, DeltaTableReader.open(lake.fileSystem(), lake.gold(gold)).orElseThrow());
    }
    return logs;
  }

  /** Publishes the lake to each of {@code targets}; returns what each then holds. */
  private Map<PublishTarget, Map<String, List<List<Object>>>> publishAll(List<PublishTarget> targets)
      throws SQLException {
    targets.forEach(this::publish);
    return contents(targets);
  }

  private static Map<PublishTarget, Map<String, List<List<Object>>>> contents(List<PublishTarget> targets)
      throws SQLException {
    Map<PublishTarget, Map<String, List<List<Object>>>> contents = new LinkedHashMap<>();
    for (PublishTarget target : targets) {
      contents.put(target, databaseContents(target));
    }
    return contents;
  }

  private static Map<String, PublishResult> byTable(List<PublishResult> results) {
    Map<String, PublishResult> map = new LinkedHashMap<>();
    results.forEach(r -> map.put(r.table(), r));
    return map;
  }

  private static int importedKeys(Connection c, String table) throws SQLException {
    int count = 0;
    try (ResultSet keys = c.getMetaData().getImportedKeys(null, c.getSchema(), table)) {
      while (keys.next()) {
        count++;
      }
    }
    return count;
  }

  private static List<String> stagingTables(PublishTarget target) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = target.connect(); ResultSet tables = c.getMetaData().getTables(null, null, null,
        new String[] {"TABLE"})) {
      while (tables.next()) {
        if (tables.getString("TABLE_NAME").startsWith(TargetSchema.STAGING_PREFIX)) {
          names.add(tables.getString("TABLE_NAME"));
        }
      }
    }
    return names;
  }

  /**
   * Every silver and gold table of the lake as sorted rows of Java values, read on the driver with {@link
   * DeltaTableReader}: independent of the Spark reads publish itself makes, and without a Spark job per table.
   */
  private Map<String, List<List<Object>>> lakeContents() {
    Map<String, List<List<Object>>> contents = new LinkedHashMap<>();
    for (Table table : Catalog.tables()) {
      contents.put(table.name(), deltaRows(lake.silver(table), table.columnNames()));
    }
    for (String gold : GoldQuery.TABLES) {
      contents.put("gold." + gold, deltaRows(lake.gold(gold), null));
    }
    return contents;
  }

  /** The rows of the Delta table at {@code path}, sorted: {@code columns}, or all its columns when null. */
  private List<List<Object>> deltaRows(org.apache.hadoop.fs.Path path, List<String> columns) {
    DeltaTableReader table = DeltaTableReader.open(lake.fileSystem(), path)
        .orElseThrow(() -> new AssertionError("no Delta table at " + path));
    List<List<Object>> rows = new ArrayList<>();
    for (Object[] row : table.rows(columns == null ? table.columns() : columns)) {
      rows.add(Arrays.asList(row));
    }
    return sorted(rows);
  }

  /** The same tables read back from the target over JDBC, dates and timestamps as java.time values. */
  private static Map<String, List<List<Object>>> databaseContents(PublishTarget target) throws SQLException {
    Map<String, List<List<Object>>> contents = new LinkedHashMap<>();
    try (Connection c = target.connect(); Statement s = c.createStatement()) {
      for (Table table : Catalog.tables()) {
        contents.put(table.name(), sorted(query(s, "SELECT * FROM \"" + table.name() + "\"")));
      }
      for (String gold : GoldQuery.TABLES) {
        contents.put("gold." + gold, sorted(query(s, "SELECT * FROM \"gold\".\"" + gold + "\"")));
      }
    }
    return contents;
  }

  private static List<List<Object>> query(Statement s, String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          switch (meta.getColumnType(i)) {
            case Types.DATE:
              row.add(rs.getObject(i, LocalDate.class));
              break;
            case Types.TIMESTAMP:
              row.add(rs.getObject(i, LocalDateTime.class));
              break;
            default:
              row.add(rs.getObject(i));
          }
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> copy = new ArrayList<>(rows);
    copy.sort(Comparator.comparing(Object::toString));
    return copy;
  }
}
