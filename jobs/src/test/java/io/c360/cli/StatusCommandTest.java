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
  void durationsReadLikeAClock() {
    assertEquals("1.5 s", StatusCommand.duration("2025-01-01T00:00:00Z", "2025-01-01T00:00:01.500Z"));
    assertEquals("4 min 05 s", StatusCommand.duration("2025-01-01T00:00:00Z", "2025-01-01T00:04:05Z"));
    assertEquals("2 h 03 min", StatusCommand.duration("2025-01-01T00:00:00Z", "2025-01-01T02:03:59Z"));
    assertEquals("-", StatusCommand.duration("2025-01-01T00:00:00Z", null));
  }
}
