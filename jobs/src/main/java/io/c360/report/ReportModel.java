package io.c360.report;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

import io.c360.catalog.Catalog;
import io.c360.catalog.Table;
import io.c360.gold.GoldQuery;
import io.c360.lake.LakeLayout;
import io.c360.lake.SnapshotScan;
import io.c360.ledger.FileRecord;
import io.c360.ledger.Ledger;
import io.c360.ledger.LedgerSchema.Files;
import io.c360.ledger.LedgerSchema.Tables;
import io.c360.silver.Quarantine;
import io.c360.silver.QuarantineSchema;
import io.c360.silver.Reason;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * What the HTML report shows, gathered with Spark from the gold tables, silver row counts, the quarantine and the
 * run ledger. Only small aggregates reach the driver: rankings (top spenders included) keep their top
 * {@link #RANKING_CAP} rows, segments are one row each, and everything else is bounded by the catalog (5 categories,
 * 7 × 24 hours, nine tables, reason codes).
 *
 * <pre>
 * ReportModel model = ReportModel.gather(spark, layout);
 * </pre>
 *
 * <p>Fields are public and final so that the template and the JSON blob read them as they are.
 */
public final class ReportModel {
  /**
   * The most rows a ranking (products, store locations, agents, customers) keeps; "all" in the Top-N selector means
   * these.
   */
  public static final int RANKING_CAP = 1000;

  /** Label of the AOV row whose orders have no product (NULL ProductID). */
  public static final String NO_PRODUCT = "(no product)";
  /** Label of the AOV row of customers without in-store history (NULL StoreLocation). */
  public static final String NO_HOME_STORE = "(no home store)";
  public static final String NO_CATEGORY = "(no category)";

  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final DateTimeFormatter GENERATED_AT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  /** Segments in the order of the gold rule (first match wins), so the chart reads like the rule. */
  static final List<String> SEGMENTS =
      List.of("High-Value Customer", "One-Time Buyer", "Loyalty Champion", "Regular Customer");

  public final String lakeRoot;
  public final String generatedAt;
  public final LatestRun latestRun;
  public final Kpis kpis;
  public final List<OrderGroup> products;
  public final List<OrderGroup> categories;
  public final List<OrderGroup> stores;
  public final long productCount;
  public final long storeCount;
  public final List<Segment> segments;
  public final BigDecimal spend90Percentile;
  public final List<PeakCell> peakTimes;
  public final List<Agent> agents;
  public final long agentCount;
  /** Customers by total spend (descending, ties by CustomerID), with their CustomerProfile facets. */
  public final List<Customer> topCustomers;
  public final List<QuarantineGroup> quarantine;
  /** The reason families in the order a row is judged (DESIGN §4 step 4): the quarantine chart's order. */
  public final List<String> reasonFamilies = reasonFamilies();
  public final List<Reconciliation> reconciliation;
  public final int rankingCap = RANKING_CAP;

  private ReportModel(Builder b) {
    this.lakeRoot = b.lakeRoot;
    this.generatedAt = b.generatedAt;
    this.latestRun = b.latestRun;
    this.kpis = b.kpis;
    this.products = b.products;
    this.categories = b.categories;
    this.stores = b.stores;
    this.productCount = b.productCount;
    this.storeCount = b.storeCount;
    this.segments = b.segments;
    this.spend90Percentile = b.spend90Percentile;
    this.peakTimes = b.peakTimes;
    this.agents = b.agents;
    this.agentCount = b.agentCount;
    this.topCustomers = b.topCustomers;
    this.quarantine = b.quarantine;
    this.reconciliation = b.reconciliation;
  }

