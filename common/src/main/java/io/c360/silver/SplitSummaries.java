package io.c360.silver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Summarises each file split Spark reads, for {@link BronzeReader} to plan a file read as several splits: its
 * physical lines, and how it leaves a record open ({@link RecordJoiner#next}) for every way it can be entered.
 * A split's readers cannot know what the splits before it left open, so this is computed for each entry state
 * (0 to {@code max-record-lines - 1} open lines) in one scan, and the driver chains the splits.
 *
 * <p>Input rows: (line bytes, file URI, split start); output: (file URI, split start, lines, exit states).
 */
final class SplitSummaries implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  static final StructType SCHEMA = new StructType()
      .add("file", DataTypes.StringType, false)
      .add("start", DataTypes.LongType, false)
      .add("lines", DataTypes.LongType, false)
      .add("exits", DataTypes.StringType, false);

  private final BronzeFormat format;

  SplitSummaries(BronzeFormat format) {
    this.format = format;
  }

  /** The exit states of a summary row, indexed by entry state. */
  static int[] exits(Row summary) {
    return Arrays.stream(summary.getString(3).split(",")).mapToInt(Integer::parseInt).toArray();
  }

  @Override
  public Iterator<Row> call(Iterator<Row> lines) {
    LineDecoder decoder = format.decoder();
    int max = format.maxRecordLines();
    List<Row> summaries = new ArrayList<>();
    String file = null;
    long start = -1;
    long count = 0;
    int[] states = null;
    while (lines.hasNext()) {
      Row line = lines.next();
      if (file == null || line.getLong(2) != start || !line.getString(1).equals(file)) {
        if (file != null) {
          summaries.add(summary(file, start, count, states));
        }
        file = line.getString(1);
        start = line.getLong(2);
        count = 0;
        states = new int[max];
        Arrays.setAll(states, i -> i);
      }
      if (start != 0 || count > 0) { // not the header
        byte[] bytes = (byte[]) line.get(0);
        // A line without a quote moves every state as an empty one does (ends nothing, opens nothing): most lines
        // need no decoding. The quote is the byte '"' in every charset silver accepts.
        RecordJoiner.advance(states, hasQuote(bytes) ? decoder.decode(bytes).text() : "", max);
      }
      count++;
    }
    if (file != null) {
      summaries.add(summary(file, start, count, states));
    }
    return summaries.iterator();
  }

  private static boolean hasQuote(byte[] bytes) {
    for (byte b : bytes) {
      if (b == '"') {
        return true;
      }
    }
    return false;
  }

  private static Row summary(String file, long start, long count, int[] states) {
    return RowFactory.create(file, start, count,
        Arrays.stream(states).mapToObj(Integer::toString).collect(Collectors.joining(",")));
  }
}
