package io.c360.gold;

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

import io.c360.catalog.Table;
import io.c360.lake.SparkTestBase;
import java.sql.Date;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import io.c360.lake.LakeLayout;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each gold rule on one small hand-written silver data set; every expected row below was worked out by hand
 * (the arithmetic is in the comments).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoldStageTest extends SparkTestBase {

  /** Silver is written once for the class; the tests only read it (and write gold). */
  private LakeLayout silverLake;

  @BeforeEach
  void useSharedLake() {
    lake = silverLake;
  }

  private static LocalDateTime at(String text) {
    return text == null ? null : LocalDateTime.parse(text.replace(' ', 'T'));
  }

  private void givenSilver(Table table, Object[]... rows) {
    List<Row> data = new ArrayList<>();
    for (Object[] r : rows) {
      data.add(RowFactory.create(r));
    }
    spark.createDataFrame(data, table.sparkSchema()).write().format("delta").mode("overwrite")
        .save(lake.silver(table).toString());
  }

  @BeforeAll
  void silver(@TempDir Path shared) {
    silverLake = LakeLayout.at(shared.resolve("lake").toString(), spark.sparkContext().hadoopConfiguration());
    lake = silverLake;
    givenSilver(CUSTOMERS, r(1, "Ann", "ann@example.com", null), r(2, "Bob", null, null), r(3, "Cy", null, null),
        r(4, "Dee", null, null), r(5, "Eve", null, null), r(6, "Fay", null, null), r(7, "Gus", null, null));
    givenSilver(PRODUCTS, r(10, "Lamp", "Home Goods", dec("20.00")), r(11, "Book", "Books", dec("9.50")));
    // Stores 1 and 3 share their Location text: gold groups by the text.
    givenSilver(STORES, r(1, "Springfield Mall", "M1", "9-5"), r(2, "Riverside Plaza", "M2", "9-5"),
        r(3, "Springfield Mall", "M3", "9-5"));
    givenSilver(AGENTS, r(7, "Alice", "Sales", "Morning"), r(8, "Brian", "Billing", "Evening"),
        r(9, "Carl", "Sales", "Afternoon"));
    givenSilver(IN_STORE_TRANSACTIONS,
        // Ann visits stores 2 and 1 twice each: the tie goes to the lowest StoreID, 1 (Springfield Mall).
        r(1, 1, 2, at("2025-03-02 10:00:00"), dec("10.00"), "PayPal"),
        r(2, 1, 2, at("2025-03-02 10:15:00"), dec("20.00"), "PayPal"),
        r(3, 1, 1, at("2025-03-03 11:00:00"), dec("30.00"), "PayPal"),
        r(4, 1, 1, at("2025-03-03 11:45:00"), dec("40.00"), "PayPal"),
        r(5, 2, 2, at("2025-03-09 23:59:59"), dec("5.00"), "PayPal"),
        r(6, 5, 3, at("2025-03-10 00:00:00"), dec("100.00"), "PayPal"),
        r(7, 5, null, null, dec("1.00"), "PayPal"),
        r(8, 6, 2, at("2025-03-12 18:00:00"), dec("124.97"), "PayPal"));
    givenSilver(ONLINE_TRANSACTIONS,
        r(100, 1, 10, at("2025-03-09 23:59:59"), "PayPal", dec("10.00"), "Completed"),
        r(101, 1, 10, at("2025-03-10 00:00:00"), "PayPal", dec("14.95"), "Failed"),
        r(102, 2, 10, at("2025-03-10 00:00:00"), "PayPal", dec("20.00"), "Completed"),
        r(103, 3, 11, at("2025-03-11 12:00:00"), "PayPal", null, "Pending"),
        r(104, 3, null, at("2025-03-11 12:30:00"), "PayPal", dec("7.00"), "Completed"),
        r(105, 5, 11, null, "PayPal", dec("3.00"), "Completed"),
        r(106, 1, 10, at("2025-03-10 00:30:00"), "PayPal", dec("0.02"), "Completed"),
        r(107, 5, 10, at("2025-03-12 08:00:00"), "PayPal", dec("0.01"), "Completed"),
        r(108, 7, 11, at("2025-03-12 09:00:00"), "PayPal", dec("1.00"), "Completed"));
    givenSilver(CUSTOMER_SERVICE_INTERACTIONS,
        r(1, 1, at("2025-03-01 09:00:00"), 7, "Billing", "Resolved"),
        r(2, 2, at("2025-03-01 09:00:00"), 7, "Billing", "Pending"),
        r(3, 3, at("2025-03-01 09:00:00"), 7, "Billing", null),
        r(4, 4, at("2025-03-01 09:00:00"), 9, "Other", "Resolved"),
        r(5, 5, at("2025-03-01 09:00:00"), 9, "Other", "Resolved"),
        r(6, 6, at("2025-03-01 09:00:00"), 9, "Other", "Escalated"),
        r(7, 7, at("2025-03-01 09:00:00"), null, "Other", "Resolved"),
        // Ann's second interaction, handled by no known agent: AgentPerformance ignores it, her profile counts it.
        r(8, 1, at("2025-03-05 14:00:00"), null, "Other", "Escalated"));
    givenSilver(LOYALTY_ACCOUNTS,
        r(1, 1, 100, "Bronze", Date.valueOf("2024-01-01")), r(2, 1, 50, "Gold", Date.valueOf("2024-02-01")),
        r(3, 2, 10, "Silver", Date.valueOf("2024-01-01")), r(4, 4, 5, "Platinum", Date.valueOf("2024-01-01")),
        r(5, 3, 1, null, Date.valueOf("2024-01-01")), r(6, 7, 1, "Gold", Date.valueOf("2024-01-01")),
        // Fay's account has neither points nor tier: PointsEarned counts 0, her tier stays NULL.
        r(7, 6, null, null, Date.valueOf("2024-03-01")));
    givenSilver(LOYALTY_TRANSACTIONS,
        // Ann's two accounts move: +20 - 5 on account 1, +7 on account 2.
        r(1, at("2025-01-01 10:00:00"), 20, "Purchase"), r(1, at("2025-02-01 10:00:00"), -5, "Correction"),
        r(2, at("2025-01-05 10:00:00"), 7, "Referral"),
        // Bob's only movement has no PointsChange: it counts 0.
        r(3, at("2025-01-06 10:00:00"), null, "Promotion"),
        r(6, at("2025-02-10 12:00:00"), 3, "Promotion"));
  }

  private List<List<Object>> gold(String table, String... orderBy) {
    return rows(GoldStage.of(spark, lake).compute().get(table), orderBy);
  }

  /** Every table of {@code orderBy}'s keys from one computation of gold, each ordered by its columns there. */
  private Map<String, List<List<Object>>> gold(Map<String, String[]> orderBy) {
    Map<String, Dataset<Row>> computed = GoldStage.of(spark, lake).compute();
    Map<String, List<List<Object>>> tables = new java.util.HashMap<>();
    orderBy.forEach((table, columns) -> tables.put(table, rows(computed.get(table), columns)));
    return tables;
  }

  private static List<List<Object>> rows(Dataset<Row> table, String... orderBy) {
    List<List<Object>> rows = new ArrayList<>();
    for (Row row : table.orderBy(orderBy[0], Arrays.copyOfRange(orderBy, 1, orderBy.length)).collectAsList()) {
      rows.add(values(row));
    }
    return rows;
  }

  @Test
  void averageOrderValueAttributesOrdersToTheHomeStore() {
    assertEquals(List.of(
        // Cy's order without a product: its own row with NULL product columns (no in-store history either).
        row(null, null, null, null, 1L, dec("7.00"), dec("7.00")),
        // Ann (home store 1) 10.00 + 14.95 + 0.02 and Eve (home store 3, same text) 0.01:
        // 24.98 / 4 = 6.245 -> 6.25 half-up (half-even or a double would give 6.24).
        row(10, "Lamp", "Home Goods", "Riverside Plaza", 1L, dec("20.00"), dec("20.00")),
        row(10, "Lamp", "Home Goods", "Springfield Mall", 4L, dec("24.98"), dec("6.25")),
        // Cy and Gus have no in-store history: NULL location; Cy's NULL amount counts as 0: (0 + 1.00) / 2.
        row(11, "Book", "Books", null, 2L, dec("1.00"), dec("0.50")),
        row(11, "Book", "Books", "Springfield Mall", 1L, dec("3.00"), dec("3.00"))),
        gold(GoldQuery.AVERAGE_ORDER_VALUE, "ProductID", "StoreLocation"));
  }

  @Test
  void customerSegmentationHasOneRowPerCustomerWithExactP90() {
    // Spends ascending: 0, 1.00, 7.00, 25.00, 104.01, 124.97, 124.97; N = 7, rank ceil(6.3) = 7 -> 124.97.
    java.math.BigDecimal p90 = dec("124.97");
    assertEquals(List.of(
        row(1, "Ann", dec("124.97"), 7L, "Gold", p90, "High-Value Customer"),
        row(2, "Bob", dec("25.00"), 2L, "Silver", p90, "Regular Customer"),
        row(3, "Cy", dec("7.00"), 2L, null, p90, "Regular Customer"),
        row(4, "Dee", dec("0.00"), 0L, "Platinum", p90, "Loyalty Champion"),
        row(5, "Eve", dec("104.01"), 4L, null, p90, "Regular Customer"),
        // A one-time buyer at the top is High-Value first; a one-time buyer with a Gold account is One-Time.
        row(6, "Fay", dec("124.97"), 1L, null, p90, "High-Value Customer"),
        row(7, "Gus", dec("1.00"), 1L, "Gold", p90, "One-Time Buyer")),
        gold(GoldQuery.CUSTOMER_SEGMENTATION, "CustomerID"));
  }

  @Test
  void peakTimesUseWallClockHoursAndEnglishIsoDays() {
    assertEquals(List.of(
        row("InStore", "Monday", 1, 0, 1L, dec("100.00")),
        row("InStore", "Monday", 1, 11, 2L, dec("70.00")),
        row("InStore", "Wednesday", 3, 18, 1L, dec("124.97")),
        row("InStore", "Sunday", 7, 10, 2L, dec("30.00")),
        row("InStore", "Sunday", 7, 23, 1L, dec("5.00")),
        row("Online", "Monday", 1, 0, 3L, dec("34.97")),
        row("Online", "Tuesday", 2, 12, 2L, dec("7.00")),
        row("Online", "Wednesday", 3, 8, 1L, dec("0.01")),
        row("Online", "Wednesday", 3, 9, 1L, dec("1.00")),
        row("Online", "Sunday", 7, 23, 1L, dec("10.00"))),
        gold(GoldQuery.PEAK_TIMES, "Channel", "DayOfWeekNumber", "HourOfDay"));
  }

  @Test
  void agentPerformanceListsEveryAgentWithExactRates() {
    assertEquals(List.of(
        row(7, "Alice", 3L, 1L, dec("33.33")),
        row(8, "Brian", 0L, 0L, null),
        row(9, "Carl", 3L, 2L, dec("66.67"))),
        gold(GoldQuery.AGENT_PERFORMANCE, "AgentID"));
  }

  @Test
  void customerProfileJoinsEverySourcePerCustomerWithoutMultiplyingThem() {
    java.math.BigDecimal zero = dec("0.00");
    assertEquals(List.of(
        // Ann: online 10.00 + 14.95 + 0.02, in store 10 + 20 + 30 + 40; first in store on 03-02, last online at
        // 03-10 00:30; stores 1 and 2 tie at two visits -> 1; accounts 1 and 2: 100 + 50 points, moves
        // 20 - 5 + 7 = 22, tier Gold; interactions Resolved + Escalated -> 1 open, the later on 03-05.
        row(1, "Ann", "ann@example.com", 3L, dec("24.97"), 4L, dec("100.00"), dec("124.97"),
            at("2025-03-02 10:00:00"), at("2025-03-10 00:30:00"), 1, "Springfield Mall", 2L, "Gold", 150L, 22L,
            2L, 1L, at("2025-03-05 14:00:00"), "High-Value Customer"),
        // Bob: his in-store 03-09 23:59:59 is first, online 03-10 is last; one move with a NULL change -> 0;
        // a Pending interaction is open.
        row(2, "Bob", null, 1L, dec("20.00"), 1L, dec("5.00"), dec("25.00"),
            at("2025-03-09 23:59:59"), at("2025-03-10 00:00:00"), 2, "Riverside Plaza", 1L, "Silver", 10L, 0L,
            1L, 1L, at("2025-03-01 09:00:00"), "Regular Customer"),
        // Cy: no in-store history -> no home store; a NULL amount counts 0; a NULL status is open.
        row(3, "Cy", null, 2L, dec("7.00"), 0L, zero, dec("7.00"),
            at("2025-03-11 12:00:00"), at("2025-03-11 12:30:00"), null, null, 1L, null, 1L, 0L,
            1L, 1L, at("2025-03-01 09:00:00"), "Regular Customer"),
        // Dee never bought: zeros and NULL purchase dates.
        row(4, "Dee", null, 0L, zero, 0L, zero, zero,
            null, null, null, null, 1L, "Platinum", 5L, 0L,
            1L, 0L, at("2025-03-01 09:00:00"), "Loyalty Champion"),
        // Eve: one order and one store visit without a DateTime are counted but do not date her purchases; her
        // visit without a StoreID does not count for the home store; no loyalty account.
        row(5, "Eve", null, 2L, dec("3.01"), 2L, dec("101.00"), dec("104.01"),
            at("2025-03-10 00:00:00"), at("2025-03-12 08:00:00"), 3, "Springfield Mall", 0L, null, 0L, 0L,
            1L, 0L, at("2025-03-01 09:00:00"), "Regular Customer"),
        // Fay: in store only; her account has NULL points (0) and no tier.
        row(6, "Fay", null, 0L, zero, 1L, dec("124.97"), dec("124.97"),
            at("2025-03-12 18:00:00"), at("2025-03-12 18:00:00"), 2, "Riverside Plaza", 1L, null, 0L, 0L,
            1L, 1L, at("2025-03-01 09:00:00"), "High-Value Customer"),
        row(7, "Gus", null, 1L, dec("1.00"), 0L, zero, dec("1.00"),
            at("2025-03-12 09:00:00"), at("2025-03-12 09:00:00"), null, null, 1L, "Gold", 1L, 3L,
            1L, 0L, at("2025-03-01 09:00:00"), "One-Time Buyer")),
        gold(GoldQuery.CUSTOMER_PROFILE, "CustomerID"));
  }

  @Test
  void customerProfileHasTheColumnsAndTypesOfDesign() {
    assertEquals("CustomerID:int,CustomerName:string,Email:string,OnlineOrders:bigint,OnlineSpend:decimal(18,2),"
        + "InStoreTransactions:bigint,InStoreSpend:decimal(18,2),TotalSpend:decimal(18,2),FirstPurchase:timestamp_ntz,"
        + "LastPurchase:timestamp_ntz,HomeStoreID:int,HomeStoreLocation:string,LoyaltyAccounts:bigint,"
        + "TierLevel:string,PointsEarned:bigint,PointsChange:bigint,Interactions:bigint,OpenInteractions:bigint,"
        + "LastInteraction:timestamp_ntz,CustomerSegment:string",
        java.util.Arrays.stream(GoldStage.of(spark, lake).compute().get(GoldQuery.CUSTOMER_PROFILE).schema().fields())
            .map(f -> f.name() + ":" + f.dataType().simpleString()).collect(java.util.stream.Collectors.joining(",")));
  }

  @Test
  void sameRowsWhateverTheJvmTimeZoneAndLocale() {
    Map<String, String[]> orders = Map.of(
        GoldQuery.AVERAGE_ORDER_VALUE, new String[] {"ProductID", "StoreLocation"},
        GoldQuery.CUSTOMER_SEGMENTATION, new String[] {"CustomerID"},
        GoldQuery.PEAK_TIMES, new String[] {"Channel", "DayOfWeekNumber", "HourOfDay"},
        GoldQuery.AGENT_PERFORMANCE, new String[] {"AgentID"},
        GoldQuery.CUSTOMER_PROFILE, new String[] {"CustomerID"});
    Map<String, List<List<Object>>> baseline = gold(orders);
    TimeZone zone = TimeZone.getDefault();
    Locale locale = Locale.getDefault();
    String sessionZone = spark.conf().get("spark.sql.session.timeZone");
    try {
      for (String[] setup : new String[][] {{"America/Los_Angeles", "de-DE"}, {"Asia/Kolkata", "ja-JP"}}) {
        TimeZone.setDefault(TimeZone.getTimeZone(setup[0]));
        Locale.setDefault(Locale.forLanguageTag(setup[1]));
        spark.conf().set("spark.sql.session.timeZone", setup[0]);
        Map<String, List<List<Object>>> there = gold(orders);
        orders.keySet().forEach(t -> assertEquals(baseline.get(t), there.get(t), t + " under " + Arrays.toString(setup)));
      }
    } finally {
      TimeZone.setDefault(zone);
      Locale.setDefault(locale);
      spark.conf().set("spark.sql.session.timeZone", sessionZone);
    }
  }

  @Test
  void executeCommitsOnlyTheTablesWhoseRowsDifferAndNothingWhileSilverAndItsQueriesAreUnchanged() {
    GoldStageResult first = GoldStage.of(spark, lake).execute();
    Map<String, Long> expected = Map.of("AverageOrderValue", 5L, "CustomerSegmentation", 7L, "PeakTimes", 10L,
        "AgentPerformance", 3L, "CustomerProfile", 7L);
    assertEquals(expected, first.rows());
    assertEquals(GoldQuery.TABLES, new ArrayList<>(first.rows().keySet()), "in the order of GoldQuery.TABLES");
    assertEquals(GoldStageResult.Mode.FULL, first.mode(), "the first run computes from all of silver");
    assertEquals(GoldQuery.TABLES, first.written());
    Map<String, Long> before = goldVersions();

    GoldStageResult again = GoldStage.of(spark, lake).execute();
    assertEquals(GoldStageResult.Mode.CURRENT, again.mode(), "silver unchanged: nothing is read");
    assertEquals(List.of(), again.written(), "nothing changed: no gold table is rewritten");
    assertEquals(expected, again.rows(), "kept tables report their rows");
    assertEquals(before, goldVersions());

    // Same rows, new silver version written without a change data feed (this test's silver has none): the feed
    // cannot answer, so gold is recomputed from all of silver; its rows being the same, nothing is committed.
    givenSilver(AGENTS, r(7, "Alice", "Sales", "Morning"), r(8, "Brian", "Billing", "Evening"),
        r(9, "Carl", "Sales", "Afternoon"));
    GoldStageResult sameAgents = GoldStage.of(spark, lake).execute();
    assertEquals(GoldStageResult.Mode.FULL, sameAgents.mode());
    assertEquals(List.of(), sameAgents.written(), "equal rows are not committed");
    assertEquals(before, goldVersions());

    // A different query (here its percentile accuracy) is recomputed from all of silver: same cut on 7 customers.
    GoldStageResult otherQuery = GoldStage.of(spark, lake).percentileAccuracy(1000).execute();
    assertEquals(GoldStageResult.Mode.FULL, otherQuery.mode());
    assertEquals(List.of(), otherQuery.written());

    // A renamed agent changes one row of one table: one commit, whose change data feed holds that row only.
    givenSilver(AGENTS, r(7, "Alicia", "Sales", "Morning"), r(8, "Brian", "Billing", "Evening"),
        r(9, "Carl", "Sales", "Afternoon"));
    try {
      GoldStageResult renamed = GoldStage.of(spark, lake).percentileAccuracy(1000).execute();
      assertEquals(List.of("AgentPerformance"), renamed.written(), "the other tables do not read Agents");
      assertEquals(expected, renamed.rows());
      for (String table : GoldQuery.TABLES) {
        long commits = table.equals("AgentPerformance") ? 1 : 0;
        assertEquals(before.get(table) + commits, goldVersions().get(table), table + ": one commit per run that "
            + "changed its rows, none otherwise");
        assertEquals(expected.get(table), spark.read().format("delta").load(lake.gold(table).toString()).count());
      }
      String path = lake.gold("AgentPerformance").toString();
      assertEquals(List.of("7|Alice|update_preimage", "7|Alicia|update_postimage"), spark.read().format("delta")
          .option("readChangeFeed", "true").option("startingVersion", goldVersion("AgentPerformance")).load(path)
          .orderBy("_change_type").collectAsList().stream()
          .map(row -> row.getAs("AgentID") + "|" + row.getAs("AgentName") + "|" + row.getAs("_change_type"))
          .sorted().collect(java.util.stream.Collectors.toList()));
    } finally {
      givenSilver(AGENTS, r(7, "Alice", "Sales", "Morning"), r(8, "Brian", "Billing", "Evening"),
          r(9, "Carl", "Sales", "Afternoon"));
    }
  }

  private Map<String, Long> goldVersions() {
    Map<String, Long> versions = new java.util.HashMap<>();
    GoldQuery.TABLES.forEach(t -> versions.put(t, goldVersion(t)));
    return versions;
  }

  private long goldVersion(String table) {
    return io.delta.tables.DeltaTable.forPath(spark, lake.gold(table).toString()).history(1)
        .first().<Long>getAs("version");
  }
}
