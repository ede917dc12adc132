package io.c360.gold;

import static io.c360.catalog.Catalog.CUSTOMERS;
import static io.c360.catalog.Catalog.CUSTOMER_SERVICE_INTERACTIONS;
import static io.c360.catalog.Catalog.LOYALTY_ACCOUNTS;
import static io.c360.catalog.Catalog.LOYALTY_TRANSACTIONS;
import static io.c360.catalog.Catalog.ONLINE_TRANSACTIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.catalog.Table;
import io.c360.lake.SparkTestBase;
import io.delta.tables.DeltaTable;
import java.sql.Date;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** The customers and agents named by real silver change feeds (updates, inserts, a child through its parent). */
class AffectedKeysTest extends SparkTestBase {
  private static final LocalDateTime AT = LocalDateTime.parse("2025-03-01T10:00:00");

  private Set<Integer> values(AffectedKeys keys, GoldQuery.Scope scope) {
    Set<Integer> found = new TreeSet<>(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
    keys.of(scope).collectAsList().forEach(row -> found.add((Integer) row.get(0)));
    return found;
  }

  private Optional<AffectedKeys> since(Map<String, String> recorded) {
    return since(recorded, io.c360.lake.DeltaTableReader.DRIVER_FEED_MAX_BYTES);
  }

  private Optional<AffectedKeys> since(Map<String, String> recorded, long driverMaxBytes) {
    Map<String, String> current = GoldInputs.currentSilver(lake);
    Set<String> changed = new GoldInputs(current, "d", Map.of()).changedSince(new GoldInputs(recorded, "d", Map.of()));
    return AffectedKeys.between(spark, lake, recorded, current, changed, new SilverViews(spark, lake, current),
        driverMaxBytes);
  }

  @Test
  void namesTheCustomersOfPreAndPostImagesAndOfAChildsParentAndTheAgents() {
    appendSilver(CUSTOMERS, true, r(1, "Ann", null, null), r(2, "Bob", null, null), r(3, "Cy", null, null),
        r(4, "Dee", null, null), r(5, "Eve", null, null));
    appendSilver(LOYALTY_ACCOUNTS, true, r(1, 1, 10, "Gold", Date.valueOf("2024-01-01")),
        r(2, 2, 10, "Gold", Date.valueOf("2024-01-01")));
    appendSilver(LOYALTY_TRANSACTIONS, true, r(1, AT, 5, "Purchase"));
    appendSilver(ONLINE_TRANSACTIONS, true, r(100, 1, 10, AT, "PayPal", dec("1.00"), "Completed"),
        r(101, 4, 10, AT, "PayPal", dec("1.00"), "Completed"));
    appendSilver(CUSTOMER_SERVICE_INTERACTIONS, true, r(1, 4, AT, 7, "Billing", "Resolved"));
    Map<String, String> recorded = GoldInputs.currentSilver(lake);

    // Order 100 moves from Ann (1) to Cy (3); an order without a customer (NULL) arrives; account 2 (Bob's) gets
    // points; agent 9 takes a call from Dee (4). Eve (5) and order 101 are untouched.
    DeltaTable.forPath(spark, lake.silver(ONLINE_TRANSACTIONS).toString()).updateExpr("OrderID = 100",
        Map.of("CustomerID", "3"));
    appendSilver(ONLINE_TRANSACTIONS, true, r(102, null, 10, AT, "PayPal", dec("1.00"), "Completed"));
    appendSilver(LOYALTY_TRANSACTIONS, true, r(2, AT, 7, "Referral"));
    appendSilver(CUSTOMER_SERVICE_INTERACTIONS, true, r(2, 4, AT, 9, "Billing", "Pending"));

    Set<Integer> customers = new TreeSet<>(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
    customers.add(null);
    customers.addAll(List.of(1, 2, 3, 4));
    // The same keys whether the feeds and the parent are read on the driver or, as larger ones are, by Spark.
    for (long driverMaxBytes : new long[] {io.c360.lake.DeltaTableReader.DRIVER_FEED_MAX_BYTES, -1}) {
      boolean onDriver = driverMaxBytes >= 0;
      try (AffectedKeys keys = since(recorded, driverMaxBytes).orElseThrow()) {
        assertEquals(customers, values(keys, GoldQuery.Scope.CUSTOMER), "driver read: " + onDriver);
        assertEquals(5, keys.count(GoldQuery.Scope.CUSTOMER), "NULL counts as a key; driver read: " + onDriver);
        assertEquals(Set.of(9), values(keys, GoldQuery.Scope.AGENT), "driver read: " + onDriver);
        assertEquals(1, keys.count(GoldQuery.Scope.AGENT), "driver read: " + onDriver);
        assertEquals(onDriver, keys.readOnDriver(GoldQuery.Scope.CUSTOMER));
        Dataset<Row> customerRows = spark.createDataFrame(List.of(RowFactory.create(1), RowFactory.create(5),
            RowFactory.create((Object) null)), new org.apache.spark.sql.types.StructType().add("CustomerID", "int"));
        assertEquals(java.util.Arrays.asList(1, null), keys.filter(GoldQuery.Scope.CUSTOMER).apply(customerRows).collectAsList()
            .stream().map(r -> (Integer) r.get(0)).collect(java.util.stream.Collectors.toList()),
            "the filter keeps Ann and the customerless order, not Eve; driver read: " + onDriver);
      }
    }
  }

  @Test
  void aFeedLargerThanTheDriverReadsIsReadBySpark() {
    appendSilver(CUSTOMERS, true, r(1, "Ann", null, null), r(2, "Bob", null, null));
    appendSilver(LOYALTY_ACCOUNTS, true, r(1, 1, 10, "Gold", Date.valueOf("2024-01-01")));
    Map<String, String> recorded = GoldInputs.currentSilver(lake);
    appendSilver(ONLINE_TRANSACTIONS, true, r(100, 2, 10, AT, "PayPal", dec("1.00"), "Completed"));
    appendSilver(LOYALTY_TRANSACTIONS, true, r(1, AT, 5, "Purchase"));
    // A few hundred bytes: the transactions' feed and the parent LoyaltyAccounts are both larger than 10 bytes.
    try (AffectedKeys keys = since(recorded, 10).orElseThrow()) {
      assertEquals(Set.of(1, 2), values(keys, GoldQuery.Scope.CUSTOMER));
      assertEquals(false, keys.readOnDriver(GoldQuery.Scope.CUSTOMER));
      assertEquals(0, keys.count(GoldQuery.Scope.AGENT));
    }
  }

  @Test
  void cannotAnswerForARecreatedTableOrOneWithoutAFeed() {
    appendSilver(CUSTOMERS, true, r(1, "Ann", null, null));
    appendSilver(ONLINE_TRANSACTIONS, false, r(100, 1, 10, AT, "PayPal", dec("1.00"), "Completed"));
    Map<String, String> recorded = GoldInputs.currentSilver(lake);
    appendSilver(ONLINE_TRANSACTIONS, false, r(101, 1, 10, AT, "PayPal", dec("1.00"), "Completed"));
    assertTrue(since(recorded).isEmpty(), "no change data feed");

    Map<String, String> withFeed = GoldInputs.currentSilver(lake);
    deleteRecursively(lake.silver(CUSTOMERS).toString());
    appendSilver(CUSTOMERS, true, r(1, "Ann", null, null));
    assertTrue(since(withFeed).isEmpty(), "Customers was re-created (a silver full refresh)");
  }

  private void deleteRecursively(String path) {
    try {
      lake.fileSystem().delete(new org.apache.hadoop.fs.Path(path), true);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
