package io.c360.gold;

import io.c360.catalog.Catalog;
import io.c360.catalog.Table;
import io.c360.sql.SqlTemplate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gold tables, the gold states they are computed from, and their Spark SQL, loaded from
 * {@code sql/gold/<Table>.sql} and {@code sql/gold/state/<State>.sql} on the classpath. Its only parameters are
 * settings ({@code ${name}}, integers), never data values.
 *
 * <p>A state is a per-key intermediate result kept as a Delta table under {@code gold/_state/} (DESIGN §5
 * "Incremental maintenance"): per customer ({@link #CUSTOMER_FACTS}, {@link #HOME_STORE}) or per customer and
 * product ({@link #CUSTOMER_SALES}). Its rows for one customer depend on that customer's silver rows only, so an
 * incremental run recomputes them for the customers the changed silver rows name ({@link Scope#CUSTOMER}).
 * AgentPerformance is per agent in the same way ({@link Scope#AGENT}); the other gold tables are recomputed whole
 * from the states and the small silver dimensions ({@link Scope#WHOLE}). Every query reads its inputs by name:
 * silver tables, states, and gold queries ({@link #reads}).
 */
public final class GoldQuery {
  public static final String AVERAGE_ORDER_VALUE = "AverageOrderValue";
  public static final String CUSTOMER_SEGMENTATION = "CustomerSegmentation";
  public static final String PEAK_TIMES = "PeakTimes";
  public static final String AGENT_PERFORMANCE = "AgentPerformance";
  public static final String CUSTOMER_PROFILE = "CustomerProfile";
  /** The gold tables, in the order they are computed and published. */
  public static final List<String> TABLES =
      List.of(AVERAGE_ORDER_VALUE, CUSTOMER_SEGMENTATION, PEAK_TIMES, AGENT_PERFORMANCE, CUSTOMER_PROFILE);

  /** The customer's home store (most in-store transactions, tie to the lowest StoreID): AOV and CustomerProfile. */
  public static final String HOME_STORE = "HomeStore";
  /** Per customer: spend, counts, first and last purchase, loyalty and service facts. */
  public static final String CUSTOMER_FACTS = "CustomerFacts";
  /** Per customer and product: online orders and their cents, what AverageOrderValue sums. */
  public static final String CUSTOMER_SALES = "CustomerSales";
  /** The gold states, {@code sql/gold/state/<State>.sql}, in the order they are maintained (before the tables). */
  public static final List<String> STATES = List.of(HOME_STORE, CUSTOMER_FACTS, CUSTOMER_SALES);

  /** Which rows of a state or gold table an incremental run recomputes. */
  public enum Scope {
    /** The rows of the customers the changed silver rows name (column CustomerID). */
    CUSTOMER("CustomerID"),
    /** The rows of the agents the changed silver rows name (column AgentID). */
    AGENT("AgentID"),
    /** All rows, from the states and silver as they are now. */
    WHOLE(null);

    private final String column;

    Scope(String column) {
      this.column = column;
    }

    /** The column that names a row's customer or agent; null for {@link #WHOLE}. */
    public String column() {
      return column;
    }
  }

  private static final Map<String, Scope> SCOPES = Map.of(HOME_STORE, Scope.CUSTOMER, CUSTOMER_FACTS, Scope.CUSTOMER,
      CUSTOMER_SALES, Scope.CUSTOMER, AGENT_PERFORMANCE, Scope.AGENT);

  /** The columns that identify a row (AverageOrderValue's may be NULL: they are matched NULL-safely). */
  private static final Map<String, List<String>> KEYS = Map.of(
      HOME_STORE, List.of("CustomerID"),
      CUSTOMER_FACTS, List.of("CustomerID"),
      CUSTOMER_SALES, List.of("CustomerID", "ProductID"),
      AVERAGE_ORDER_VALUE, List.of("ProductID", "ProductName", "Category", "StoreLocation"),
      CUSTOMER_SEGMENTATION, List.of("CustomerID"),
      PEAK_TIMES, List.of("Channel", "DayOfWeekNumber", "HourOfDay"),
      AGENT_PERFORMANCE, List.of("AgentID"),
      CUSTOMER_PROFILE, List.of("CustomerID"));

  /** What each query reads by name: silver tables, states and gold queries (checked against the SQL by a test). */
  private static final Map<String, List<String>> READS = Map.of(
      HOME_STORE, List.of("InStoreTransactions"),
      CUSTOMER_FACTS, List.of("Customers", "OnlineTransactions", "InStoreTransactions", "LoyaltyAccounts",
          "LoyaltyTransactions", "CustomerServiceInteractions"),
      CUSTOMER_SALES, List.of("OnlineTransactions"),
      AVERAGE_ORDER_VALUE, List.of(CUSTOMER_SALES, "Products", HOME_STORE, "Stores"),
      CUSTOMER_SEGMENTATION, List.of(CUSTOMER_FACTS),
      PEAK_TIMES, List.of("OnlineTransactions", "InStoreTransactions"),
      AGENT_PERFORMANCE, List.of("Agents", "CustomerServiceInteractions"),
      // TotalSpend, TierLevel and CustomerSegment are CustomerSegmentation's, so the two tables agree.
      CUSTOMER_PROFILE, List.of(CUSTOMER_FACTS, CUSTOMER_SEGMENTATION, HOME_STORE, "Stores"));

  /** The view over each gold table in a SQL target: the tutorial's names, and View_Customer360 (DESIGN §6). */
  private static final Map<String, String> TARGET_VIEWS = Map.of(
      AVERAGE_ORDER_VALUE, "View_AverageOrderValue",
      CUSTOMER_SEGMENTATION, "View_CustomerSegmentation",
      PEAK_TIMES, "View_PeakTimes",
      AGENT_PERFORMANCE, "View_AgentPerformance",
      CUSTOMER_PROFILE, "View_Customer360");

  private GoldQuery() {
  }

  /** The SQL of gold {@code table} or of a state, with each {@code ${name}} replaced by its integer value. */
  public static String sql(String table, Map<String, Long> parameters) {
    if (TABLES.contains(table)) {
      return SqlTemplate.load("sql/gold/" + table + ".sql").with(parameters).render();
    }
    if (STATES.contains(table)) {
      return SqlTemplate.load("sql/gold/state/" + table + ".sql").with(parameters).render();
    }
    throw new IllegalArgumentException("no gold table or state " + table + "; gold tables are " + TABLES
        + ", states " + STATES);
  }

  /** The states, then the gold tables: the order in which a run maintains them. */
  public static List<String> maintained() {
    List<String> all = new ArrayList<>(STATES);
    all.addAll(TABLES);
    return all;
  }

  /** The silver tables, states and gold queries that the query of {@code table} reads by name. */
  public static List<String> reads(String table) {
    return known(READS, table);
  }

  /** The silver tables whose rows {@code table} depends on, through the states and gold queries it reads. */
  public static Set<String> silverInputs(String table) {
    Set<String> silver = new LinkedHashSet<>();
    for (String read : reads(table)) {
      if (READS.containsKey(read)) {
        silver.addAll(silverInputs(read));
      } else {
        silver.add(read);
      }
    }
    return silver;
  }

  /** The columns that identify a row of {@code table}. */
  public static List<String> key(String table) {
    return known(KEYS, table);
  }

  /** Which rows of {@code table} an incremental run recomputes. */
  public static Scope scope(String table) {
    known(KEYS, table);
    return SCOPES.getOrDefault(table, Scope.WHOLE);
  }

  /**
   * The silver tables that have {@code scope}'s column, which an incremental run restricts to the affected customers
   * or agents; the others are read whole (LoyaltyTransactions reaches its customer through the restricted accounts).
   */
  public static List<Table> scoped(Scope scope) {
    List<Table> tables = new ArrayList<>();
    for (Table table : Catalog.tables()) {
      if (scope != Scope.WHOLE && table.columnNames().contains(scope.column())) {
        tables.add(table);
      }
    }
    return tables;
  }

  /** The silver table whose key is {@code scope}'s column: Customers, Agents; its rows are all the keys there are. */
  public static Table population(Scope scope) {
    for (Table table : Catalog.tables()) {
      if (scope != Scope.WHOLE && table.primaryKey().equals(List.of(scope.column()))) {
        return table;
      }
    }
    throw new IllegalArgumentException("no silver table has the key of scope " + scope);
  }

  /** The name of the view over gold {@code table} in a SQL target ({@code sql/publish/views/<name>.sql}). */
  public static String targetView(String table) {
    String view = TARGET_VIEWS.get(table);
    if (view == null) {
      throw new IllegalArgumentException("no gold table " + table + "; gold tables are " + TABLES);
    }
    return view;
  }

  private static <T> T known(Map<String, T> map, String table) {
    T value = map.get(table);
    if (value == null) {
      throw new IllegalArgumentException("no gold table or state " + table + "; gold tables are " + TABLES
          + ", states " + STATES);
    }
    return value;
  }
}
