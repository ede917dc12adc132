package io.c360.catalog;

import static io.c360.catalog.ColumnType.date;
import static io.c360.catalog.ColumnType.dateTime;
import static io.c360.catalog.ColumnType.decimal;
import static io.c360.catalog.ColumnType.integer;
import static io.c360.catalog.ColumnType.varchar;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The nine tables of the Customer 360 model (DESIGN §3), parents first. This is the only place in the code
 * base that names their columns; schemas, keys, checks, DDL, publish order and the generator derive from it.
 */
public final class Catalog {

  public static final Table CUSTOMERS = Table.builder("Customers")
      .column("CustomerID", integer())
      .column("Name", varchar(100))
      .column("Email", varchar(100))
      .column("Address", varchar(255))
      .primaryKey("CustomerID")
      .build();

  public static final Table PRODUCTS = Table.builder("Products")
      .column("ProductID", integer())
      .column("Name", varchar(100))
      .categorical("Category", 50, "Clothing", "Books", "Electronics", "Home Goods", "Toys")
      .column("Price", decimal(10, 2))
      .primaryKey("ProductID")
      .build();

  public static final Table STORES = Table.builder("Stores")
      .column("StoreID", integer())
      .column("Location", varchar(100))
      .column("Manager", varchar(100))
      .column("OpenHours", varchar(50))
      .primaryKey("StoreID")
      .build();

  public static final Table AGENTS = Table.builder("Agents")
      .column("AgentID", integer())
      .column("Name", varchar(100))
      .categorical("Department", 50, "Sales", "Technical Support", "Billing", "General Inquiry")
      .categorical("Shift", 20, "Morning", "Afternoon", "Evening")
      .primaryKey("AgentID")
      .build();

  public static final Table ONLINE_TRANSACTIONS = Table.builder("OnlineTransactions")
      .column("OrderID", integer())
      .column("CustomerID", integer())
      .column("ProductID", integer())
      .column("DateTime", dateTime())
      .categorical("PaymentMethod", 50, "Credit Card", "Debit Card", "PayPal", "Gift Card")
      .column("Amount", decimal(10, 2))
      .categorical("Status", 20, "Completed", "Pending", "Failed")
      .primaryKey("OrderID")
      .foreignKey("CustomerID", CUSTOMERS)
      .foreignKey("ProductID", PRODUCTS)
      .build();

  public static final Table IN_STORE_TRANSACTIONS = Table.builder("InStoreTransactions")
      .column("TransactionID", integer())
      .column("CustomerID", integer())
      .column("StoreID", integer())
      .column("DateTime", dateTime())
      .column("Amount", decimal(10, 2))
      .categorical("PaymentMethod", 50, "Credit Card", "Debit Card", "PayPal", "Gift Card")
      .primaryKey("TransactionID")
      .foreignKey("CustomerID", CUSTOMERS)
      .foreignKey("StoreID", STORES)
      .build();

  public static final Table CUSTOMER_SERVICE_INTERACTIONS = Table.builder("CustomerServiceInteractions")
      .column("InteractionID", integer())
      .column("CustomerID", integer())
      .column("DateTime", dateTime())
      .column("AgentID", integer())
      .categorical("IssueType", 50, "Technical Issue", "Product Inquiry", "Billing", "Complaint", "Other")
      .categorical("ResolutionStatus", 20, "Resolved", "Pending", "Escalated")
      .primaryKey("InteractionID")
      .foreignKey("CustomerID", CUSTOMERS)
      .foreignKey("AgentID", AGENTS)
      .build();

  public static final Table LOYALTY_ACCOUNTS = Table.builder("LoyaltyAccounts")
      .column("LoyaltyID", integer())
      .column("CustomerID", integer())
      .column("PointsEarned", integer())
      .categorical("TierLevel", 20, "Bronze", "Silver", "Gold", "Platinum")
      .column("JoinDate", date())
      .primaryKey("LoyaltyID")
      .foreignKey("CustomerID", CUSTOMERS)
      .build();

  public static final Table LOYALTY_TRANSACTIONS = Table.builder("LoyaltyTransactions")
      .column("LoyaltyID", integer())
      .column("DateTime", dateTime())
      .column("PointsChange", integer())
      .categorical("Reason", 50, "Purchase", "Referral", "Promotion", "Correction")
      .primaryKey("LoyaltyID", "DateTime")
      .foreignKey("LoyaltyID", LOYALTY_ACCOUNTS)
      .build();

  /** Every table, parents before children: the order of ingestion, DDL and publish. */
  public static final List<Table> TABLES = List.of(
      CUSTOMERS, PRODUCTS, STORES, AGENTS,
      ONLINE_TRANSACTIONS, IN_STORE_TRANSACTIONS, CUSTOMER_SERVICE_INTERACTIONS,
      LOYALTY_ACCOUNTS, LOYALTY_TRANSACTIONS);

  private Catalog() {
  }

  public static List<Table> tables() {
    return TABLES;
  }

  /**
   * {@code tables} (parents first) grouped by dependency level: level 0 references no table of the list, level
   * n references one of level n-1. The tables of one level can be loaded at the same time.
   */
  public static List<List<Table>> levels(List<Table> tables) {
    Map<String, Integer> levelOf = new HashMap<>();
    List<List<Table>> levels = new ArrayList<>();
    for (Table table : tables) {
      int level = 0;
      for (ForeignKey fk : table.foreignKeys()) {
        Integer parent = levelOf.get(fk.parentTable());
        if (parent != null) {
          level = Math.max(level, parent + 1);
        } else if (tables.stream().anyMatch(t -> t.name().equals(fk.parentTable()))) {
          throw new IllegalArgumentException("table " + table.name() + " comes before its parent "
              + fk.parentTable() + " in " + tables + "; list parents first");
        }
      }
      levelOf.put(table.name(), level);
      while (levels.size() <= level) {
        levels.add(new ArrayList<>());
      }
      levels.get(level).add(table);
    }
    return levels;
  }

  public static Optional<Table> find(String name) {
    return TABLES.stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
  }

  public static Table table(String name) {
    return find(name).orElseThrow(() -> new IllegalArgumentException(
        "unknown table '" + name + "'; known tables: " + TABLES));
  }
}
