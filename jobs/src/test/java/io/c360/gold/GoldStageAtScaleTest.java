package io.c360.gold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.bench.Bench;
import io.c360.cli.C360;
import io.c360.generate.Generator;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gold on generated dirty data at scale 1,000: the §5 invariants hold, and H2, running queries written
 * separately (test resources {@code oracle/}), computes the same gold tables row for row from the same silver.
 * This test runs with Spark's code generation on, as users run it; the other tests of the build evaluate
 * expressions interpreted (pom.xml, {@code spark.test.interpreted}).
 */
class GoldStageAtScaleTest {
  /** Spark's own defaults for what pom.xml's spark.test.interpreted turns off. */
  private static final Map<String, String> CODE_GENERATION =
      Map.of("spark.sql.codegen.wholeStage", "true", "spark.sql.codegen.factoryMode", "FALLBACK");

  @TempDir
  Path tmp;

  @AfterEach
  void interpretedAgain() {
    // The session outlives this test: the next test class of this JVM gets the build's setting back.
    if (SparkSession.getActiveSession().isEmpty()) {
      return;
    }
    SparkSession spark = SparkSession.getActiveSession().get();
    for (String key : CODE_GENERATION.keySet()) {
      String build = System.getProperty(key);
      if (build == null) {
        spark.conf().unset(key);
      } else {
        spark.conf().set(key, build);
      }
    }
  }

  @Test
  void goldAtScale1000HoldsTheInvariantsAndEqualsAnIndependentH2Computation() throws Exception {
    Path lake = tmp.resolve("lake");
    Generator.create().scale(1000).seed(7).dirty(true).outputDirectory(lake.resolve("bronze")).execute();
    Path conf = tmp.resolve("codegen.conf");
    StringBuilder settings = new StringBuilder("c360.spark.conf {");
    CODE_GENERATION.forEach((key, value) -> settings.append(" \"").append(key).append("\" = \"").append(value)
        .append("\","));
    Files.writeString(conf, settings.deleteCharAt(settings.length() - 1).append(" }\n").toString());
    assertEquals(C360.OK, C360.execute("run", "--stages", "silver,gold", "--conf", conf.toString(),
        "-Dc360.lake.root=" + lake, "-Dc360.spark.shuffle-partitions=2", "-Dc360.spark.master=local[2]"));
    SparkSession spark = SparkSession.active();
    CODE_GENERATION.forEach((key, value) -> assertEquals(value, spark.conf().get(key), key));
    assertEqualsH2(spark, lake, "full run");

    // About 1% new rows as new files, as the benchmark adds them: gold follows silver's change data feed, and
    // must still equal H2's computation from all of the new silver, row for row.
    assertTrue(Bench.addIncrementalFiles(lake.resolve("bronze"), 6_000) > 5_000, "new rows written");
    assertEquals(C360.OK, C360.execute("run", "--stages", "silver,gold", "--conf", conf.toString(),
        "-Dc360.lake.root=" + lake, "-Dc360.spark.shuffle-partitions=2", "-Dc360.spark.master=local[2]"));
    assertEqualsH2(spark, lake, "after a 1% drop (incremental)");
  }

  private static void assertEqualsH2(SparkSession spark, Path lake, String when) throws SQLException {
    try (H2Oracle h2 = H2Oracle.ofSilver(spark, lake)) {
      for (String gold : GoldQuery.TABLES) {
        List<String> ours = H2Oracle.rows(spark.read().format("delta")
            .load(lake.resolve("gold").resolve(gold).toString()).collectAsList());
        List<String> theirs = h2.gold(gold);
        assertEquals(theirs.size(), ours.size(), gold + " row count, " + when);
        assertEquals(theirs, ours, gold + " differs from the H2 computation, " + when);
      }
      assertInvariants(h2, spark, lake);
    }
  }

  private static void assertInvariants(H2Oracle h2, SparkSession spark, Path lake) throws SQLException {
    Dataset<Row> aov = spark.read().format("delta").load(lake.resolve("gold/AverageOrderValue").toString());
    Row sums = aov.selectExpr("SUM(OrderCount)", "SUM(TotalSales)").first();
    assertEquals(h2.query("SELECT COUNT(*), CAST(SUM(COALESCE(Amount, 0)) AS DECIMAL(18, 2)) FROM OnlineTransactions"),
        List.of(sums.get(0) + "|" + ((BigDecimal) sums.get(1)).toPlainString()), "AOV adds up to silver orders");
    Dataset<Row> peaks = spark.read().format("delta").load(lake.resolve("gold/PeakTimes").toString());
    for (String[] channel : new String[][] {{"Online", "OnlineTransactions"}, {"InStore", "InStoreTransactions"}}) {
      long counted = peaks.filter("Channel = '" + channel[0] + "'").selectExpr("SUM(TransactionCount)").first()
          .getLong(0);
      assertEquals(h2.query("SELECT COUNT(*) FROM " + channel[1] + " WHERE DateTime IS NOT NULL"),
          List.of(Long.toString(counted)), channel[0] + " peak counts add up");
    }
    Dataset<Row> segments = spark.read().format("delta").load(lake.resolve("gold/CustomerSegmentation").toString());
    assertEquals(h2.query("SELECT COUNT(*) FROM Customers"), List.of(Long.toString(segments.count())));
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
}
