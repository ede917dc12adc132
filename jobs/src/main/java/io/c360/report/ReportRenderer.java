package io.c360.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Turns a {@link ReportModel} into one self-contained HTML page: the Mustache template
 * {@code report/c360-report.html.mustache}, ECharts' minified JavaScript inlined from its WebJar, and the model as
 * a JSON blob that the page's script draws the charts from. Nothing is loaded over the network when it opens.
 *
 * <pre>
 * String html = ReportRenderer.create().render(model);
 * </pre>
 */
public final class ReportRenderer {
  static final String TEMPLATE = "report/c360-report.html.mustache";
  private static final String ECHARTS_POM = "META-INF/maven/org.webjars.npm/echarts/pom.properties";
  private static final Pattern SCRIPT_END = Pattern.compile("(?i)</(script)");

  private final ObjectMapper json = new ObjectMapper();
  private final Mustache template = new DefaultMustacheFactory().compile(TEMPLATE);
  private final String echartsVersion;
  private final String echartsJs;

  private ReportRenderer() {
    Properties pom = new Properties();
    try (InputStream in = resource(ECHARTS_POM)) {
      pom.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + ECHARTS_POM, e);
    }
    this.echartsVersion = pom.getProperty("version");
    String script = "META-INF/resources/webjars/echarts/" + echartsVersion + "/dist/echarts.min.js";
    try (InputStream in = resource(script)) {
      this.echartsJs = inlineScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + script, e);
    }
  }

  public static ReportRenderer create() {
    return new ReportRenderer();
  }

  public String echartsVersion() {
    return echartsVersion;
  }

  public String render(ReportModel model) {
    Map<String, Object> scope = new LinkedHashMap<>();
    scope.put("lakeRoot", model.lakeRoot);
    scope.put("generatedAt", model.generatedAt);
    scope.put("latestRun", model.latestRun);
    scope.put("echartsVersion", echartsVersion);
    scope.put("echartsJs", echartsJs);
    scope.put("dataJson", jsonBlob(model));
    scope.put("kpis", tiles(model.kpis));
    scope.put("rankingCap", integer(ReportModel.RANKING_CAP));
    scope.put("productCount", integer(model.productCount));
    scope.put("storeCount", integer(model.storeCount));
    scope.put("agentCount", integer(model.agentCount));
    scope.put("spend90Percentile", model.spend90Percentile == null ? "—" : money(model.spend90Percentile));
    scope.put("quarantine", quarantineRows(model));
    scope.put("quarantineEmpty", model.quarantine.isEmpty());
    scope.put("reconciliation", reconciliationRows(model));
    StringWriter out = new StringWriter();
    template.execute(out, scope);
    return out.toString();
  }

  /** The model as JSON that can sit inside a {@code <script>} element: every {@code <} is written as \u003c. */
  String jsonBlob(ReportModel model) {
    try {
      return escapeForScript(json.writeValueAsString(model));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the report data as JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Makes JSON safe inside a {@code <script>} element: a {@code <} can only occur inside a JSON string, where
   * {@code \u003c} means the same, so no {@code </script>} or {@code <!--} in the data can end the element.
   */
  static String escapeForScript(String json) {
    return json.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
  }

  /** ECharts' code, with any {@code </script} written {@code <\/script} (the same in JS strings and regexes). */
  static String inlineScript(String js) {
    return SCRIPT_END.matcher(js).replaceAll("<\\\\/$1");
  }

  // ---- what the template shows as text --------------------------------------------------------------------

  private static List<Map<String, Object>> tiles(ReportModel.Kpis k) {
    List<Map<String, Object>> tiles = new ArrayList<>();
    tiles.add(tile("customers", "Customers", integer(k.customers), "in silver, buyers or not",
        "Rows of gold CustomerSegmentation: one per customer in silver Customers, including customers who never"
            + " bought."));
    tiles.add(tile("orders", "Orders", integer(k.orders),
        "online " + integer(k.onlineOrders) + " · in-store " + integer(k.inStoreOrders),
        "Silver online orders (SUM(OrderCount) of gold AverageOrderValue) plus silver in-store transactions,"
            + " whatever their Status."));
    tiles.add(tile("revenue", "Revenue", money(k.revenue),
        "online " + money(k.onlineRevenue) + " · in-store " + money(k.inStoreRevenue),
        "SUM(TotalSales) of gold AverageOrderValue plus the sum of silver in-store Amounts; a NULL Amount counts 0."));
    tiles.add(tile("aov", "Average order value", k.averageOrderValue == null ? "—" : money(k.averageOrderValue),
        "online only " + (k.onlineAverageOrderValue == null ? "—" : money(k.onlineAverageOrderValue)),
        "Revenue / Orders over both channels, rounded half-up to cents. The online-only figure, SUM(TotalSales) /"
            + " SUM(OrderCount) of gold AverageOrderValue, is the weighted average of the AOV charts."));
    tiles.add(tile("resolution", "Resolution rate", k.resolutionRate == null ? "—" : k.resolutionRate + " %",
        integer(k.resolvedInteractions) + " of " + integer(k.interactions) + " interactions",
        "100 × SUM(ResolvedInteractions) / SUM(TotalInteractions) of gold AgentPerformance, half-up to two"
            + " decimals: interactions handled by an agent known to silver; a NULL status counts as not resolved."));
    return tiles;
  }

  private static Map<String, Object> tile(String id, String label, String value, String detail, String definition) {
    Map<String, Object> tile = new LinkedHashMap<>();
    tile.put("id", id);
    tile.put("label", label);
    tile.put("value", value);
    tile.put("detail", detail);
    tile.put("definition", definition);
    return tile;
  }

  private static List<Map<String, Object>> quarantineRows(ReportModel model) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (ReportModel.QuarantineGroup q : model.quarantine) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("table", q.table);
      row.put("reason", q.reason);
      row.put("rows", integer(q.rows));
      row.put("readmitted", integer(q.readmitted));
      rows.add(row);
    }
    return rows;
  }

  private static List<Map<String, Object>> reconciliationRows(ReportModel model) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (ReportModel.Reconciliation r : model.reconciliation) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("table", r.table);
      row.put("files", integer(r.files));
      row.put("read", integer(r.read));
      row.put("upserted", integer(r.upserted));
      row.put("duplicates", integer(r.duplicates));
      row.put("quarantined", integer(r.quarantined));
      row.put("balanced", r.balanced);
      row.put("refusedFiles", integer(r.refusedFiles));
      row.put("readmitted", integer(r.readmitted));
      row.put("silverRows", integer(r.silverRows));
      rows.add(row);
    }
    return rows;
  }

  static String integer(long value) {
    return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
  }

  static String money(BigDecimal value) {
    return new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = ReportRenderer.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IOException(name + " is not on the classpath (the org.webjars.npm:echarts jar and the jobs"
          + " resources must be)");
    }
    return in;
  }
}
