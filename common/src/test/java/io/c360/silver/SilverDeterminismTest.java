package io.c360.silver;

import static io.c360.catalog.Catalog.CUSTOMERS;
import static io.c360.catalog.Catalog.ONLINE_TRANSACTIONS;
import static io.c360.catalog.Catalog.PRODUCTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Silver must not depend on how Spark cuts the work: shuffle partitions, file splits, time zones.
 * Expected rows are computed here independently (last line per key wins) from the same text.
 */
class SilverDeterminismTest extends SilverTestBase {

  private static final int KEYS = 40;

  /** 400 orders over 40 keys, a few rejects, in two files; returns the lines of each file. */
  private Map<String, List<String>> writeOrders() {
    Map<String, List<String>> files = new TreeMap<>();
    for (String name : List.of("OnlineTransactions/2025-03-01.csv", "OnlineTransactions/2025-03-02.csv")) {
      List<String> lines = new ArrayList<>();
      lines.add(String.join(",", ONLINE_TRANSACTIONS.columnNames()));
      for (int i = 0; i < 200; i++) {
        int key = (i * 7 + name.length()) % KEYS;
        String amount = i % 37 == 0 ? "1.001" : (i + 1) + "." + (i % 10) + "5";
        lines.add(key + "," + (1 + i % 3) + ",10,2025-03-0" + (1 + i % 9) + " 1" + (i % 10) + ":00:00,PayPal,"
            + amount + ",Completed");
      }
      files.put(name, lines);
    }
    return files;
  }

  private void writeLake(Map<String, List<String>> orders) {
    bronze("Customers.csv", String.join(",", CUSTOMERS.columnNames()), "1,A,a@x,a", "2,B,b@x,b", "3,C,c@x,c");
    bronze("Products.csv", String.join(",", PRODUCTS.columnNames()), "10,P,Toys,1");
    orders.forEach((name, lines) -> bronze(name, lines.toArray(new String[0])));
  }

  private List<List<Object>> silverWithLineage() {
    List<List<Object>> rows = new ArrayList<>();
    for (Row r : spark.read().format("delta").load(lake.silver(ONLINE_TRANSACTIONS).toString())
        .orderBy("OrderID").collectAsList()) {
      rows.add(values(r));
    }
    return rows;
  }

  @Test
  void sameSilverWhateverShufflePartitionsAndFileSplits() {
    Map<String, List<String>> orders = writeOrders();
    List<List<Object>> baseline = null;
    String[][] setups = {{"1", "134217728"}, {"8", "700"}, {"3", "1500"}};
    for (String[] setup : setups) {
      spark.conf().set("spark.sql.shuffle.partitions", setup[0]);
      spark.conf().set("spark.sql.files.maxPartitionBytes", setup[1]);
      spark.conf().set("spark.sql.files.openCostInBytes", "0");
      try {
        useLake("lake-" + setup[0] + "-" + setup[1]);
        writeLake(orders);
        runSilver();
        List<List<Object>> rows = silverWithLineage();
        if (baseline == null) {
          baseline = rows;
          assertEquals(expectedLastWins(orders), rows.stream().map(r -> r.get(0) + "@" + r.get(8) + ":" + r.get(9))
              .collect(java.util.stream.Collectors.toList()));
        } else {
          assertEquals(baseline, rows, "shuffle partitions " + setup[0] + ", max split bytes " + setup[1]);
        }
      } finally {
        spark.conf().set("spark.sql.shuffle.partitions", "2");
        spark.conf().unset("spark.sql.files.maxPartitionBytes");
        spark.conf().unset("spark.sql.files.openCostInBytes");
      }
    }
  }

  /** "key@file:line" of the winning version per key, computed without Spark. */
  private static List<String> expectedLastWins(Map<String, List<String>> files) {
    Map<Integer, String> winner = new TreeMap<>();
    files.forEach((name, lines) -> {
      for (int i = 1; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.contains("1.001")) {
          continue;
        }
        winner.put(Integer.parseInt(line.substring(0, line.indexOf(','))), name + ":" + (i + 1));
      }
    });
    List<String> expected = new ArrayList<>();
    winner.forEach((key, where) -> expected.add(key + "@" + where));
    assertTrue(expected.size() > 10);
    return expected;
  }

  @Test
  void wallClockTimesSurviveAnyTimeZoneIncludingDstGapAndOverlap() {
    TimeZone original = TimeZone.getDefault();
    String sessionZone = spark.conf().get("spark.sql.session.timeZone");
    List<List<Object>> baseline = null;
    try {
      for (String zone : List.of("America/Los_Angeles", "Asia/Kolkata", "UTC")) {
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        spark.conf().set("spark.sql.session.timeZone", zone);
        useLake("lake-" + zone.replace('/', '-'));
        bronze("Customers.csv", String.join(",", CUSTOMERS.columnNames()), "1,A,a@x,a");
        bronze("Products.csv", String.join(",", PRODUCTS.columnNames()), "10,P,Toys,1");
        bronze("OnlineTransactions.csv", String.join(",", ONLINE_TRANSACTIONS.columnNames()),
            "1,1,10,2025-03-09 02:30:00,PayPal,1,Completed",
            "2,1,10,2025-11-02 01:30:00,PayPal,1,Completed");
        runSilver();
        List<List<Object>> rows = new ArrayList<>();
        for (Row r : spark.read().format("delta").load(lake.silver(ONLINE_TRANSACTIONS).toString())
            .selectExpr("OrderID", "DateTime", "CAST(DateTime AS STRING)").orderBy("OrderID").collectAsList()) {
          rows.add(values(r));
        }
        assertEquals(List.of(
            List.of(1, LocalDateTime.of(2025, 3, 9, 2, 30), "2025-03-09 02:30:00"),
            List.of(2, LocalDateTime.of(2025, 11, 2, 1, 30), "2025-11-02 01:30:00")), rows, zone);
        if (baseline == null) {
          baseline = rows;
        }
        assertEquals(baseline, rows);
      }
    } finally {
      TimeZone.setDefault(original);
      spark.conf().set("spark.sql.session.timeZone", sessionZone);
    }
  }
}
