package io.c360.cli;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.silver.QuarantineSchema;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** {@code c360 quarantine} shows rejected rows, filtered by table and reason, and agrees with the quarantine table. */
class QuarantineCommandTest {

  @Test
  void helpExitsZero() {
    ReportTestLake.Result help = ReportTestLake.execute("quarantine", "--help");
    assertEquals(C360.OK, help.exit, help.toString());
    assertTrue(help.out.contains("Usage: c360 quarantine") && help.out.contains("--reason"), help.out);
  }

  @Test
  void unknownTableExitsTwoNamingTheValidTables() {
    ReportTestLake.Result result = ReportTestLake.execute("quarantine", "--table", "Orders");
    assertEquals(C360.USAGE, result.exit, result.toString());
    assertTrue(result.err.contains("unknown table 'Orders'"), result.err);
    assertTrue(result.err.contains("Customers, Products, Stores, Agents, OnlineTransactions, InStoreTransactions, "
        + "CustomerServiceInteractions, LoyaltyAccounts, LoyaltyTransactions"), result.err);
  }

  @Test
  void filteredByReasonListsOnlyThatReasonAsManyRowsAsTheQuarantineTableHas() {
    String lake = ReportTestLake.get().toString();
    Dataset<Row> quarantine = SparkSession.active().read().format("delta").load(lake + "/quarantine");

    long malformed = quarantine.filter(col(QuarantineSchema.REASON).equalTo("MALFORMED")).count();
    assertTrue(malformed > 0, "the dirty lake has malformed lines");
    ReportTestLake.Result result = ReportTestLake.execute(
        ReportTestLake.args("quarantine", "--reason", "malformed", "--limit", "100000"));
    assertEquals(C360.OK, result.exit, result.toString());
    assertTrue(result.out.contains(malformed + " quarantined rows with reason malformed"), result.out);
    List<String> rows = listed(result.out);
    assertEquals(malformed, rows.size(), result.out);
    assertTrue(rows.stream().allMatch(r -> r.split("\\s+")[1].equals("MALFORMED")), result.out);

    long orphans = quarantine.filter(col(QuarantineSchema.TABLE_NAME).equalTo("OnlineTransactions")
        .and(col(QuarantineSchema.REASON).startsWith("ORPHAN:"))).count();
    ReportTestLake.Result family = ReportTestLake.execute(ReportTestLake.args("quarantine", "--table",
        "onlinetransactions", "--reason", "ORPHAN", "--limit", "100000"));
    assertEquals(C360.OK, family.exit, family.toString());
    List<String> orphanRows = listed(family.out);
    assertEquals(orphans, orphanRows.size(), family.out);
    assertTrue(orphanRows.stream().allMatch(r -> r.startsWith("OnlineTransactions  ORPHAN:")), family.out);
    assertTrue(orphanRows.get(0).contains("OnlineTransactions/2025-"), "source file: " + orphanRows.get(0));
  }

  @Test
  void jsonCarriesTheTotalTheCountsByReasonAndTheRows() throws Exception {
    String lake = ReportTestLake.get().toString();
    Dataset<Row> quarantine = SparkSession.active().read().format("delta").load(lake + "/quarantine")
        .filter(col(QuarantineSchema.TABLE_NAME).equalTo("Customers"));
    long customers = quarantine.count();
    ReportTestLake.Result result = ReportTestLake.execute(
        ReportTestLake.args("quarantine", "--table", "Customers", "--limit", "2", "--json"));
    assertEquals(C360.OK, result.exit, result.toString());
    com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(result.out);
    assertEquals(customers, json.get("total").asLong());
    long byReason = 0;
    for (com.fasterxml.jackson.databind.JsonNode r : json.get("by_reason")) {
      assertEquals("Customers", r.get("table").asText());
      assertEquals(quarantine.filter(col(QuarantineSchema.REASON).equalTo(r.get("reason").asText())).count(),
          r.get("rows").asLong());
      byReason += r.get("rows").asLong();
    }
    assertEquals(customers, byReason);
    assertEquals(2, json.get("rows").size(), result.out);
    com.fasterxml.jackson.databind.JsonNode first = json.get("rows").get(0);
    assertTrue(first.get("line").isNumber() && first.get("file").asText().startsWith("Customers")
        && first.has("raw_line"), result.out);
  }

  @Test
  void aFiveMegabyteRawLineIsShownShortenedWithItsLengthAndKeptWholeInTheQuarantine(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path tmp) throws Exception {
    java.nio.file.Path lake = tmp.resolve("lake");
    String line = "7," + "N".repeat(5 * 1024 * 1024) + ",n@x.com,addr";
    java.nio.file.Files.createDirectories(lake.resolve("bronze"));
    java.nio.file.Files.writeString(lake.resolve("bronze/Customers.csv"),
        "CustomerID,Name,Email,Address\n1,Ann,a@x.com,addr\n" + line + "\n");
    assertEquals(C360.OK, C360.execute(ReportTestLake.args(lake, "run", "--stages", "silver")));
    Row kept = SparkSession.active().read().format("delta").load(lake + "/quarantine").first();
    assertEquals(line, kept.getAs(QuarantineSchema.RAW_LINE), "the quarantine keeps the raw line whole");

    ReportTestLake.Result text = ReportTestLake.execute(ReportTestLake.args(lake, "quarantine"));
    assertEquals(C360.OK, text.exit, text.toString());
    String shown = listed(text.out).get(0);
    String length = String.format(java.util.Locale.ROOT, "%,d", line.length());
    assertTrue(shown.endsWith("7,NNNN" + "N".repeat(194) + "… (" + length + " chars)"),
        () -> shown.substring(0, Math.min(shown.length(), 400)));
    assertTrue(shown.length() < 400, "shortened: " + shown.length() + " chars");

    ReportTestLake.Result json = ReportTestLake.execute(ReportTestLake.args(lake, "quarantine", "--json"));
    assertEquals(C360.OK, json.exit, json.toString());
    com.fasterxml.jackson.databind.JsonNode row = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(json.out).get("rows").get(0);
    assertEquals(line.substring(0, 200), row.get("raw_line").asText());
    assertEquals(line.length(), row.get("raw_line_chars").asLong());
    assertTrue(json.out.length() < 4000, "the JSON is shortened too: " + json.out.length() + " chars");
  }

  /** The listed rows: the lines after the "rows:" heading. */
  private static List<String> listed(String out) {
    List<String> lines = out.lines().collect(Collectors.toList());
    int heading = lines.indexOf("rows:");
    assertTrue(heading >= 0, out);
    return lines.subList(heading + 2, lines.size());
  }
}