  /** Reads the lake as it is now. Fails with a usage error when gold has not been computed yet. */
  public static ReportModel gather(SparkSession spark, LakeLayout layout) {
    Builder b = new Builder();
    b.lakeRoot = layout.root().toString();
    b.generatedAt = GENERATED_AT.format(Instant.now());
    Dataset<Row> aov = gold(spark, layout, GoldQuery.AVERAGE_ORDER_VALUE);
    Dataset<Row> segments = gold(spark, layout, GoldQuery.CUSTOMER_SEGMENTATION);
    Dataset<Row> peaks = gold(spark, layout, GoldQuery.PEAK_TIMES);
    Dataset<Row> agents = gold(spark, layout, GoldQuery.AGENT_PERFORMANCE);
    Dataset<Row> profiles = gold(spark, layout, GoldQuery.CUSTOMER_PROFILE);

    b.kpis = kpis(spark, layout, aov, segments, agents);
    Dataset<Row> byProduct = orderGroups(aov, col("ProductID"), col("ProductName"), col("Category")).cache();
    try {
      b.productCount = byProduct.count();
      b.products = top(byProduct, RANKING_CAP, r -> new OrderGroup(
          r.isNullAt(0) ? NO_PRODUCT : label(r.getString(1), r.getInt(0)),
          r.isNullAt(2) ? null : r.getString(2), r.getLong(3), r.getDecimal(4)));
    } finally {
      byProduct.unpersist();
    }
    b.categories = top(orderGroups(aov, col("Category")), Integer.MAX_VALUE,
        r -> new OrderGroup(r.isNullAt(0) ? NO_CATEGORY : r.getString(0), null, r.getLong(1), r.getDecimal(2)));
    Dataset<Row> byStore = orderGroups(aov, col("StoreLocation"));
    b.storeCount = byStore.count();
    b.stores = top(byStore, RANKING_CAP,
        r -> new OrderGroup(r.isNullAt(0) ? NO_HOME_STORE : r.getString(0), null, r.getLong(1), r.getDecimal(2)));
    b.segments = segments(segments);
    Row p90 = segments.agg(first(col("Spend90Percentile"), true)).first();
    b.spend90Percentile = p90.isNullAt(0) ? null : p90.getDecimal(0);
    b.peakTimes = peakTimes(peaks);
    b.agentCount = agents.count();
    b.agents = agents(agents);
    b.topCustomers = topCustomers(profiles);
    b.quarantine = quarantine(spark, layout);
    b.reconciliation = reconciliation(spark, layout);
    b.latestRun = latestRun(spark, layout);
    return new ReportModel(b);
  }

  // ---- KPIs -------------------------------------------------------------------------------------------------

  private static Kpis kpis(SparkSession spark, LakeLayout layout, Dataset<Row> aov, Dataset<Row> segments,
      Dataset<Row> agents) {
    long customers = segments.count();
    Row online = aov.agg(coalesce(sum("OrderCount"), lit(0L)), coalesce(sum("TotalSales"), lit(BigDecimal.ZERO)))
        .first();
    Dataset<Row> inStore = silver(spark, layout, Catalog.IN_STORE_TRANSACTIONS);
    Row store = inStore.agg(count(lit(1)), coalesce(sum(coalesce(col("Amount"), lit(BigDecimal.ZERO))),
        lit(BigDecimal.ZERO))).first();
    Row service = agents.agg(coalesce(sum("ResolvedInteractions"), lit(0L)),
        coalesce(sum("TotalInteractions"), lit(0L))).first();
    return new Kpis(customers, online.getLong(0), decimal(online.get(1)), store.getLong(0), decimal(store.get(1)),
        service.getLong(0), service.getLong(1));
  }

  // ---- AOV rankings -----------------------------------------------------------------------------------------

  /** The AOV gold rows summed over {@code keys}: keys..., orders, sales (exact decimal). */
  private static Dataset<Row> orderGroups(Dataset<Row> aov, Column... keys) {
    return aov.groupBy(keys).agg(sum("OrderCount").as("orders"), sum("TotalSales").as("sales"));
  }

  /**
   * The first {@code limit} groups by average order value (descending; ties: more orders first). Spark orders
   * and limits; the exact half-up average is then computed in Java from the exact sum and count.
   */
  private static List<OrderGroup> top(Dataset<Row> groups, int limit, java.util.function.Function<Row, OrderGroup> f) {
    Column average = col("sales").cast(DataTypes.createDecimalType(38, 2)).divide(col("orders"));
    Dataset<Row> ordered = groups.filter(col("orders").gt(0)).orderBy(average.desc(), col("orders").desc());
    List<Row> rows = limit == Integer.MAX_VALUE ? ordered.collectAsList() : ordered.limit(limit).collectAsList();
    List<OrderGroup> result = new ArrayList<>();
    for (Row row : rows) {
      result.add(f.apply(row));
    }
    result.sort(Comparator.comparing((OrderGroup g) -> g.averageOrderValue).reversed()
        .thenComparing(Comparator.comparingLong((OrderGroup g) -> g.orders).reversed())
        .thenComparing(g -> g.label));
    return result;
  }

