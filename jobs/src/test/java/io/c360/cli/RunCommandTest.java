package io.c360.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.catalog.Catalog;
import io.c360.catalog.Table;
import io.c360.generate.Generator;
import io.c360.generate.Manifest;
import io.c360.ledger.LedgerSchema.Tables;
import io.c360.silver.QuarantineSchema;
import io.delta.tables.DeltaTable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code c360 run --stages silver} on generated dirty data must land exactly where the generator's manifest
 * says: two independent accounts of the same rules (the generator's bookkeeping and the Spark pipeline).
 */
class RunCommandTest {

  @TempDir
  Path tmp;

  private int run(Path lake, String... extra) {
    String[] args = new String[] {"run", "--stages", "silver", "-Dc360.lake.root=" + lake,
        "-Dc360.spark.shuffle-partitions=2", "-Dc360.spark.master=local[2]"};
    String[] all = java.util.Arrays.copyOf(args, args.length + extra.length);
    System.arraycopy(extra, 0, all, args.length, extra.length);
    return C360.execute(all);
  }

  @Test
  void dirtyScale100ReconcilesExactlyWithTheManifestAndARerunChangesNothing() throws IOException {
    Path lake = tmp.resolve("lake");
    Manifest manifest = Generator.create().scale(100).seed(42).dirty(true)
        .outputDirectory(lake.resolve("bronze")).execute();

    assertEquals(C360.OK, run(lake));

    SparkSession spark = SparkSession.active();
    Map<String, Long> versions = new HashMap<>();
    Map<String, Map<String, Long>> quarantined = new HashMap<>();
    for (Row r : spark.read().format("delta").load(lake.resolve("quarantine").toString())
        .groupBy(QuarantineSchema.TABLE_NAME, QuarantineSchema.REASON).count().collectAsList()) {
      quarantined.computeIfAbsent(r.getString(0), t -> new TreeMap<>()).put(r.getString(1), r.getLong(2));
    }
    Map<String, Row> ledger = new HashMap<>();
    for (Row r : spark.read().format("delta").load(lake.resolve("_ledger/tables").toString())
        .filter(col(Tables.RUN_ID).equalTo(1)).collectAsList()) {
      ledger.put(r.getAs(Tables.TABLE_NAME), r);
    }
    for (Table table : Catalog.tables()) {
      String name = table.name();
      String silver = lake.resolve("silver").resolve(name).toString();
      assertEquals(manifest.silver(name), spark.read().format("delta").load(silver).count(), name + " silver rows");
      assertEquals(manifest.quarantined(name), quarantined.getOrDefault(name, Map.of()), name + " quarantine");
      Row counts = ledger.get(name);
      assertEquals(manifest.rows(name), counts.<Long>getAs(Tables.ROWS_READ), name + " rows read");
      assertEquals(manifest.duplicates(name), counts.<Long>getAs(Tables.DUPLICATES), name + " duplicates");
      assertEquals(manifest.warnings(name), new TreeMap<>(counts.<String, Long>getJavaMap(
          counts.fieldIndex(Tables.WARNINGS))), name + " warnings");
      versions.put(name, DeltaTable.forPath(spark, silver).history(1).first().<Long>getAs("version"));
    }

    assertSummaryEqualsLedger(spark, lake, 1);

    assertEquals(C360.OK, run(lake));
    for (Table table : Catalog.tables()) {
      String silver = lake.resolve("silver").resolve(table.name()).toString();
      assertEquals(versions.get(table.name()),
          DeltaTable.forPath(spark, silver).history(1).first().<Long>getAs("version"), "rerun changed " + table);
    }
  }

  /** The names of the tables (not temporary views) in database c360, sorted. */
  private static java.util.List<String> registered(SparkSession spark) {
    java.util.List<String> names = new java.util.ArrayList<>();
    for (Row r : spark.sql("SHOW TABLES IN c360").collectAsList()) {
      if ("c360".equals(r.getString(0)) && !r.getBoolean(2)) {
        names.add(r.getString(1).toLowerCase(java.util.Locale.ROOT));
      }
    }
    java.util.Collections.sort(names);
    return names;
  }

  /** The run's JSON summary carries the very counts the ledger recorded for that run, table by table. */
  private static void assertSummaryEqualsLedger(SparkSession spark, Path lake, long runId) throws IOException {
    JsonNode summary = new ObjectMapper().readTree(lake.resolve("_ledger/summaries/run-" + runId + ".json").toFile());
    assertEquals(runId, summary.get("run_id").asLong());
    assertEquals("SUCCEEDED", summary.get("outcome").asText());
    Map<String, Row> ledger = new HashMap<>();
    for (Row r : spark.read().format("delta").load(lake.resolve("_ledger/tables").toString())
        .filter(col(Tables.RUN_ID).equalTo(runId)).groupBy(Tables.TABLE_NAME)
        .agg(sum(Tables.ROWS_READ).as("read"), sum(Tables.READMITTED).as("readmitted"),
            sum(Tables.UPSERTED).as("upserted"), sum(Tables.DUPLICATES).as("duplicates"),
            sum(Tables.QUARANTINED).as("quarantined"))
        .collectAsList()) {
      ledger.put(r.getAs(Tables.TABLE_NAME), r);
    }
    assertEquals(Catalog.tables().size(), summary.get("silver").size());
    for (JsonNode table : summary.get("silver")) {
      Row expected = ledger.get(table.get("table").asText());
      for (String count : new String[] {"read", "readmitted", "upserted", "duplicates", "quarantined"}) {
        assertEquals(expected.<Long>getAs(count), table.get(count).asLong(), table.get("table") + " " + count);
      }
    }
  }

  @Test
  void withADatabaseSilverGoldAndQuarantineAreTablesByNameAndARerunLeavesThemAsTheyWere() throws Exception {
    Path lake = tmp.resolve("named-lake");
    Generator.create().scale(1).seed(3).dirty(true).outputDirectory(lake.resolve("bronze")).execute();
    assertEquals(C360.OK, run(lake, "--stages", "silver,gold", "-Dc360.lake.database=c360"));
    SparkSession spark = SparkSession.active();
    for (String[] table : new String[][] {{"Customers", "silver/Customers"}, {"LoyaltyTransactions",
        "silver/LoyaltyTransactions"}, {"CustomerSegmentation", "gold/CustomerSegmentation"},
        {"Quarantine", "quarantine"}}) {
      long byPath = spark.read().format("delta").load(lake.resolve(table[1]).toString()).count();
      assertTrue(byPath > 0, table[1]);
      assertEquals(byPath, spark.sql("SELECT COUNT(*) FROM c360." + table[0]).first().getLong(0), table[0]);
    }
    java.util.List<String> registered = registered(spark);
    java.util.List<String> expected = new java.util.ArrayList<>();
    Catalog.tables().forEach(t -> expected.add(t.name().toLowerCase(java.util.Locale.ROOT)));
    io.c360.gold.GoldQuery.TABLES.forEach(t -> expected.add(t.toLowerCase(java.util.Locale.ROOT)));
    expected.add("quarantine");
    assertTrue(registered.containsAll(expected), registered.toString());
    org.apache.spark.sql.catalyst.TableIdentifier customers =
        new org.apache.spark.sql.catalyst.TableIdentifier("Customers", scala.Option.apply("c360"));
    long created = spark.sessionState().catalog().getTableMetadata(customers).createTime();

    // The rerun with --json: stdout holds the run summary alone, the catalog is left as it was.
    ReportTestLake.Result rerun = ReportTestLake.execute("run", "--stages", "silver,gold", "--json",
        "-Dc360.lake.root=" + lake, "-Dc360.lake.database=c360", "-Dc360.spark.shuffle-partitions=2",
        "-Dc360.spark.master=local[2]");
    assertEquals(C360.OK, rerun.exit, rerun.toString());
    JsonNode summary = new ObjectMapper().readTree(rerun.out);
    assertEquals(2, summary.get("run_id").asLong());
    assertEquals("SUCCEEDED", summary.get("outcome").asText());
    assertEquals(Catalog.tables().size(), summary.get("silver").size());
    assertTrue(rerun.err.contains("tables already registered in c360"), rerun.err);
    assertEquals(created, spark.sessionState().catalog().getTableMetadata(customers).createTime());
    assertEquals(registered, registered(spark), "the rerun registered nothing new");
  }

  @Test
  void aBronzeFileNoTableReadsIsAWarningOnceAndTheRunExitsZero() throws IOException {
    Path lake = tmp.resolve("lake");
    java.nio.file.Files.createDirectories(lake.resolve("bronze"));
    java.nio.file.Files.writeString(lake.resolve("bronze/Products.csv"),
        "ProductID,Name,Category,Price\n1,Lamp,Home Goods,20\n");
    java.nio.file.Files.writeString(lake.resolve("bronze/customers.csv"),
        "CustomerID,Name,Email,Address\n1,A,a@x.com,x\n");
    String warning = "warning: bronze file customers.csv matches no table: expected bronze/<Table>.csv or "
        + "bronze/<Table>/*.csv; did you mean Customers?";
    ReportTestLake.Result first = ReportTestLake.execute(ReportTestLake.args(lake, "run", "--stages", "silver"));
    assertEquals(C360.OK, first.exit, first.toString());
    assertTrue(first.out.contains(warning), first.toString());
    JsonNode summary = new ObjectMapper().readTree(lake.resolve("_ledger/summaries/run-1.json").toFile());
    assertEquals(warning.substring("warning: ".length()), summary.get("warnings").get(0).asText());
    assertEquals(0, summary.get("errors").size());

    ReportTestLake.Result second = ReportTestLake.execute(ReportTestLake.args(lake, "run", "--stages", "silver"));
    assertEquals(C360.OK, second.exit, second.toString());
    assertTrue(!second.out.contains("warning:"), "reported once per version: " + second);
  }

  @Test
  void missingBronzeFolderIsAUsageErrorAndAFailingExpectationExitsOne() {
    assertEquals(C360.USAGE, run(tmp.resolve("empty-lake")));

    Path lake = tmp.resolve("lake");
    Generator.create().scale(1).seed(1).dirty(true).outputDirectory(lake.resolve("bronze")).execute();
    assertEquals(C360.DATA_QUALITY, run(lake, "-Dc360.quality.domain-action=fail"));
  }
}
