package io.c360.silver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class SplitSummariesTest {

  private static Row line(String text, String file, long start) {
    return RowFactory.create(text.getBytes(StandardCharsets.UTF_8), file, start);
  }

  private static List<Row> summarise(int maxLines, Row... lines) {
    List<Row> out = new ArrayList<>();
    new SplitSummaries(new BronzeFormat("UTF-8", maxLines)).call(List.of(lines).iterator()).forEachRemaining(out::add);
    return out;
  }

  @Test
  void eachSplitGetsItsLineCountAndItsExitStateForEveryEntryState() {
    List<Row> out = summarise(4,
        line("CustomerID,Name,Email,Address", "a", 0), // the header moves nothing
        line("1,Ann,a@x.com,\"open", "a", 0),
        line("2,Bob,b@x.com,addr", "a", 100),
        line("closes\",x", "a", 100),
        line("", "a", 100),
        line("3,Cy,c@x.com,addr", "b", 0));
    assertEquals(3, out.size());
    assertEquals("a", out.get(0).getString(0));
    assertEquals(0L, out.get(0).getLong(1));
    assertEquals(2L, out.get(0).getLong(2));
    // From the start, the open quote leaves 1 line open; entered open, that line closes the record.
    assertArrayEquals(new int[] {1, 0, 0, 0}, SplitSummaries.exits(out.get(0)));
    assertEquals(100L, out.get(1).getLong(1));
    assertEquals(3L, out.get(1).getLong(2));
    // Entered at a boundary: nothing opens. Entered with 1 or 2 open lines: the second line closes the record.
    // Entered with 3: the limit of 4 lines spoils it on the first line, and "closes\",x" then opens nothing.
    assertArrayEquals(new int[] {0, 0, 0, 0}, SplitSummaries.exits(out.get(1)));
    assertEquals(1L, out.get(2).getLong(2));
    assertArrayEquals(new int[] {0, 1, 2, 3}, SplitSummaries.exits(out.get(2)), "a header moves no state");
  }

  @Test
  void linesWithoutQuotesKeepARecordOpenUpToTheLimit() {
    List<Row> out = summarise(4, line("plain", "a", 10), line("plain", "a", 10));
    assertArrayEquals(new int[] {0, 3, 0, 0}, SplitSummaries.exits(out.get(0)));
  }
}
