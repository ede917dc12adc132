package io.c360.silver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordJoinerTest {

  /** What the joiner made of {@code lines} (numbered from 2, as after a header): "record 2: text" or "spoiled 3: raw". */
  private static List<String> join(int maxLines, String... lines) {
    List<String> out = new ArrayList<>();
    RecordJoiner.Sink sink = new RecordJoiner.Sink() {
      @Override
      public void record(long line, String text, String raw) {
        out.add("record " + line + ": " + text);
      }

      @Override
      public void spoiled(long line, String raw) {
        out.add("spoiled " + line + ": " + raw);
      }
    };
    RecordJoiner joiner = new RecordJoiner(maxLines);
    int pending = 0;
    for (int i = 0; i < lines.length; i++) {
      joiner.add(i + 2, new LineDecoder.Line(lines[i], lines[i]), sink);
      pending = RecordJoiner.next(pending, lines[i], maxLines);
      assertEquals(pending, joiner.pending(), "next() agrees with the joiner after line " + (i + 2));
    }
    joiner.end(sink);
    return out;
  }

  @Test
  void aQuotedLineBreakMakesOneRecordNumberedByItsFirstLine() {
    assertEquals(List.of("record 2: 1,Ann,a@x.com,\"12 Main St\nApt 4\"", "record 4: 2,Bob,b@x.com,addr"),
        join(32, "1,Ann,a@x.com,\"12 Main St", "Apt 4\"", "2,Bob,b@x.com,addr"));
  }

  @Test
  void blankLinesAreNoRowsButInsideAQuotedFieldTheyAreContent() {
    assertEquals(List.of("record 3: 1,\"a\n\nb\"", "record 7: 2,c"),
        join(32, "", "1,\"a", "", "b\"", "  ", "2,c"));
  }

  @Test
  void anUnterminatedQuoteSpoilsAtMostMaxLinesThenParsingResumes() {
    assertEquals(List.of("spoiled 2: 1,\"open", "spoiled 3: 2,x", "spoiled 5: 3,y", "record 6: 4,z",
        "record 7: 5,\"w\""), join(4, "1,\"open", "2,x", "", "3,y", "4,z", "5,\"w\""));
  }

  @Test
  void aQuoteStillOpenAtTheEndSpoilsItsLines() {
    assertEquals(List.of("record 2: 1,a", "spoiled 3: 2,\"b", "spoiled 4: 3,c"), join(32, "1,a", "2,\"b", "3,c"));
  }

  @Test
  void aClosingQuoteOnTheLimitLineStillEndsTheRecord() {
    assertEquals(List.of("record 2: 1,\"a\nb\nc\""), join(3, "1,\"a", "b", "c\""));
    assertEquals(List.of("spoiled 2: 1,\"a", "spoiled 3: b", "spoiled 4: c", "record 5: d\""),
        join(3, "1,\"a", "b", "c", "d\""), "after the limit the quote that came too late opens nothing");
  }

  @Test
  void advanceMovesEveryEntryStateAtOnce() {
    int[] states = {0, 1, 2, 3};
    RecordJoiner.advance(states, "no quotes", 4);
    assertArrayEquals(new int[] {0, 2, 3, 0}, states);
    states = new int[] {0, 1, 2, 3};
    RecordJoiner.advance(states, "x\",\"y", 4);
    assertArrayEquals(new int[] {1, 2, 3, 0}, states, "from the start, a quote after x opens nothing, the next does");
    states = new int[] {0, 1, 2, 3};
    RecordJoiner.advance(states, "1,\"a", 4);
    assertArrayEquals(new int[] {1, 0, 0, 0}, states);
    states = new int[] {0, 1, 2, 3};
    RecordJoiner.advance(states, "", 4);
    assertArrayEquals(new int[] {0, 2, 3, 0}, states);
  }

  @Test
  void aRecordNeedsAtLeastOneLine() {
    assertThrows(IllegalArgumentException.class, () -> new RecordJoiner(0));
  }
}
