package io.c360.gold;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
    String resource = "sql/gold/" + table + ".sql";
    String sql;
    try (InputStream in = GoldQuery.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no gold query " + resource + " on the classpath; gold tables are " + TABLES);
      }
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
    for (Map.Entry<String, Long> p : parameters.entrySet()) {
      sql = sql.replace("${" + p.getKey() + "}", Long.toString(p.getValue()));
    }
    if (sql.contains("${")) {
      throw new IllegalStateException(resource + " has a parameter without a value: "
          + sql.substring(sql.indexOf("${"), sql.indexOf('}', sql.indexOf("${")) + 1));
    }
    return sql;
  }
}
