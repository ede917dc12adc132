package io.c360.gold;

import io.c360.sql.SqlTemplate;
import java.util.List;
import java.util.Map;

/**
 * The gold tables and their Spark SQL, loaded from {@code sql/gold/<Table>.sql} on the classpath. Its only
 * parameters are settings ({@code ${name}}, integers), never data values. A rule that two gold tables share lives
 * once, as a view in {@code sql/gold/views/<View>.sql} ({@link #VIEWS}), and a gold query may read another gold
 * query by its table name ({@link #reads}); {@link GoldStage} registers both as temporary views before the queries.
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
  /** Views shared by gold queries, {@code sql/gold/views/<View>.sql}. */
  public static final List<String> VIEWS = List.of(HOME_STORE);

  /** What a gold query reads besides silver: shared views and other gold queries. */
  private static final Map<String, List<String>> READS = Map.of(
      AVERAGE_ORDER_VALUE, List.of(HOME_STORE),
      // TotalSpend, TierLevel and CustomerSegment are CustomerSegmentation's, so the two tables agree.
      CUSTOMER_PROFILE, List.of(HOME_STORE, CUSTOMER_SEGMENTATION));

  /** The view over each gold table in a SQL target: the tutorial's names, and View_Customer360 (DESIGN §6). */
  private static final Map<String, String> TARGET_VIEWS = Map.of(
      AVERAGE_ORDER_VALUE, "View_AverageOrderValue",
      CUSTOMER_SEGMENTATION, "View_CustomerSegmentation",
      PEAK_TIMES, "View_PeakTimes",
      AGENT_PERFORMANCE, "View_AgentPerformance",
      CUSTOMER_PROFILE, "View_Customer360");

  private GoldQuery() {
  }

  /** The SQL of {@code table} or of a shared view, with each {@code ${name}} replaced by its integer value. */
  public static String sql(String table, Map<String, Long> parameters) {
    if (TABLES.contains(table)) {
      return SqlTemplate.load("sql/gold/" + table + ".sql").with(parameters).render();
    }
    if (VIEWS.contains(table)) {
      return SqlTemplate.load("sql/gold/views/" + table + ".sql").with(parameters).render();
    }
    throw new IllegalArgumentException("no gold table " + table + "; gold tables are " + TABLES);
  }

  /** The shared views and gold tables that the query of {@code table} reads by name (none for most). */
  public static List<String> reads(String table) {
    return READS.getOrDefault(table, List.of());
  }

  /** The name of the view over gold {@code table} in a SQL target ({@code sql/publish/views/<name>.sql}). */
  public static String targetView(String table) {
    String view = TARGET_VIEWS.get(table);
    if (view == null) {
      throw new IllegalArgumentException("no gold table " + table + "; gold tables are " + TABLES);
    }
    return view;
  }
}
