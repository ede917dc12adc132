package io.c360.gold;

import io.c360.sql.SqlTemplate;
import java.util.List;
import java.util.Map;

/**
 * One gold table's Spark SQL, loaded from {@code sql/gold/<Table>.sql} on the classpath. Its only parameters
 * are settings ({@code ${name}}, integers), never data values.
 */
public final class GoldQuery {
  public static final String AVERAGE_ORDER_VALUE = "AverageOrderValue";
  public static final String CUSTOMER_SEGMENTATION = "CustomerSegmentation";
  public static final String PEAK_TIMES = "PeakTimes";
  public static final String AGENT_PERFORMANCE = "AgentPerformance";
  /** The gold tables, in the order they are computed and published. */
  public static final List<String> TABLES =
      List.of(AVERAGE_ORDER_VALUE, CUSTOMER_SEGMENTATION, PEAK_TIMES, AGENT_PERFORMANCE);

  private GoldQuery() {
  }

  /** The SQL of {@code table} with each {@code ${name}} replaced by its integer value. */
  public static String sql(String table, Map<String, Long> parameters) {
    if (!TABLES.contains(table)) {
      throw new IllegalArgumentException("no gold table " + table + "; gold tables are " + TABLES);
    }
    return SqlTemplate.load("sql/gold/" + table + ".sql").with(parameters).render();
  }
}
