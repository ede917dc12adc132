package io.c360.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** People get lines and tables, machines one JSON object with the values and tables and no lines. */
class CommandOutputTest {

  private static String render(boolean json) {
    StringWriter text = new StringWriter();
    TextTable table = new TextTable("run", "started (UTC)", "error").right(0);
    table.row(12L, "2025-03-01 10:00:00", "").row(3L, "2025-02-01 09:00:00", "disk full");
    int exit = new CommandOutput(new PrintWriter(text), json).value("lake", "/l").line("lake %s", "/l")
        .table("runs", table).finish(7);
    assertEquals(7, exit);
    return text.toString();
  }

  @Test
  void textHasTheLinesAndTheTable() {
    assertEquals(String.join(System.lineSeparator(), "lake /l", "run  started (UTC)        error",
        " 12  2025-03-01 10:00:00  ", "  3  2025-02-01 09:00:00  disk full", ""), render(false));
  }

  @Test
  void jsonHasTheValuesAndTheRowsKeyedBySnakeCaseColumnsWithNumbersAsNumbersAndEmptyAsNull() throws Exception {
    JsonNode json = new ObjectMapper().readTree(render(true));
    assertEquals(new ObjectMapper().readTree("{\"lake\": \"/l\", \"runs\": ["
        + "{\"run\": 12, \"started_utc\": \"2025-03-01 10:00:00\", \"error\": null},"
        + "{\"run\": 3, \"started_utc\": \"2025-02-01 09:00:00\", \"error\": \"disk full\"}]}"), json);
  }
}
