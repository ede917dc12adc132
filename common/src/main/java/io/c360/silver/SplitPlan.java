package io.c360.silver;

import java.io.Serializable;

/**
 * What the reader of one file split must know of the splits before it: how many physical lines they hold (its
 * line numbers follow on), how many lines of a record still open at its start they hold (its first lines
 * finish that record, which the split it began in reads), and where the next split starts (its own last record
 * may go on there).
 */
final class SplitPlan implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A file read as one split. */
  static final SplitPlan WHOLE_FILE = new SplitPlan(0, 0, -1);

  private final long linesBefore;
  private final int openLines;
  private final long nextStart;

  SplitPlan(long linesBefore, int openLines, long nextStart) {
    if (linesBefore < 0 || openLines < 0) {
      throw new IllegalArgumentException("a split has " + linesBefore + " lines and " + openLines
          + " open record lines before it");
    }
    this.linesBefore = linesBefore;
    this.openLines = openLines;
    this.nextStart = nextStart;
  }

  long linesBefore() {
    return linesBefore;
  }

  /** Lines of a record open at the split's start, 0 when a record starts there. */
  int openLines() {
    return openLines;
  }

  /** The byte the file's next split starts at, or -1 for its last split. */
  long nextStart() {
    return nextStart;
  }

  boolean isLast() {
    return nextStart < 0;
  }
}
