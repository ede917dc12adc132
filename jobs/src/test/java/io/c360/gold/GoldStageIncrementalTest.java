package io.c360.gold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.cli.C360;
import io.c360.lake.DeltaTableReader;
import io.c360.lake.LakeLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The property of incremental gold (DESIGN §5 "Incremental maintenance"): over a sequence of silver runs on small
 * hand-written bronze files, each case of change that can move a gold row, GoldStage's incremental result equals,
 * after EVERY run, a full refresh computed from the same silver ({@link GoldStage#compute}: all of silver, no state,
 * no change feed), row for row; and at the end equals the independent H2 recomputation ({@link H2Oracle}). Every
 * run after the first must really be incremental, or the comparison would prove nothing. The incremental runs
 * alternate the two routes of the customer and agent states: recomputed for the affected keys and merged
 * ({@link #SCOPED}), and recomputed whole and overwritten ({@link #WHOLE}, what many affected keys choose).
 */
class GoldStageIncrementalTest {
  private static final String HEADER_CUSTOMERS = "CustomerID,Name,Email,Address";
  private static final String HEADER_ONLINE = "OrderID,CustomerID,ProductID,DateTime,PaymentMethod,Amount,Status";
  private static final String HEADER_IN_STORE = "TransactionID,CustomerID,StoreID,DateTime,Amount,PaymentMethod";
  private static final String HEADER_SERVICE = "InteractionID,CustomerID,DateTime,AgentID,IssueType,ResolutionStatus";
  private static final String HEADER_PRODUCTS = "ProductID,Name,Category,Price";
  private static final String HEADER_STORES = "StoreID,Location,Manager,OpenHours";

  /** States recomputed for the affected customers and agents only, however many they are. */
  private static final double SCOPED = Double.POSITIVE_INFINITY;
  /** States recomputed whole, however few customers and agents are affected. */
  private static final double WHOLE = 0;

  @TempDir
  Path tmp;

  private Path lake;
  /** The Delta operations that wrote CustomerFacts in incremental runs: both routes must have been taken. */
  private final java.util.Set<String> statesWritten = new java.util.TreeSet<>();
  /** The same for gold CustomerProfile, which is written whole when the customer states were recomputed whole. */
  private final java.util.Set<String> profilesWritten = new java.util.TreeSet<>();

  @Test
  void afterEveryRunGoldEqualsAFullRefreshAndAtTheEndTheH2Recomputation() throws Exception {
    lake = tmp.resolve("lake");
    // Run 1, the first files. Ann visits store 1 twice and store 2 once: home store 1. Bob visits stores 2 and 3
    // once each: a tie, home store 2 (the lower StoreID). Cy never visits a store; Dee never buys; agent 9 has no
    // interactions; order 104 has no product, order 105 no DateTime.
    bronze("Customers/c1.csv", HEADER_CUSTOMERS, "1,Ann,ann@example.com,", "2,Bob,,", "3,Cy,,", "4,Dee,,", "5,Eve,,");
    bronze("Products/p1.csv", HEADER_PRODUCTS, "10,Lamp,Home Goods,20.00", "11,Book,Books,9.50");
    bronze("Stores/s1.csv", HEADER_STORES, "1,Springfield Mall,M1,9-5", "2,Riverside Plaza,M2,9-5",
        "3,Hill Top,M3,9-5");
    bronze("Agents/a1.csv", "AgentID,Name,Department,Shift", "7,Alice,Sales,Morning", "8,Brian,Billing,Evening",
        "9,Carl,Sales,Afternoon");
    bronze("InStoreTransactions/i1.csv", HEADER_IN_STORE, "1,1,1,2025-03-01 10:00:00,10.00,PayPal",
        "2,1,1,2025-03-02 11:00:00,20.00,PayPal", "3,1,2,2025-03-03 12:00:00,5.00,PayPal",
        "4,2,2,2025-03-04 13:00:00,7.50,PayPal", "5,2,3,2025-03-05 14:00:00,2.50,PayPal",
        "6,5,3,2025-03-06 15:00:00,30.00,PayPal");
    bronze("OnlineTransactions/o1.csv", HEADER_ONLINE, "100,1,10,2025-03-01 09:00:00,PayPal,10.00,Completed",
        "101,1,11,2025-03-02 09:30:00,PayPal,9.50,Failed", "102,2,10,2025-03-03 20:00:00,PayPal,20.00,Completed",
        "103,3,11,2025-03-04 21:00:00,PayPal,,Pending", "104,3,,2025-03-05 22:00:00,PayPal,7.00,Completed",
        "105,5,10,,PayPal,0.01,Completed");
    bronze("CustomerServiceInteractions/x1.csv", HEADER_SERVICE, "1,1,2025-03-01 09:00:00,7,Billing,Resolved",
        "2,2,2025-03-02 09:00:00,7,Billing,Pending", "3,3,2025-03-03 09:00:00,8,Other,");
    bronze("LoyaltyAccounts/l1.csv", "LoyaltyID,CustomerID,PointsEarned,TierLevel,JoinDate",
        "1,1,100,Bronze,2024-01-01", "2,2,10,Gold,2024-02-01");
    bronze("LoyaltyTransactions/t1.csv", "LoyaltyID,DateTime,PointsChange,Reason",
        "1,2025-01-01 10:00:00,20,Purchase");
    runAndCompare(GoldStageResult.Mode.FULL, SCOPED);

    // Run 2, new files: Dee's first orders and Ann's third; Bob's second visit to store 3 moves his home store
    // from 2 to 3, and his orders with it.
    bronze("OnlineTransactions/o2.csv", HEADER_ONLINE, "106,4,11,2025-03-07 08:00:00,PayPal,19.00,Completed",
        "107,1,10,2025-03-07 08:30:00,PayPal,0.02,Completed");
    bronze("InStoreTransactions/i2.csv", HEADER_IN_STORE, "7,2,3,2025-03-08 16:00:00,12.00,PayPal");
    runAndCompare(GoldStageResult.Mode.INCREMENTAL, SCOPED);

    // Run 3, a corrected file at the same path: order 100 costs more, order 101 belongs to Cy, not Ann, and order
    // 102 to Eve, not Bob; and an orphan: Fay's order arrives before Fay.
    bronze("OnlineTransactions/o1.csv", HEADER_ONLINE, "100,1,10,2025-03-01 09:00:00,PayPal,12.35,Completed",
        "101,3,11,2025-03-02 09:30:00,PayPal,9.50,Failed", "102,5,10,2025-03-03 20:00:00,PayPal,20.00,Completed",
        "103,3,11,2025-03-04 21:00:00,PayPal,,Pending", "104,3,,2025-03-05 22:00:00,PayPal,7.00,Completed",
        "105,5,10,,PayPal,0.01,Completed");
    bronze("OnlineTransactions/o3.csv", HEADER_ONLINE, "108,6,11,2025-03-09 10:00:00,PayPal,4.00,Completed");
    runAndCompare(GoldStageResult.Mode.INCREMENTAL, WHOLE);
    assertEquals(0, silver("OnlineTransactions").filter("OrderID = 108").count(), "Fay's order waits for Fay");

    // Run 4: Fay arrives and her order is re-admitted; Bob visits store 2 again: 2 visits at store 2 and 2 at store
    // 3, a tie now resolved to store 2 (the lower StoreID), so his home store moves back, with his new order.
    bronze("Customers/c2.csv", HEADER_CUSTOMERS, "6,Fay,,");
    bronze("InStoreTransactions/i3.csv", HEADER_IN_STORE, "8,2,2,2025-03-10 17:00:00,1.00,PayPal");
    bronze("OnlineTransactions/o4.csv", HEADER_ONLINE, "109,2,11,2025-03-10 19:00:00,PayPal,3.00,Completed");
    runAndCompare(GoldStageResult.Mode.INCREMENTAL, SCOPED);
    assertEquals(1, silver("OnlineTransactions").filter("OrderID = 108").count(), "re-admitted with Fay");

    // Run 5: Dee spends 1,000 in store 1: the p90 moves from one customer to another, and with it the segments.
    Map<Object, Object> cutBefore = cuts();
    bronze("InStoreTransactions/i4.csv", HEADER_IN_STORE, "9,4,1,2025-03-11 18:00:00,1000.00,PayPal");
    runAndCompare(GoldStageResult.Mode.INCREMENTAL, WHOLE);
    assertTrue(!cutBefore.equals(cuts()), "the p90 cut moved: " + cutBefore + " -> " + cuts());

    // Run 6: product 10 and store 1 are renamed (corrected files at the same paths); Dee opens a Platinum account
    // and Bob's account loses points; agent 9, who had no interactions, gets one. Dee's new tier changes her
    // segmentation row; no order moves, so PeakTimes is not committed, and AgentPerformance commits exactly agent
    // 9's row.
    bronze("Products/p1.csv", HEADER_PRODUCTS, "10,Desk Lamp,Home Goods,20.00", "11,Book,Books,9.50");
    bronze("Stores/s1.csv", HEADER_STORES, "1,Springfield Centre,M1,9-5", "2,Riverside Plaza,M2,9-5",
        "3,Hill Top,M3,9-5");
    bronze("LoyaltyAccounts/l2.csv", "LoyaltyID,CustomerID,PointsEarned,TierLevel,JoinDate",
        "3,4,50,Platinum,2024-03-01");
    bronze("LoyaltyTransactions/t2.csv", "LoyaltyID,DateTime,PointsChange,Reason", "2,2025-02-01 10:00:00,-5,Correction");
    bronze("CustomerServiceInteractions/x2.csv", HEADER_SERVICE, "4,4,2025-03-12 09:00:00,9,Billing,Resolved");
    GoldStageResult last = runAndCompare(GoldStageResult.Mode.INCREMENTAL, SCOPED);
    assertEquals(List.of("AverageOrderValue", "CustomerSegmentation", "AgentPerformance", "CustomerProfile"),
        last.written(), "renames change AverageOrderValue and the profiles, Dee's tier her segmentation row, the new "
            + "interaction the agent's row; PeakTimes stays");
    assertEquals(List.of("9|update_preimage", "9|update_postimage"), lastChanges("AgentPerformance", "AgentID"));
    assertEquals(List.of("4|update_preimage", "4|update_postimage"),
        lastChanges("CustomerSegmentation", "CustomerID"), "only Dee's tier moved");

    assertEquals(java.util.Set.of("MERGE", "WRITE"), statesWritten, "both routes of the states were taken");
    assertEquals(java.util.Set.of("MERGE", "WRITE"), profilesWritten, "both routes of CustomerProfile were taken");

    // Run 7: nothing new: nothing is read or written.
    runAndCompare(GoldStageResult.Mode.CURRENT, SCOPED);

    // c360 run --stages gold --full-refresh recomputes from all of silver: the same rows as the incremental runs
    // left, each gold table written whole in one commit (so that publish replaces it whole, DESIGN §6).
    Map<String, Long> versions = goldVersions();
    Map<String, List<String>> incremental = new LinkedHashMap<>();
    GoldQuery.TABLES.forEach(table -> incremental.put(table, goldRows(table)));
    assertEquals(C360.OK, C360.execute("run", "--stages", "gold", "--full-refresh", "-Dc360.lake.root=" + lake,
        "-Dc360.spark.shuffle-partitions=2", "-Dc360.spark.master=local[2]"));
    for (String table : GoldQuery.TABLES) {
      assertEquals(incremental.get(table), goldRows(table), table + ": a full refresh equals the incremental result");
      assertEquals(versions.get(table) + 1, goldVersion(table), table + ": one commit");
      assertEquals("WRITE", lastOperation(layout().gold(table)), table + ": written whole");
    }

    try (H2Oracle h2 = H2Oracle.ofSilver(SparkSession.active(), lake)) {
      for (String gold : GoldQuery.TABLES) {
        assertEquals(h2.gold(gold), goldRows(gold), gold + " differs from the H2 computation");
      }
    }
  }

  /**
   * Silver from the bronze files as they are now, then gold with the states' route {@code wholeRecomputeShare}; gold
   * must equal a full refresh of the same silver.
   */
  private GoldStageResult runAndCompare(GoldStageResult.Mode expected, double wholeRecomputeShare) {
    assertEquals(C360.OK, C360.execute("run", "--stages", "silver", "-Dc360.lake.root=" + lake,
        "-Dc360.spark.shuffle-partitions=2", "-Dc360.spark.master=local[2]"));
    SparkSession spark = SparkSession.active();
    long factsBefore = stateVersion(GoldQuery.CUSTOMER_FACTS);
    long profileBefore = goldVersion(GoldQuery.CUSTOMER_PROFILE);
    GoldStageResult result = GoldStage.of(spark, layout()).wholeRecomputeShare(wholeRecomputeShare).execute();
    assertEquals(expected, result.mode(), "how gold computed");
    if (expected == GoldStageResult.Mode.INCREMENTAL && stateVersion(GoldQuery.CUSTOMER_FACTS) > factsBefore) {
      String operation = lastOperation(layout().goldState(GoldQuery.CUSTOMER_FACTS));
      assertEquals(wholeRecomputeShare == WHOLE ? "WRITE" : "MERGE", operation, "the route CustomerFacts took");
      statesWritten.add(operation);
    }
    if (expected == GoldStageResult.Mode.INCREMENTAL && goldVersion(GoldQuery.CUSTOMER_PROFILE) > profileBefore) {
      String operation = lastOperation(layout().gold(GoldQuery.CUSTOMER_PROFILE));
      assertEquals(wholeRecomputeShare == WHOLE ? "WRITE" : "MERGE", operation, "the route CustomerProfile took");
      profilesWritten.add(operation);
    }
    Map<String, org.apache.spark.sql.Dataset<Row>> full = GoldStage.of(spark, layout()).compute();
    for (String table : GoldQuery.TABLES) {
      List<String> fullRefresh = H2Oracle.rows(full.get(table).collectAsList());
      assertEquals(fullRefresh, goldRows(table), table + " differs from a full refresh");
      assertEquals(fullRefresh.size(), result.rows().get(table), table + " row count");
    }
    return result;
  }

  private long goldVersion(String table) {
    return DeltaTableReader.open(layout().fileSystem(), layout().gold(table)).map(DeltaTableReader::version)
        .orElse(-1L);
  }

  private String lastOperation(org.apache.hadoop.fs.Path table) {
    return io.delta.tables.DeltaTable.forPath(SparkSession.active(), table.toString()).history(1).first()
        .getAs("operation");
  }

  private long stateVersion(String state) {
    return DeltaTableReader.open(layout().fileSystem(), layout().goldState(state)).map(DeltaTableReader::version)
        .orElse(-1L);
  }

  private LakeLayout layout() {
    return LakeLayout.at(lake.toString(), SparkSession.active().sparkContext().hadoopConfiguration());
  }

  /** Gold {@code table} as it is committed, read on the driver: no Spark job, and not through GoldStage's reads. */
  private List<String> goldRows(String table) {
    DeltaTableReader gold = DeltaTableReader.open(layout().fileSystem(), layout().gold(table)).orElseThrow();
    return H2Oracle.valueRows(gold.rows(gold.columns()));
  }

  private org.apache.spark.sql.Dataset<Row> silver(String table) {
    return SparkSession.active().read().format("delta").load(lake.resolve("silver").resolve(table).toString());
  }

  /** Spend90Percentile and the High-Value customers, to see the cut move. */
  private Map<Object, Object> cuts() {
    Map<Object, Object> cuts = new LinkedHashMap<>();
    for (Row r : SparkSession.active().read().format("delta").load(layout().gold("CustomerSegmentation").toString())
        .filter("CustomerSegment = 'High-Value Customer'").orderBy("CustomerID").collectAsList()) {
      cuts.put(r.getAs("CustomerID"), r.getAs("Spend90Percentile"));
    }
    return cuts;
  }

  /** The change data feed of gold {@code table}'s last commit, as key|change type. */
  private List<String> lastChanges(String table, String key) {
    String path = layout().gold(table).toString();
    long version = io.delta.tables.DeltaTable.forPath(SparkSession.active(), path).history(1).first()
        .<Long>getAs("version");
    List<String> changes = new ArrayList<>();
    for (Row r : SparkSession.active().read().format("delta").option("readChangeFeed", "true")
        .option("startingVersion", version).option("endingVersion", version).load(path)
        .orderBy(key, "_change_type").collectAsList()) {
      changes.add(r.getAs(key) + "|" + r.getAs("_change_type"));
    }
    changes.sort(java.util.Comparator.comparing(s -> s.endsWith("preimage") ? 0 : 1));
    return changes;
  }

  private Map<String, Long> goldVersions() {
    Map<String, Long> versions = new LinkedHashMap<>();
    for (String table : GoldQuery.TABLES) {
      versions.put(table, io.delta.tables.DeltaTable.forPath(SparkSession.active(), layout().gold(table).toString())
          .history(1).first().<Long>getAs("version"));
    }
    return versions;
  }

  private void bronze(String file, String... lines) throws IOException {
    Path path = lake.resolve("bronze").resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }
}
