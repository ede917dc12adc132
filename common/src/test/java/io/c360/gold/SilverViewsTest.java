package io.c360.gold;

import static io.c360.catalog.Catalog.CUSTOMERS;
import static io.c360.catalog.Catalog.LOYALTY_TRANSACTIONS;
import static io.c360.catalog.Catalog.ONLINE_TRANSACTIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.c360.catalog.Table;
import io.c360.lake.SparkTestBase;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Silver as gold's SQL reads it: pinned versions, catalog columns, and restricted to affected customers. */
class SilverViewsTest extends SparkTestBase {
  private static final LocalDateTime AT = LocalDateTime.parse("2025-03-01T10:00:00");

  private List<String> ids(String sql) {
    List<String> ids = new ArrayList<>();
    spark.sql(sql).collectAsList().forEach(row -> ids.add(String.valueOf(row.get(0))));
    ids.sort(null);
    return ids;
  }

  @Test
  void viewsArePinnedToTheGivenVersionsAndRestrictedNullSafelyToTheGivenCustomers() {
    appendSilver(CUSTOMERS, false, r(1, "Ann", null, null), r(2, "Bob", null, null));
    appendSilver(ONLINE_TRANSACTIONS, false, r(100, 1, 10, AT, "PayPal", dec("1.00"), "Completed"),
        r(101, 2, 10, AT, "PayPal", dec("1.00"), "Completed"), r(102, null, 10, AT, "PayPal", dec("1.00"), "Completed"));
    appendSilver(LOYALTY_TRANSACTIONS, false, r(1, AT, 5, "Purchase"));
    Map<String, String> versions = GoldInputs.currentSilver(lake);
    appendSilver(CUSTOMERS, false, r(3, "Cy", null, null)); // after the pinned version: not seen

    SilverViews views = new SilverViews(spark, lake, versions);
    views.registerAll();
    assertEquals(List.of("1", "2"), ids("SELECT CustomerID FROM Customers"));
    assertEquals(List.of("CustomerID", "Name", "Email", "Address"), List.of(spark.table("Customers").columns()),
        "catalog columns only");
    assertEquals(List.of(), ids("SELECT AgentID FROM Agents"), "never written: an empty view");

    StructType key = new StructType().add("CustomerID", DataTypes.IntegerType);
    views.registerRestricted(GoldQuery.Scope.CUSTOMER, KeyFilter.of(spark.createDataFrame(
        List.of(RowFactory.create(2), RowFactory.create((Object) null)), key), "CustomerID"));
    assertEquals(List.of("2"), ids("SELECT CustomerID FROM Customers"));
    assertEquals(List.of("101", "102"), ids("SELECT OrderID FROM OnlineTransactions"), "NULL matches NULL");
    assertEquals(List.of("1"), ids("SELECT LoyaltyID FROM LoyaltyTransactions"), "no CustomerID column: whole");
  }
}