  private static String label(String name, int id) {
    return (name == null ? "Product" : name) + " #" + id;
  }

  // ---- segments, peak times, agents ------------------------------------------------------------------------

  private static List<Segment> segments(Dataset<Row> gold) {
    Map<String, Segment> bySegment = new LinkedHashMap<>();
    for (String name : SEGMENTS) {
      bySegment.put(name, new Segment(name, 0, BigDecimal.ZERO.setScale(2)));
    }
    for (Row r : gold.groupBy("CustomerSegment").agg(count(lit(1)), sum("TotalSpend")).collectAsList()) {
      bySegment.put(r.getString(0), new Segment(r.getString(0), r.getLong(1), decimal(r.get(2))));
    }
    return new ArrayList<>(bySegment.values());
  }

  private static List<PeakCell> peakTimes(Dataset<Row> gold) {
    List<PeakCell> cells = new ArrayList<>();
    for (Row r : gold.select("Channel", "DayOfWeekNumber", "HourOfDay", "TransactionCount", "TotalAmount")
        .orderBy("Channel", "DayOfWeekNumber", "HourOfDay").collectAsList()) {
      cells.add(new PeakCell(r.getString(0), ((Number) r.get(1)).intValue(), ((Number) r.get(2)).intValue(),
          ((Number) r.get(3)).longValue(), decimal(r.get(4))));
    }
    return cells;
  }

  /** Agents by resolution rate (descending, agents without interactions last), then resolved count, then id. */
  private static List<Agent> agents(Dataset<Row> gold) {
    List<Agent> result = new ArrayList<>();
    for (Row r : gold.orderBy(col("ResolutionSuccessRate").desc_nulls_last(), col("ResolvedInteractions").desc(),
        col("AgentID").asc()).limit(RANKING_CAP)
        .select("AgentID", "AgentName", "TotalInteractions", "ResolvedInteractions", "ResolutionSuccessRate")
        .collectAsList()) {
      result.add(new Agent(r.getInt(0), r.isNullAt(1) ? "Agent #" + r.getInt(0) : r.getString(1) + " #" + r.getInt(0),
          r.getLong(2), r.getLong(3), r.isNullAt(4) ? null : r.getDecimal(4)));
    }
    return result;
  }

  /** The customers who spent most, online plus in store, from gold CustomerProfile. */
  private static List<Customer> topCustomers(Dataset<Row> gold) {
    List<Customer> result = new ArrayList<>();
    for (Row r : gold.orderBy(col("TotalSpend").desc(), col("CustomerID").asc()).limit(RANKING_CAP)
        .select("CustomerID", "CustomerName", "TotalSpend", "OnlineOrders", "InStoreTransactions",
            "HomeStoreLocation", "TierLevel", "PointsEarned", "PointsChange", "Interactions", "OpenInteractions",
            "LastPurchase", "CustomerSegment")
        .collectAsList()) {
      result.add(new Customer(r.getInt(0), (r.isNullAt(1) ? "Customer" : r.getString(1)) + " #" + r.getInt(0),
          decimal(r.get(2)), r.getLong(3), r.getLong(4), r.isNullAt(5) ? NO_HOME_STORE : r.getString(5),
          r.isNullAt(6) ? null : r.getString(6), r.getLong(7), r.getLong(8), r.getLong(9), r.getLong(10),
          r.isNullAt(11) ? null : TIMESTAMP.format((java.time.LocalDateTime) r.get(11)), r.getString(12)));
    }
    return result;
  }

  // ---- data quality ----------------------------------------------------------------------------------------

