package io.c360.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code c360 status} lists the runs recorded in the ledger, newest first. */
class StatusCommandTest {

  @Test
  void helpExitsZero() {
    ReportTestLake.Result help = ReportTestLake.execute("status", "--help");
    assertEquals(C360.OK, help.exit, help.toString());
    assertTrue(help.out.contains("Usage: c360 status") && help.out.contains("--limit"), help.out);
  }

  @Test
  void listsTheRunsOfTheTestLakeNewestFirstWithOutcomeAndDuration() {
    ReportTestLake.Result status = ReportTestLake.execute(ReportTestLake.args("status"));
    assertEquals(C360.OK, status.exit, status.toString());
    List<String> rows = runRows(status.out);
    assertEquals(2, rows.size(), status.out);
    assertTrue(rows.get(0).matches("\\s*2  " + ReportTestLake.SECOND_RUN + "\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"
        + "\\s+[0-9.]+ (s|min \\d\\d s)\\s+SUCCEEDED\\s*"), rows.get(0));
    assertTrue(rows.get(1).matches("\\s*1  " + ReportTestLake.FIRST_RUN + "\\s+.*\\s+SUCCEEDED\\s*"), rows.get(1));
    assertTrue(status.out.contains("run  command") && status.out.contains("outcome") && status.out.contains("error"),
        status.out);

    ReportTestLake.Result latest = ReportTestLake.execute(ReportTestLake.args("status", "--limit", "1"));
    assertEquals(List.of(rows.get(0).replaceAll("\\s+", " ").strip()),
        runRows(latest.out).stream().map(r -> r.replaceAll("\\s+", " ").strip()).collect(Collectors.toList()),
        latest.out);
    assertEquals(C360.USAGE, ReportTestLake.execute(ReportTestLake.args("status", "--limit", "0")).exit);
  }

  @Test
  void jsonListsTheSameRunsNewestFirstAndNothingElseOnStdout() throws Exception {
    ReportTestLake.Result status = ReportTestLake.execute(ReportTestLake.args("status", "--json"));
    assertEquals(C360.OK, status.exit, status.toString());
    com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(status.out);
    assertEquals(ReportTestLake.get().toUri().getPath().replaceAll("/$", ""),
        java.net.URI.create(json.get("lake").asText()).getPath().replaceAll("/$", ""));
    com.fasterxml.jackson.databind.JsonNode runs = json.get("runs");
    assertEquals(2, runs.size(), status.out);
    assertEquals(2, runs.get(0).get("run").asLong());
    assertTrue(runs.get(0).get("run").isNumber(), status.out);
    assertEquals(ReportTestLake.SECOND_RUN, runs.get(0).get("command").asText());
    assertEquals(ReportTestLake.FIRST_RUN, runs.get(1).get("command").asText());
    assertEquals("SUCCEEDED", runs.get(1).get("outcome").asText());
    assertTrue(runs.get(1).get("error").isNull(), status.out);
    assertTrue(runs.get(1).get("started_utc").asText().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"),
        status.out);
  }

  private static List<String> runRows(String out) {
    return out.lines().filter(l -> l.matches("\\s*\\d+  run .*")).collect(Collectors.toList());
  }

  @Test
  void listsTheBronzeFilesThereButNotIngestedWithTheLedgersMessage(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path tmp) throws java.io.IOException {
    java.nio.file.Path bronze = tmp.resolve("lake/bronze");
    java.nio.file.Files.createDirectories(bronze.resolve("Products"));
    String header = "ProductID,Name,Category,Price\n";
    java.nio.file.Files.writeString(bronze.resolve("Products/a.csv"), header + "1,Lamp,Home Goods,20\n");
    java.nio.file.Files.writeString(bronze.resolve("Products/_late.csv"), header + "2,Book,Books,9\n");
    java.nio.file.Files.writeString(bronze.resolve("Orders.csv"), "x\n");
    ReportTestLake.Result run = ReportTestLake.execute(ReportTestLake.args(tmp.resolve("lake"), "run", "--stages",
        "silver"));
    assertEquals(C360.DATA_QUALITY, run.exit, "a refused file fails the run: " + run);

    ReportTestLake.Result status = ReportTestLake.execute(ReportTestLake.args(tmp.resolve("lake"), "status"));
    assertEquals(C360.OK, status.exit, status.toString());
    List<String> files = status.out.lines().filter(l -> l.startsWith("Orders.csv") || l.startsWith("Products/"))
        .map(l -> l.replaceAll("\\s+", " ").strip()).collect(Collectors.toList());
    assertEquals(List.of(
        "Orders.csv - UNKNOWN 1 bronze file Orders.csv matches no table: expected bronze/<Table>.csv or "
            + "bronze/<Table>/*.csv",
        "Products/_late.csv Products REJECTED 1 bronze file Products/_late.csv: names starting with '_' or '.' are "
            + "hidden from Spark's readers; rename the file"), files, status.out);

    java.nio.file.Files.move(bronze.resolve("Products/_late.csv"), bronze.resolve("Products/late.csv"));
    java.nio.file.Files.delete(bronze.resolve("Orders.csv"));
    ReportTestLake.Result after = ReportTestLake.execute(ReportTestLake.args(tmp.resolve("lake"), "status"));
    assertTrue(!after.out.contains("bronze files not ingested") && after.out.lines()
        .noneMatch(l -> l.startsWith("Orders.csv") || l.startsWith("Products/")), after.out);
  }

  @Test
  void durationsReadLikeAClock() {
    assertEquals("1.5 s", StatusCommand.duration("2025-01-01T00:00:00Z", "2025-01-01T00:00:01.500Z"));
    assertEquals("4 min 05 s", StatusCommand.duration("2025-01-01T00:00:00Z", "2025-01-01T00:04:05Z"));
    assertEquals("2 h 03 min", StatusCommand.duration("2025-01-01T00:00:00Z", "2025-01-01T02:03:59Z"));
    assertEquals("-", StatusCommand.duration("2025-01-01T00:00:00Z", null));
  }
}
