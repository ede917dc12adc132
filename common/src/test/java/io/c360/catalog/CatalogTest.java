package io.c360.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/** Pins the catalog to the table of DESIGN §3, written out here by hand. */
class CatalogTest {

  private static String describe(Table t) {
    return t.name() + "(" + t.columns().stream().map(Column::toString).collect(Collectors.joining(", "))
        + ") PK(" + String.join(", ", t.primaryKey()) + ") FK["
        + t.foreignKeys().stream().map(ForeignKey::toString).collect(Collectors.joining(", ")) + "]";
  }

  @Test
  void tablesColumnsTypesAndKeysAreThoseOfTheDesignParentsFirst() {
    List<String> expected = List.of(
        "Customers(CustomerID INT, Name VARCHAR(100), Email VARCHAR(100), Address VARCHAR(255)) PK(CustomerID) FK[]",
        "Products(ProductID INT, Name VARCHAR(100), Category VARCHAR(50), Price DECIMAL(10,2)) PK(ProductID) FK[]",
        "Stores(StoreID INT, Location VARCHAR(100), Manager VARCHAR(100), OpenHours VARCHAR(50)) PK(StoreID) FK[]",
        "Agents(AgentID INT, Name VARCHAR(100), Department VARCHAR(50), Shift VARCHAR(20)) PK(AgentID) FK[]",
        "OnlineTransactions(OrderID INT, CustomerID INT, ProductID INT, DateTime DATETIME2, "
            + "PaymentMethod VARCHAR(50), Amount DECIMAL(10,2), Status VARCHAR(20)) PK(OrderID) "
            + "FK[CustomerID -> Customers(CustomerID), ProductID -> Products(ProductID)]",
        "InStoreTransactions(TransactionID INT, CustomerID INT, StoreID INT, DateTime DATETIME2, "
            + "Amount DECIMAL(10,2), PaymentMethod VARCHAR(50)) PK(TransactionID) "
            + "FK[CustomerID -> Customers(CustomerID), StoreID -> Stores(StoreID)]",
        "CustomerServiceInteractions(InteractionID INT, CustomerID INT, DateTime DATETIME2, AgentID INT, "
            + "IssueType VARCHAR(50), ResolutionStatus VARCHAR(20)) PK(InteractionID) "
            + "FK[CustomerID -> Customers(CustomerID), AgentID -> Agents(AgentID)]",
        "LoyaltyAccounts(LoyaltyID INT, CustomerID INT, PointsEarned INT, TierLevel VARCHAR(20), JoinDate DATE) "
            + "PK(LoyaltyID) FK[CustomerID -> Customers(CustomerID)]",
        "LoyaltyTransactions(LoyaltyID INT, DateTime DATETIME2, PointsChange INT, Reason VARCHAR(50)) "
            + "PK(LoyaltyID, DateTime) FK[LoyaltyID -> LoyaltyAccounts(LoyaltyID)]");
    assertEquals(expected, Catalog.tables().stream().map(CatalogTest::describe).collect(Collectors.toList()));
  }

  @Test
  void everyParentComesBeforeItsChildren() {
    List<String> seen = new ArrayList<>();
    for (Table table : Catalog.tables()) {
      for (ForeignKey fk : table.foreignKeys()) {
        assertTrue(seen.contains(fk.parentTable()), table + " before its parent " + fk.parentTable());
      }
      seen.add(table.name());
    }
  }

  @Test
  void levelsGroupTablesWhoseParentsAreAllInEarlierLevels() {
    assertEquals(List.of(
        List.of("Customers", "Products", "Stores", "Agents"),
        List.of("OnlineTransactions", "InStoreTransactions", "CustomerServiceInteractions", "LoyaltyAccounts"),
        List.of("LoyaltyTransactions")), names(Catalog.levels(Catalog.tables())));
    // A parent outside the list does not hold its children back.
    assertEquals(List.of(List.of("LoyaltyAccounts", "Agents"), List.of("LoyaltyTransactions")),
        names(Catalog.levels(List.of(Catalog.LOYALTY_ACCOUNTS, Catalog.AGENTS, Catalog.LOYALTY_TRANSACTIONS))));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Catalog.levels(List.of(Catalog.LOYALTY_TRANSACTIONS, Catalog.LOYALTY_ACCOUNTS)));
    assertTrue(e.getMessage().contains("LoyaltyTransactions comes before its parent LoyaltyAccounts"),
        e.getMessage());
  }

  private static List<List<String>> names(List<List<Table>> levels) {
    return levels.stream().map(l -> l.stream().map(Table::name).collect(Collectors.toList()))
        .collect(Collectors.toList());
  }

  @Test
  void domainsAreThoseOfTheDesign() {
    assertEquals(List.of("Clothing", "Books", "Electronics", "Home Goods", "Toys"),
        Catalog.PRODUCTS.column("Category").domain());
    assertEquals(List.of("Bronze", "Silver", "Gold", "Platinum"), Catalog.LOYALTY_ACCOUNTS.column("TierLevel").domain());
    assertEquals(List.of("Resolved", "Pending", "Escalated"),
        Catalog.CUSTOMER_SERVICE_INTERACTIONS.column("ResolutionStatus").domain());
    assertEquals(List.of("Technical Issue", "Product Inquiry", "Billing", "Complaint", "Other"),
        Catalog.CUSTOMER_SERVICE_INTERACTIONS.column("IssueType").domain());
    List<String> payment = List.of("Credit Card", "Debit Card", "PayPal", "Gift Card");
    assertEquals(payment, Catalog.ONLINE_TRANSACTIONS.column("PaymentMethod").domain());
    assertEquals(payment, Catalog.IN_STORE_TRANSACTIONS.column("PaymentMethod").domain());
    assertEquals(List.of("Completed", "Pending", "Failed"), Catalog.ONLINE_TRANSACTIONS.column("Status").domain());
    assertEquals(List.of("Sales", "Technical Support", "Billing", "General Inquiry"),
        Catalog.AGENTS.column("Department").domain());
    assertEquals(List.of("Morning", "Afternoon", "Evening"), Catalog.AGENTS.column("Shift").domain());
    assertEquals(List.of("Purchase", "Referral", "Promotion", "Correction"),
        Catalog.LOYALTY_TRANSACTIONS.column("Reason").domain());
    assertEquals(10, Catalog.tables().stream().flatMap(t -> t.columns().stream())
        .filter(Column::isCategorical).count());
  }

  @Test
  void wallClockTimestampsAreTimestampNtzInSpark() {
    assertEquals(DataTypes.TimestampNTZType,
        Catalog.ONLINE_TRANSACTIONS.sparkSchema().apply("DateTime").dataType());
    assertEquals(DataTypes.createDecimalType(10, 2), Catalog.PRODUCTS.sparkSchema().apply("Price").dataType());
  }

  @Test
  void unknownTableNamesTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Catalog.table("Orders"));
    assertTrue(e.getMessage().contains("OnlineTransactions"), e.getMessage());
    assertEquals(Catalog.CUSTOMERS, Catalog.table("customers"));
  }
}
