package io.c360.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.c360.report.ReportModel;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code c360 report} on a generated dirty lake, opened in the system's headless Chromium: the page loads nothing
 * from anywhere, logs no error, draws every chart, redraws the rankings for each Top-N choice, and shows the KPI
 * values that this test computes on its own from the gold and silver Delta tables.
 */
class ReportCommandTest {
  static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
  static final Path SCREENSHOT = Paths.get("target", "report-screenshot.png");
  static final List<String> CHARTS = List.of("chart-products", "chart-categories", "chart-stores", "chart-segments",
      "chart-agents", "chart-peak-online", "chart-peak-instore", "chart-quarantine");

  @TempDir
  Path tmp;

  @Test
  void helpExitsZero() {
    ReportTestLake.Result help = ReportTestLake.execute("report", "--help");
    assertEquals(C360.OK, help.exit, help.toString());
    assertTrue(help.out.contains("Usage: c360 report") && help.out.contains("--out"), help.out);
    ReportTestLake.Result root = ReportTestLake.execute("--help");
    for (String command : new String[] {"report", "status", "quarantine"}) {
      assertTrue(root.out.contains("  " + command + " "), root.out);
    }
  }

  @Test
  void reportWithoutGoldIsAUsageErrorSayingWhatToRun() {
    ReportTestLake.Result result = ReportTestLake.execute("report", "-Dc360.lake.root=" + tmp.resolve("no-lake"),
        "-Dc360.spark.shuffle-partitions=2", "-Dc360.spark.master=local[2]");
    assertEquals(C360.USAGE, result.exit, result.toString());
    assertTrue(result.err.contains("no gold table AverageOrderValue") && result.err.contains("c360 run"), result.err);
  }

  @Test
  void reportOpensOfflineInHeadlessChromiumWithEveryChartDrawnTopNAndKpisFromGold() throws IOException {
    assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "the report test drives the system's headless Chromium: install it with "
            + "`apt-get install -y chromium chromium-driver` (.ci/run does this when /usr/bin/chromium is missing)");
    Path lake = ReportTestLake.get();
    ReportTestLake.Result report = ReportTestLake.execute(ReportTestLake.args("report"));
    assertEquals(C360.OK, report.exit, report.toString());
    Path html = lake.resolve("report").resolve("c360-report.html");
    assertEquals(html.toString(), report.out.strip(), "prints the default path");
    assertTrue(Files.size(html) > 500_000, "ECharts is inlined");

