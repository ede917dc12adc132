package io.c360.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.catalog.Catalog;
import io.c360.catalog.Table;
import io.c360.cli.C360;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline on a {@code wasb://} lake in Azurite (DESIGN §10): bronze uploaded to blob storage, silver and gold
 * Delta tables written there and read back, row for row equal to the same run on local disk.
 */
class AzuriteLakeTest {
  private static final String[] GOLD = {"AverageOrderValue", "CustomerSegmentation", "PeakTimes",
      "AgentPerformance", "CustomerProfile"};
  private static Azurite azurite;

  @TempDir
  Path tmp;

  @BeforeAll
  static void startAzurite() throws Exception {
    azurite = Azurite.start(Paths.get("target", "azurite").toAbsolutePath());
  }

  @AfterAll
  static void stopAzurite() {
    if (azurite != null) {
      azurite.close();
    }
  }

  private static int run(String lakeRoot, String... extra) {
    List<String> args = new ArrayList<>(List.of("run", "--stages", "silver,gold", "-Dc360.lake.root=" + lakeRoot,
        "-Dc360.spark.shuffle-partitions=2", "-Dc360.spark.master=local[2]"));
    args.addAll(List.of(extra));
    return C360.execute(args.toArray(new String[0]));
  }

  @Test
  void silverAndGoldOnWasbEqualTheSameRunOnLocalDisk() throws Exception {
    Path bronze = tmp.resolve("local/bronze");
    assertEquals(C360.OK, C360.execute("generate", "--scale", "1", "--seed", "7", "--dirty", "--out",
        bronze.toString()));
    String container = "c360-" + Long.toString(System.nanoTime(), 36).toLowerCase(Locale.ROOT);
    azurite.createContainer(container);
    String remote = "wasb://" + container + "@" + Azurite.ACCOUNT_HOST + "/c360";
    upload(bronze, remote + "/bronze");

    assertEquals(C360.OK, run(tmp.resolve("local").toString()));
    assertEquals(C360.OK, run(remote, "-Dc360.storage.auth=emulator"));

    SparkSession spark = SparkSession.active();
    String local = tmp.resolve("local").toUri().toString();
    for (Table table : Catalog.tables()) {
      assertSameRows(spark, local + "/silver/" + table.name(), remote + "/silver/" + table.name());
    }
    for (String gold : GOLD) {
      assertSameRows(spark, local + "/gold/" + gold, remote + "/gold/" + gold);
    }
    assertSameRows(spark, local + "/quarantine", remote + "/quarantine");
  }

  private static void upload(Path localDir, String target) throws IOException {
    Configuration conf = new Configuration();
    conf.set(AzureStorage.EMULATOR_ACCOUNT_KEY, Azurite.ACCOUNT_HOST);
    try (FileSystem fs = FileSystem.newInstance(URI.create(target), conf)) {
      fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(localDir.toUri()),
          new org.apache.hadoop.fs.Path(target));
    }
  }

  /** Small tables: both sides collected once, rows in a canonical order, compared whole. */
  private static void assertSameRows(SparkSession spark, String expectedPath, String actualPath) {
    List<String> expected = rows(spark.read().format("delta").load(expectedPath));
    assertTrue(!expected.isEmpty(), expectedPath + " is empty");
    assertEquals(expected, rows(spark.read().format("delta").load(actualPath)), actualPath);
  }

  private static List<String> rows(Dataset<Row> table) {
    List<String> rows = new ArrayList<>();
    for (Row row : table.collectAsList()) {
      rows.add(row.toString());
    }
    java.util.Collections.sort(rows);
    return rows;
  }
}
