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
    Map<String, String> current = GoldInputs.currentSilver(lake);
    Set<String> changed = new GoldInputs(current, "d", Map.of()).changedSince(new GoldInputs(recorded, "d", Map.of()));
    return AffectedKeys.between(spark, lake, recorded, current, changed, new SilverViews(spark, lake, current));
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

    try (AffectedKeys keys = since(recorded).orElseThrow()) {
      Set<Integer> customers = new TreeSet<>(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
      customers.add(null);
      customers.addAll(List.of(1, 2, 3, 4));
      assertEquals(customers, values(keys, GoldQuery.Scope.CUSTOMER));
      assertEquals(Set.of(9), values(keys, GoldQuery.Scope.AGENT));
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