  private static List<QuarantineGroup> quarantine(SparkSession spark, LakeLayout layout) {
    List<QuarantineGroup> result = new ArrayList<>();
    for (Row r : new Quarantine(spark, layout).rows().groupBy(QuarantineSchema.TABLE_NAME, QuarantineSchema.REASON)
        .agg(count(lit(1)).as("rows"), count(col(QuarantineSchema.READMITTED_RUN_ID)).as("readmitted"))
        .orderBy(col(QuarantineSchema.TABLE_NAME), desc("rows"), col(QuarantineSchema.REASON)).collectAsList()) {
      result.add(new QuarantineGroup(r.getString(0), Reason.parse(r.getString(1)), r.getLong(2), r.getLong(3)));
    }
    result.sort(Comparator.comparingInt((QuarantineGroup q) -> catalogIndex(q.table)));
    return result;
  }

  /**
   * Per table, from the ledger's file counts: {@code read = upserted + duplicates + quarantined}. Each file version
   * counts once, with its latest record (a full refresh records the same version again). Files refused whole are
   * counted apart: none of their rows were read.
   */
  private static List<Reconciliation> reconciliation(SparkSession spark, LakeLayout layout) {
    Ledger ledger = new Ledger(spark, layout);
    Dataset<Row> files = ledger.files();
    Column latestFirst = row_number().over(Window.partitionBy(Files.TABLE_NAME, Files.PATH, Files.SHA256)
        .orderBy(col(Files.RUN_ID).desc()));
    Dataset<Row> latest = files.withColumn("_n", latestFirst).filter(col("_n").equalTo(1));
    Map<String, Row> ingested = new LinkedHashMap<>();
    for (Row r : latest.filter(col(Files.STATUS).equalTo(FileRecord.Status.INGESTED.name())).groupBy(Files.TABLE_NAME)
        .agg(count(lit(1)), sum(Files.ROWS_READ), sum(Files.UPSERTED), sum(Files.DUPLICATES), sum(Files.QUARANTINED))
        .collectAsList()) {
      ingested.put(r.getString(0), r);
    }
    Map<String, Long> refused = new LinkedHashMap<>();
    for (Row r : latest.filter(col(Files.STATUS).equalTo(FileRecord.Status.REJECTED.name())).groupBy(Files.TABLE_NAME)
        .agg(countDistinct(struct(col(Files.PATH), col(Files.SHA256)))).collectAsList()) {
      refused.put(r.getString(0), r.getLong(1));
    }
    Map<String, Long> readmitted = new LinkedHashMap<>();
    for (Row r : ledger.tables().groupBy(Tables.TABLE_NAME).agg(sum(Tables.READMITTED)).collectAsList()) {
      readmitted.put(r.getString(0), r.isNullAt(1) ? 0 : r.getLong(1));
    }
    List<Reconciliation> result = new ArrayList<>();
    for (Table table : Catalog.tables()) {
      Row r = ingested.get(table.name());
      long silverRows = silver(spark, layout, table).count();
      if (r == null) {
        result.add(new Reconciliation(table.name(), 0, 0, 0, 0, 0, refused.getOrDefault(table.name(), 0L),
            readmitted.getOrDefault(table.name(), 0L), silverRows));
      } else {
        result.add(new Reconciliation(table.name(), r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4),
            r.getLong(5), refused.getOrDefault(table.name(), 0L), readmitted.getOrDefault(table.name(), 0L),
            silverRows));
      }
    }
    return result;
  }

  private static LatestRun latestRun(SparkSession spark, LakeLayout layout) {
    List<Row> rows = new Ledger(spark, layout).runs().orderBy(col(io.c360.ledger.LedgerSchema.Runs.RUN_ID).desc()).limit(1).collectAsList();
    if (rows.isEmpty()) {
      return null;
    }
    Row r = rows.get(0);
    return new LatestRun(r.getLong(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4));
  }

  // ---- reading the lake ------------------------------------------------------------------------------------

  private static Dataset<Row> gold(SparkSession spark, LakeLayout layout, String table) {
    Path path = layout.gold(table);
    if (!layout.isDeltaTable(path)) {
      throw new IllegalArgumentException("no gold table " + table + " at " + path
          + "; compute gold first: c360 run --stages silver,gold");
    }
    return SnapshotScan.latest(spark, layout.fileSystem(), path);
  }

  private static Dataset<Row> silver(SparkSession spark, LakeLayout layout, Table table) {
    Path path = layout.silver(table);
    return layout.isDeltaTable(path) ? SnapshotScan.latest(spark, layout.fileSystem(), path)
        : spark.createDataFrame(List.of(), table.sparkSchema());
  }

  private static int catalogIndex(String table) {
    int i = Catalog.tables().indexOf(Catalog.find(table).orElse(null));
    return i < 0 ? Integer.MAX_VALUE : i;
  }

  private static BigDecimal decimal(Object value) {
    return value == null ? BigDecimal.ZERO.setScale(2) : ((BigDecimal) value).setScale(2, RoundingMode.UNNECESSARY);
  }

  /** {@code numerator / denominator} rounded half-up to two decimals; null when the denominator is 0. */
  static BigDecimal ratio(BigDecimal numerator, long denominator) {
    return denominator == 0 ? null : numerator.divide(BigDecimal.valueOf(denominator), 2, RoundingMode.HALF_UP);
  }

  // ---- the parts -------------------------------------------------------------------------------------------

  /** The headline numbers; see the report's "Definitions" and README "The report". */
  public static final class Kpis {
    /** Rows of gold CustomerSegmentation: one per silver customer, buyers or not. */
    public final long customers;
    /** Silver online orders: SUM(OrderCount) of gold AverageOrderValue. */
    public final long onlineOrders;
    /** Their amount: SUM(TotalSales) of gold AverageOrderValue. */
    public final BigDecimal onlineRevenue;
    /** Silver in-store transactions (rows of silver InStoreTransactions). */
    public final long inStoreOrders;
    /** Their amount, a NULL Amount counting 0. */
    public final BigDecimal inStoreRevenue;
    public final long resolvedInteractions;
    /** Interactions handled by an agent known to silver: SUM(TotalInteractions) of gold AgentPerformance. */
    public final long interactions;
    public final long orders;
    public final BigDecimal revenue;
    /** revenue / orders, half-up to cents; null without orders. */
    public final BigDecimal averageOrderValue;
    /** SUM(OrderCount)-weighted online average: onlineRevenue / onlineOrders. */
    public final BigDecimal onlineAverageOrderValue;
    /** 100 × resolved / interactions, half-up to two decimals; null without interactions. */
    public final BigDecimal resolutionRate;

    Kpis(long customers, long onlineOrders, BigDecimal onlineRevenue, long inStoreOrders, BigDecimal inStoreRevenue,
        long resolvedInteractions, long interactions) {
      this.customers = customers;
      this.onlineOrders = onlineOrders;
      this.onlineRevenue = onlineRevenue;
      this.inStoreOrders = inStoreOrders;
      this.inStoreRevenue = inStoreRevenue;
      this.resolvedInteractions = resolvedInteractions;
      this.interactions = interactions;
      this.orders = onlineOrders + inStoreOrders;
      this.revenue = onlineRevenue.add(inStoreRevenue);
      this.averageOrderValue = ratio(revenue, orders);
      this.onlineAverageOrderValue = ratio(onlineRevenue, onlineOrders);
      this.resolutionRate = ratio(BigDecimal.valueOf(resolvedInteractions).multiply(BigDecimal.valueOf(100)),
          interactions);
    }
  }

  /** Online orders of one product, category or home-store location, from gold AverageOrderValue. */
  public static final class OrderGroup {
    public final String label;
    public final String category;
    public final long orders;
    public final BigDecimal totalSales;
    public final BigDecimal averageOrderValue;

    OrderGroup(String label, String category, long orders, BigDecimal totalSales) {
      this.label = label;
      this.category = category;
      this.orders = orders;
      this.totalSales = decimal(totalSales);
      this.averageOrderValue = ratio(this.totalSales, orders);
    }
  }

  public static final class Segment {
    public final String name;
    public final long customers;
    public final BigDecimal totalSpend;

    Segment(String name, long customers, BigDecimal totalSpend) {
      this.name = name;
      this.customers = customers;
      this.totalSpend = totalSpend;
    }
  }

  public static final class PeakCell {
    public final String channel;
    /** ISO day of week, Monday = 1. */
    public final int day;
    public final int hour;
    public final long transactions;
    public final BigDecimal amount;

    PeakCell(String channel, int day, int hour, long transactions, BigDecimal amount) {
      this.channel = channel;
      this.day = day;
      this.hour = hour;
      this.transactions = transactions;
      this.amount = amount;
    }
  }

  public static final class Agent {
    public final int id;
    public final String label;
    public final long interactions;
    public final long resolved;
    public final BigDecimal resolutionRate;

    Agent(int id, String label, long interactions, long resolved, BigDecimal resolutionRate) {
      this.id = id;
      this.label = label;
      this.interactions = interactions;
      this.resolved = resolved;
      this.resolutionRate = resolutionRate;
    }
  }

  /** One customer of the top-spender table: the facets of gold CustomerProfile that the report shows. */
  public static final class Customer {
    public final int id;
    public final String label;
    public final BigDecimal totalSpend;
    public final long onlineOrders;
    public final long inStoreTransactions;
    public final String homeStore;
    public final String tier;
    public final long pointsEarned;
    public final long pointsChange;
    public final long interactions;
    public final long openInteractions;
    /** yyyy-MM-dd HH:mm wall clock, null without a dated purchase. */
    public final String lastPurchase;
    public final String segment;

    Customer(int id, String label, BigDecimal totalSpend, long onlineOrders, long inStoreTransactions,
        String homeStore, String tier, long pointsEarned, long pointsChange, long interactions, long openInteractions, String lastPurchase,
        String segment) {
      this.id = id;
      this.label = label;
      this.totalSpend = totalSpend;
      this.onlineOrders = onlineOrders;
      this.inStoreTransactions = inStoreTransactions;
      this.homeStore = homeStore;
      this.tier = tier;
      this.pointsEarned = pointsEarned;
      this.pointsChange = pointsChange;
      this.interactions = interactions;
      this.openInteractions = openInteractions;
      this.lastPurchase = lastPurchase;
      this.segment = segment;
    }
  }

  private static List<String> reasonFamilies() {
    List<String> families = new ArrayList<>();
    for (Reason.Kind kind : Reason.Kind.values()) {
      families.add(kind.name());
    }
    return families;
  }

  public static final class QuarantineGroup {
    public final String table;
    /** The stored code, e.g. {@code BAD_VALUE:Amount}. */
    public final String reason;
    /** Its family, e.g. {@code BAD_VALUE}: the quarantine chart's bars. */
    public final String family;
    public final long rows;
    /** Of those, orphans re-admitted once their parent arrived. */
    public final long readmitted;

    QuarantineGroup(String table, Reason reason, long rows, long readmitted) {
      this.table = table;
      this.reason = reason.code();
      this.family = reason.kind().name();
      this.rows = rows;
      this.readmitted = readmitted;
    }
  }

  public static final class Reconciliation {
    public final String table;
    public final long files;
    public final long read;
    public final long upserted;
    public final long duplicates;
    public final long quarantined;
    public final long refusedFiles;
    public final long readmitted;
    public final long silverRows;
    public final boolean balanced;

    Reconciliation(String table, long files, long read, long upserted, long duplicates, long quarantined,
        long refusedFiles, long readmitted, long silverRows) {
      this.table = table;
      this.files = files;
      this.read = read;
      this.upserted = upserted;
      this.duplicates = duplicates;
      this.quarantined = quarantined;
      this.refusedFiles = refusedFiles;
      this.readmitted = readmitted;
      this.silverRows = silverRows;
      this.balanced = read == upserted + duplicates + quarantined;
    }
  }

  public static final class LatestRun {
    public final long id;
    public final String command;
    public final String startedAt;
    public final String finishedAt;
    public final String status;

    LatestRun(long id, String command, String startedAt, String finishedAt, String status) {
      this.id = id;
      this.command = command;
      this.startedAt = startedAt;
      this.finishedAt = finishedAt;
      this.status = status;
    }
  }

  private static final class Builder {
    String lakeRoot;
    String generatedAt;
    LatestRun latestRun;
    Kpis kpis;
    List<OrderGroup> products;
    List<OrderGroup> categories;
    List<OrderGroup> stores;
    long productCount;
    long storeCount;
    List<Segment> segments;
    BigDecimal spend90Percentile;
    List<PeakCell> peakTimes;
    List<Agent> agents;
    long agentCount;
    List<Customer> topCustomers;
    List<QuarantineGroup> quarantine;
    List<Reconciliation> reconciliation;
  }
}
