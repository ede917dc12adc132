package io.c360.silver;

import java.util.ArrayList;
import java.util.List;

/**
 * Joins the physical lines of bronze text into RFC 4180 records (DESIGN §4 step 2): a line that ends inside a
 * quoted field goes on on the next one, and the record counts once, numbered by its first line. An unterminated
 * quote spoils at most {@code maxLines} lines: each becomes a {@code MALFORMED} row of its own (blank ones are
 * not rows) and joining resumes after them, so one stray quote cannot swallow a file.
 *
 * <p>{@link #next} is the same state machine without the text, for counting how a split of a file leaves it.
 */
final class RecordJoiner {

  /** Receives what the lines make: records to parse, and spoiled lines. */
  interface Sink {
    /** A whole record starting on line {@code line}: {@code text} to parse, {@code raw} to keep; lines joined by LF. */
    void record(long line, String text, String raw);

    /** A line of a record whose quote never closed within the limit. */
    void spoiled(long line, String raw);
  }

  private final int maxLines;
  private final List<LineDecoder.Line> open = new ArrayList<>();
  private long firstLine;

  RecordJoiner(int maxLines) {
    if (maxLines < 1) {
      throw new IllegalArgumentException("a record needs at least 1 line, got max " + maxLines);
    }
    this.maxLines = maxLines;
  }

  /**
   * The state after a line with {@code text} when {@code pending} lines of an open record came before it (0: the
   * line starts a record): 0 when it ends or spoils the record, else the open record's lines so far.
   */
  static int next(int pending, String text, int maxLines) {
    int[] states = {pending};
    advance(states, text, maxLines);
    return states[0];
  }

  /** {@link #next} for several states at once, scanning the line only once: each entry is replaced by its next. */
  static void advance(int[] states, String text, int maxLines) {
    boolean blank = text.isBlank();
    boolean opens = !blank && CsvLine.endsInQuotes(text, false);
    boolean staysOpen = CsvLine.endsInQuotes(text, true);
    for (int i = 0; i < states.length; i++) {
      int pending = states[i];
      boolean goesOn = pending == 0 ? opens : staysOpen;
      states[i] = !goesOn || pending + 1 == maxLines ? 0 : pending + 1;
    }
  }

  /** Lines of the record still open (0 at a record boundary). */
  int pending() {
    return open.size();
  }

  /** Takes physical line number {@code number}. */
  void add(long number, LineDecoder.Line line, Sink sink) {
    int pending = open.size();
    if (pending == 0 && line.text().isBlank()) {
      return;
    }
    boolean goesOn = CsvLine.endsInQuotes(line.text(), pending > 0);
    if (pending == 0 && !goesOn) {
      sink.record(number, line.text(), line.raw());
      return;
    }
    if (pending == 0) {
      firstLine = number;
    }
    open.add(line);
    if (!goesOn) {
      List<String> text = new ArrayList<>();
      List<String> raw = new ArrayList<>();
      for (LineDecoder.Line l : open) {
        text.add(l.text());
        raw.add(l.raw());
      }
      open.clear();
      sink.record(firstLine, String.join("\n", text), String.join("\n", raw));
    } else if (open.size() == maxLines) {
      end(sink);
    }
  }

  /** The file ends (or the limit is reached): the open record's lines are spoiled. */
  void end(Sink sink) {
    for (int i = 0; i < open.size(); i++) {
      if (!open.get(i).text().isBlank()) {
        sink.spoiled(firstLine + i, open.get(i).raw());
      }
    }
    open.clear();
  }
}
