package io.c360.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.c360.catalog.Catalog;
import io.c360.catalog.Table;
import io.c360.gold.GoldQuery;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code c360 demo} from an empty lake to a report, and again on the finished lake. */
class DemoCommandTest {

  @TempDir
  Path tmp;

  @Test
  void theDemoEndsWithAReportADatabaseEqualToTheLakeAndAPowerBiFile() throws Exception {
    Path lake = ReportTestLake.get();
    ReportTestLake.Result demo = ReportTestLake.demo();
    assertTrue(demo.out.contains("silver  Customers:"), "progress per table\n" + demo);
    assertTrue(demo.out.contains("publish gold.PeakTimes: replaced"), demo.toString());
    Path report = Path.of(printed(demo.out, "report"));
    assertTrue(Files.readString(report).contains("echarts"), "the report inlines its charts library");
    JsonNode pbids = new ObjectMapper().readTree(Path.of(printed(demo.out, "power bi")).toFile());
    JsonNode details = pbids.get("connections").get(0).get("details");
    assertEquals("postgresql", details.get("protocol").asText(), "H2 is served to Power BI over its PG protocol");
    assertEquals(lake.resolve("database/c360").toString(), details.get("address").get("database").asText());
    assertTrue(Files.exists(Path.of(printed(demo.out, "summary"))), demo.toString());

    SparkSession spark = SparkSession.active();
    try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + lake.resolve("database/c360")
        + ";MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;CASE_INSENSITIVE_IDENTIFIERS=TRUE", "sa", "");
        Statement s = db.createStatement()) {
      for (Table table : Catalog.tables()) {
        assertEquals(spark.read().format("delta").load(lake.resolve("silver").resolve(table.name()).toString())
            .count(), count(s, "\"" + table.name() + "\""), table.name());
      }
      for (String gold : GoldQuery.TABLES) {
        assertEquals(spark.read().format("delta").load(lake.resolve("gold").resolve(gold).toString()).count(),
            count(s, "\"" + GoldQuery.targetView(gold) + "\""), gold);
      }
    }
  }

  @Test
  void runningTheDemoAgainChangesNeitherSilverNorTheDatabase() throws Exception {
    Path copy = tmp.resolve("lake");
    copyTree(ReportTestLake.get(), copy);
    Map<String, Long> versions = silverVersions(copy);

    ReportTestLake.Result again = ReportTestLake.execute(ReportTestLake.args(copy, "demo"));

    assertEquals(C360.OK, again.exit, again.toString());
    assertEquals(versions, silverVersions(copy), "the regenerated files are the same bytes: nothing to ingest");
    JsonNode summary = new ObjectMapper().readTree(Path.of(printed(again.out, "summary")).toFile());
    for (JsonNode table : summary.get("silver")) {
      assertEquals(0, table.get("read").asLong(), table.toString());
      assertEquals("unchanged", table.get("publish_mode").asText(), table.toString());
    }
  }

  private static long count(Statement s, String table) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The value of a "label   value" line of the demo's closing block. */
  private static String printed(String out, String label) {
    Matcher m = Pattern.compile("(?m)^" + label + " +(\\S.*)$").matcher(out);
    assertTrue(m.find(), "no '" + label + "' line in\n" + out);
    return m.group(1).strip();
  }

  private static Map<String, Long> silverVersions(Path lake) {
    Map<String, Long> versions = new HashMap<>();
    for (Table table : Catalog.tables()) {
      versions.put(table.name(), DeltaTable.forPath(SparkSession.active(), lake.resolve("silver")
          .resolve(table.name()).toString()).history(1).first().<Long>getAs("version"));
    }
    return versions;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