    Expected expected = new Expected(SparkSession.active(), lake);
    ChromeDriver browser = chromium();
    try {
      browser.manage().window().setSize(new Dimension(1400, 1000));
      browser.get(html.toUri().toString());
      new WebDriverWait(browser, Duration.ofSeconds(30))
          .until(d -> Boolean.TRUE.equals(js(d, "return !!(window.c360 && window.echarts)")));

      assertEquals(0L, js(browser, "return performance.getEntriesByType('resource').length"),
          "the page loads nothing: " + js(browser,
              "return performance.getEntriesByType('resource').map(function (e) { return e.name; })"));
      for (String chart : CHARTS) {
        @SuppressWarnings("unchecked")
        List<Long> drawn = (List<Long>) js(browser, "var el = document.getElementById(arguments[0]);"
            + "var c = echarts.getInstanceByDom(el); if (!c) { return [-1, 0, 0]; }"
            + "var n = 0; c.getOption().series.forEach(function (s) { n += (s.data || []).length; });"
            + "var canvas = el.querySelector('canvas');"
            + "return [n, canvas ? canvas.width : 0, canvas ? canvas.height : 0];", chart);
        assertTrue(drawn.get(0) > 0, chart + " has no series data: " + drawn);
        assertTrue(drawn.get(1) > 0 && drawn.get(2) > 0, chart + " has no canvas to draw on: " + drawn);
      }
      assertEquals(2 * 7 * 24, bars(browser, "chart-peak-online") + bars(browser, "chart-peak-instore"),
          "a full day x hour grid per channel");

      assertEquals(Math.min(10, expected.products), bars(browser, "chart-products"), "Top 10 by default");
      for (String n : new String[] {"5", "20", "all", "10"}) {
        new Select(browser.findElement(By.id("topn"))).selectByValue(n);
        int top = "all".equals(n) ? ReportModel.RANKING_CAP : Integer.parseInt(n);
        assertEquals(Math.min(top, expected.products), bars(browser, "chart-products"), "products, Top " + n);
        assertEquals(Math.min(top, expected.stores), bars(browser, "chart-stores"), "store locations, Top " + n);
        assertEquals(Math.min(top, expected.agents), bars(browser, "chart-agents"), "agents, Top " + n);
        assertEquals(Math.min(top, expected.customersShown), customerRows(browser).size(), "customers, Top " + n);
      }
      assertTrue(expected.products > 20 && expected.agents > 20, "the lake has enough products and agents to see "
          + "every Top-N choice: " + expected.products + ", " + expected.agents);

      List<org.openqa.selenium.WebElement> first = customerRows(browser).get(0).findElements(By.tagName("td"));
      assertEquals(expected.topSpender, first.get(0).getText(), "the top spender first");
      assertEquals(expected.topSpend, number(first.get(1).getText()), "their spend, online plus in store");

      assertEquals(expected.customers, number(kpi(browser, "customers")), "customers");
      assertEquals(expected.orders, number(kpi(browser, "orders")), "orders");
      assertEquals(expected.revenue, number(kpi(browser, "revenue")), "revenue");
      assertEquals(expected.averageOrderValue, number(kpi(browser, "aov")), "average order value");
      assertEquals(expected.resolutionRate + " %", kpi(browser, "resolution"), "resolution rate");

      long height = (Long) js(browser, "return document.documentElement.scrollHeight");
      browser.manage().window().setSize(new Dimension(1400, (int) Math.min(height + 140, 8000)));
      Files.createDirectories(SCREENSHOT.getParent());
      Files.write(SCREENSHOT, browser.getScreenshotAs(OutputType.BYTES));

      List<String> errors = new ArrayList<>();
      for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
        if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
          errors.add(entry.getMessage());
        }
      }
      assertEquals(List.of(), errors, "console errors");
    } finally {
      browser.quit();
    }
  }

  /**
   * Names are data, never markup (DESIGN §12): a product, a store location and an agent named like HTML, one of them
   * closing a script element, are shown literally in their tooltips and run nothing. ECharts renders a tooltip's
   * text as HTML, and an image that fails to load runs its onerror even before the tooltip is in the page.
   */
  @Test
  void hostileNamesAreShownAsTextInTheirTooltipsAndRunNothing() throws Exception {
    Path lake = tmp.resolve("hostile-lake");
    Path bronze = lake.resolve("bronze");
    assertEquals(C360.OK, C360.execute("generate", "--scale", "1", "--out", bronze.toString()));
    String product = "<img src=x onerror=window.__c360xss=1>";
    String store = "</script><script>window.__c360xss=2</script>";
    String agent = "<b onmouseover=window.__c360xss=3>agent</b><img src=y onerror=window.__c360xss=3>";
    replaceField(bronze.resolve("Products.csv"), 1, product, 1);
    // Every store: the chart shows home-store locations, and any store may be nobody's home store.
    replaceField(bronze.resolve("Stores.csv"), 1, store, Integer.MAX_VALUE);
    replaceField(bronze.resolve("Agents.csv"), 1, agent, 1);
    String[] settings = {"-Dc360.lake.root=" + lake, "-Dc360.spark.shuffle-partitions=2",
        "-Dc360.spark.master=local[2]"};
    assertEquals(C360.OK, C360.execute(concat(new String[] {"run", "--stages", "silver,gold"}, settings)));
    Path html = tmp.resolve("hostile.html");
    assertEquals(C360.OK, C360.execute(concat(new String[] {"report", "--out", html.toString()}, settings)));

    ChromeDriver browser = chromium();
    try {
      browser.get(html.toUri().toString());
      new WebDriverWait(browser, Duration.ofSeconds(30))
          .until(d -> Boolean.TRUE.equals(js(d, "return !!(window.c360 && window.echarts)")));
      new Select(browser.findElement(By.id("topn"))).selectByValue("all");
      String[][] charts = {{"chart-products", "products", product}, {"chart-stores", "stores", store},
          {"chart-agents", "agents", agent}};
      for (String[] chart : charts) {
        String tooltip = (String) js(browser, "var rows = window.c360.data[arguments[1]], i = -1;"
            + "for (var k = 0; k < rows.length; k++) { if (rows[k].label.indexOf(arguments[2]) >= 0) { i = k; } }"
            + "if (i < 0) { return null; }"
            + "var el = document.getElementById(arguments[0]);"
            + "echarts.getInstanceByDom(el).dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: i});"
            + "return el.innerText;", chart[0], chart[1], chart[2]);
        assertTrue(tooltip != null, chart[1] + ": the hostile name is in the report's data");
        assertTrue(tooltip.contains(chart[2]), chart[0] + "'s tooltip shows the name as text: " + tooltip);
      }
      Thread.sleep(1000);
      assertEquals(null, js(browser, "return window.__c360xss === undefined ? null : String(window.__c360xss)"),
          "a name ran as script");
      assertEquals(1L, js(browser, "return document.querySelectorAll('script[type=\"application/json\"]').length"),
          "the data blob is still one script element");
    } finally {
      browser.quit();
    }
  }

  /** Replaces field {@code column} (0-based) of the first {@code rows} data rows; the generator leaves it unquoted. */
  private static void replaceField(Path csv, int column, String value, int rows) throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(csv));
    for (int i = 1; i < lines.size() && i <= rows; i++) {
      String[] fields = lines.get(i).split(",", -1);
      fields[column] = value;
      lines.set(i, String.join(",", fields));
    }
    Files.write(csv, lines);
  }

  private static String[] concat(String[] first, String[] second) {
    String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, all, first.length, second.length);
    return all;
  }

  /** The KPI values, computed here from the gold and silver tables with Spark SQL, independently of the report. */
  static final class Expected {
    final BigDecimal customers;
    final BigDecimal orders;
    final BigDecimal revenue;
    final BigDecimal averageOrderValue;
    final BigDecimal resolutionRate;
    final long products;
    final long stores;
    final long agents;
    final long customersShown;
    /** "Name #id" of the customer with the highest silver spend (ties: lowest id), and that spend. */
    final String topSpender;
    final BigDecimal topSpend;

    Expected(SparkSession spark, Path lake) {
      String gold = "delta.`" + lake.resolve("gold") + "/";
      String silver = "delta.`" + lake.resolve("silver") + "/";
      customers = new BigDecimal(one(spark, "SELECT COUNT(*) FROM " + gold + "CustomerSegmentation`").getLong(0));
      Row online = one(spark, "SELECT SUM(OrderCount), SUM(TotalSales) FROM " + gold + "AverageOrderValue`");
      Row inStore = one(spark, "SELECT COUNT(*), SUM(COALESCE(Amount, 0)) FROM " + silver + "InStoreTransactions`");
      orders = new BigDecimal(online.getLong(0) + inStore.getLong(0));
      revenue = online.getDecimal(1).add(inStore.getDecimal(1)).setScale(2, RoundingMode.UNNECESSARY);
      averageOrderValue = revenue.divide(orders, 2, RoundingMode.HALF_UP);
      Row service = one(spark,
          "SELECT SUM(ResolvedInteractions), SUM(TotalInteractions) FROM " + gold + "AgentPerformance`");
      resolutionRate = new BigDecimal(service.getLong(0) * 100).divide(new BigDecimal(service.getLong(1)), 2,
          RoundingMode.HALF_UP);
      products = one(spark, "SELECT COUNT(DISTINCT COALESCE(ProductID, -1)) FROM " + gold + "AverageOrderValue`")
          .getLong(0);
      stores = one(spark, "SELECT COUNT(DISTINCT COALESCE(StoreLocation, '')) FROM " + gold + "AverageOrderValue`")
          .getLong(0);
      agents = one(spark, "SELECT COUNT(*) FROM " + gold + "AgentPerformance`").getLong(0);
      customersShown = Math.min(ReportModel.RANKING_CAP, customers.longValue());
      Row top = one(spark, "SELECT c.CustomerID, c.Name, SUM(COALESCE(t.Amount, 0)) AS spend FROM " + silver
          + "Customers` c JOIN (SELECT CustomerID, Amount FROM " + silver + "OnlineTransactions` UNION ALL "
          + "SELECT CustomerID, Amount FROM " + silver + "InStoreTransactions`) t ON t.CustomerID = c.CustomerID "
          + "GROUP BY c.CustomerID, c.Name ORDER BY spend DESC, c.CustomerID LIMIT 1");
      topSpender = (top.isNullAt(1) ? "Customer" : top.getString(1)) + " #" + top.getInt(0);
      topSpend = top.getDecimal(2).setScale(2, RoundingMode.UNNECESSARY);
    }

    private static Row one(SparkSession spark, String sql) {
      return spark.sql(sql).first();
    }
  }

  private static ChromeDriver chromium() throws IOException {
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + Files.createTempDirectory("c360-chromium"));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    return new ChromeDriver(service, options);
  }

  private static Object js(org.openqa.selenium.WebDriver browser, String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }

  /** Data items of the chart's first series (bars of a ranking, cells of a heat map). */
  private static long bars(ChromeDriver browser, String chart) {
    return (Long) js(browser, "return echarts.getInstanceByDom(document.getElementById(arguments[0]))"
        + ".getOption().series[0].data.length", chart);
  }

  private static List<org.openqa.selenium.WebElement> customerRows(ChromeDriver browser) {
    return browser.findElements(By.cssSelector("#customers-table tbody tr"));
  }

  private static String kpi(ChromeDriver browser, String id) {
    return browser.findElement(By.cssSelector("#kpi-" + id + " .value")).getText().strip();
  }

  private static BigDecimal number(String shown) {
    try {
      return new BigDecimal(shown.replace(",", ""));
    } catch (NumberFormatException e) {
      fail("not a number: '" + shown + "'");
      return null;
    }
  }
}
