package io.c360.gold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.catalog.Catalog;
import io.c360.catalog.Column;
import io.c360.catalog.ColumnType;
import io.c360.catalog.ForeignKey;
import io.c360.catalog.Table;
import io.c360.cli.C360;
import io.c360.generate.Generator;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gold on generated dirty data at scale 1,000: the §5 invariants hold, and H2, running queries written
 * separately (test resources {@code oracle/}), computes the same gold tables row for row from the same silver.
 */
class GoldStageAtScaleTest {

  @TempDir
  Path tmp;

  @Test
  void goldAtScale1000HoldsTheInvariantsAndEqualsAnIndependentH2Computation() throws Exception {
    Path lake = tmp.resolve("lake");
    Generator.create().scale(1000).seed(7).dirty(true).outputDirectory(lake.resolve("bronze")).execute();
    assertEquals(C360.OK, C360.execute("run", "--stages", "silver,gold", "-Dc360.lake.root=" + lake,
        "-Dc360.spark.shuffle-partitions=2", "-Dc360.spark.master=local[2]"));
    SparkSession spark = SparkSession.active();

    try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:oracle;DB_CLOSE_DELAY=-1")) {
      for (Table table : Catalog.tables()) {
        load(h2, table, spark.read().format("delta").load(lake.resolve("silver").resolve(table.name()).toString()));
      }
      for (String gold : GoldQuery.TABLES) {
        List<String> ours = normalise(spark.read().format("delta")
            .load(lake.resolve("gold").resolve(gold).toString()).collectAsList());
        List<String> theirs = query(h2, resource("oracle/" + gold + ".sql"));
        assertEquals(theirs.size(), ours.size(), gold + " row count");
        assertEquals(theirs, ours, gold + " differs from the H2 computation");
      }
      assertInvariants(h2, spark, lake);
    }
  }

  private static void assertInvariants(Connection h2, SparkSession spark, Path lake) throws SQLException {
    Dataset<Row> aov = spark.read().format("delta").load(lake.resolve("gold/AverageOrderValue").toString());
    Row sums = aov.selectExpr("SUM(OrderCount)", "SUM(TotalSales)").first();
    assertEquals(query(h2, "SELECT COUNT(*), CAST(SUM(COALESCE(Amount, 0)) AS DECIMAL(18, 2)) FROM OnlineTransactions"),
        List.of(sums.get(0) + "|" + ((BigDecimal) sums.get(1)).toPlainString()), "AOV adds up to silver orders");
    Dataset<Row> peaks = spark.read().format("delta").load(lake.resolve("gold/PeakTimes").toString());
    for (String[] channel : new String[][] {{"Online", "OnlineTransactions"}, {"InStore", "InStoreTransactions"}}) {
      long counted = peaks.filter("Channel = '" + channel[0] + "'").selectExpr("SUM(TransactionCount)").first()
          .getLong(0);
      assertEquals(query(h2, "SELECT COUNT(*) FROM " + channel[1] + " WHERE DateTime IS NOT NULL"),
          List.of(Long.toString(counted)), channel[0] + " peak counts add up");
    }
    Dataset<Row> segments = spark.read().format("delta").load(lake.resolve("gold/CustomerSegmentation").toString());
    assertEquals(query(h2, "SELECT COUNT(*) FROM Customers"), List.of(Long.toString(segments.count())));
    assertEquals(segments.count(), segments.select("CustomerID").distinct().count(), "one row per customer");
    assertTrue(segments.filter("CustomerSegment = 'High-Value Customer'").count() > 0);
    assertTrue(segments.filter("PurchaseFrequency = 0").count() > 0, "customers who never bought are there");
    Dataset<Row> profiles = spark.read().format("delta").load(lake.resolve("gold/CustomerProfile").toString());
    assertEquals(0, profiles.join(segments, profiles.col("CustomerID").equalTo(segments.col("CustomerID")), "full_outer")
        .filter(profiles.col("TotalSpend").isNull().or(segments.col("TotalSpend").isNull())
            .or(profiles.col("TotalSpend").notEqual(segments.col("TotalSpend")))
            .or(profiles.col("CustomerSegment").notEqual(segments.col("CustomerSegment")))).count(),
        "CustomerProfile has CustomerSegmentation's customers, spend and segments");
  }

  private static void load(Connection h2, Table table, Dataset<Row> silver) throws SQLException {
    StringBuilder ddl = new StringBuilder("CREATE TABLE " + table.name() + " (");
    for (Column c : table.columns()) {
      ddl.append(c.name()).append(' ').append(h2Type(c.type())).append(", ");
    }
    ddl.setLength(ddl.length() - 2);
    try (Statement s = h2.createStatement()) {
      s.execute(ddl.append(')').toString());
      for (ForeignKey fk : table.foreignKeys()) {
        s.execute("CREATE INDEX ON " + table.name() + "(" + fk.column() + ")");
      }
    }
    String insert = "INSERT INTO " + table.name() + " VALUES ("
        + table.columns().stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
    String[] columns = table.columnNames().toArray(new String[0]);
    try (PreparedStatement p = h2.prepareStatement(insert)) {
      int batched = 0;
      for (Row row : silver.select(columns[0], java.util.Arrays.copyOfRange(columns, 1, columns.length))
          .collectAsList()) {
        for (int i = 0; i < columns.length; i++) {
          p.setObject(i + 1, row.get(i));
        }
        p.addBatch();
        if (++batched % 5000 == 0) {
          p.executeBatch();
        }
      }
      p.executeBatch();
    }
  }

  private static String h2Type(ColumnType type) {
    switch (type.kind()) {
      case DATETIME:
        return "TIMESTAMP";
      default:
        return type.toString();
    }
  }

  /** Runs the statements of {@code script} (separated by ";") and returns the last one's rows as text. */
  private static List<String> query(Connection h2, String script) throws SQLException {
    String[] statements = script.split(";\\s*\\n");
    try (Statement s = h2.createStatement()) {
      for (int i = 0; i < statements.length - 1; i++) {
        s.execute(statements[i]);
      }
    }
    String sql = statements[statements.length - 1];
    List<String> rows = new ArrayList<>();
    try (Statement s = h2.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> values = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          // Wall-clock timestamps as LocalDateTime, like Spark's TIMESTAMP_NTZ: no zone on either side.
          values.add(rs.getMetaData().getColumnType(i) == java.sql.Types.TIMESTAMP
              ? rs.getObject(i, java.time.LocalDateTime.class) : rs.getObject(i));
        }
        rows.add(text(values));
      }
    }
    rows.sort(null);
    return rows;
  }

  private static List<String> normalise(List<Row> rows) {
    List<String> texts = new ArrayList<>();
    for (Row row : rows) {
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < row.length(); i++) {
        values.add(row.get(i));
      }
      texts.add(text(values));
    }
    texts.sort(null);
    return texts;
  }

  /** One comparable text per row: decimals without exponent, integers of any width alike. */
  private static String text(List<Object> values) {
    return values.stream().map(v -> v instanceof BigDecimal ? ((BigDecimal) v).toPlainString()
        : v instanceof Number ? Long.toString(((Number) v).longValue()) : String.valueOf(v))
        .collect(Collectors.joining("|"));
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = GoldStageAtScaleTest.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
