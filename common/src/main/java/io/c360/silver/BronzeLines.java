package io.c360.silver;

import io.c360.lake.LakeLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Parses the lines of one Spark partition of bronze text into {@link Candidates}, one per record. Spark's text
 * reader gives no line numbers, but a partition reads each file split from its start in order, so a line's
 * number is the number of physical lines before its split plus its index within the split plus one; the header
 * is the first line of a file's first split. A record whose quoted field holds line breaks ({@link RecordJoiner})
 * is read whole by the split it starts in, reading on into the file past the split's end if it must; the next
 * split skips the lines that finish it ({@link SplitPlan#openLines}).
 *
 * <p>Input rows: (line bytes, file URI, split start). Spark's text source would decode lines as UTF-8 with
 * U+FFFD for bad bytes; the raw bytes are decoded here instead, strictly, in the bronze charset.
 */
final class BronzeLines implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final RecordParser parser;
  private final BronzeFormat format;
  private final String bronzePath;
  private final long lineageRunId;
  private final Map<String, String> sha256ByFile;
  private final Map<String, SplitPlan> splits;
  private final SerializableConfiguration hadoopConf;

  /** {@code splits} is keyed by {@link #split}; every split Spark reads must be in it. */
  BronzeLines(RecordParser parser, BronzeFormat format, String bronzePath, long lineageRunId,
      Map<String, String> sha256ByFile, Map<String, SplitPlan> splits, SerializableConfiguration hadoopConf) {
    this.parser = parser;
    this.format = format;
    this.bronzePath = bronzePath;
    this.lineageRunId = lineageRunId;
    this.sha256ByFile = Map.copyOf(sha256ByFile);
    this.splits = Map.copyOf(splits);
    this.hadoopConf = hadoopConf;
  }

  /** The key of one split: a file relative to {@code bronze/} and the byte its split starts at. */
  static String split(String file, long start) {
    return file + "@" + start;
  }

  /** The path relative to {@code bronze/} of a URL-encoded file URI as Spark's {@code _metadata.file_path} gives. */
  static String relativeFile(String bronzePath, String fileUri) {
    return LakeLayout.relativeTo(bronzePath, LakeLayout.decodedPath(fileUri));
  }

  @Override
  public Iterator<Row> call(Iterator<Row> lines) {
    LineDecoder decoder = format.decoder();
    return new Iterator<Row>() {
      private final ArrayDeque<Row> ready = new ArrayDeque<>();
      private final RecordJoiner joiner = new RecordJoiner(format.maxRecordLines());
      private final RecordJoiner.Sink sink = new RecordJoiner.Sink() {
        @Override
        public void record(long line, String text, String raw) {
          add(line, raw, parser.parse(text));
        }

        @Override
        public void spoiled(long line, String raw) {
          add(line, raw, parser.malformed());
        }
      };
      private String fileUri;
      private String file;
      private String sha256;
      private long split = -1;
      private SplitPlan plan;
      private long index;
      private int skipping;

      @Override
      public boolean hasNext() {
        while (ready.isEmpty() && (lines.hasNext() || file != null)) {
          if (!lines.hasNext()) {
            endSplit();
            file = null;
            continue;
          }
          Row line = lines.next();
          String uri = line.getString(1);
          long start = line.getLong(2);
          if (file == null || start != split || !uri.equals(fileUri)) {
            endSplit();
            startSplit(uri, start);
          }
          accept(decoder.decode((byte[]) line.get(0)));
        }
        return !ready.isEmpty();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return ready.poll();
      }

      private void startSplit(String uri, long start) {
        fileUri = uri;
        file = relativeFile(bronzePath, uri);
        split = start;
        index = 0;
        plan = splits.get(split(file, start));
        sha256 = sha256ByFile.get(file);
        if (plan == null || sha256 == null) {
          throw new IllegalStateException("bronze file " + file + ": Spark read a split at byte " + start
              + " that was not planned; the line numbers of this file cannot be derived");
        }
        skipping = plan.openLines();
      }

      private void accept(LineDecoder.Line line) {
        long position = index++;
        if (split == 0 && position == 0) {
          return; // the header
        }
        if (skipping > 0) {
          // The rest of a record that the split it began in reads whole.
          skipping = RecordJoiner.next(skipping, line.text(), format.maxRecordLines());
          return;
        }
        joiner.add(plan.linesBefore() + position + 1, line, sink);
      }

      /** A record still open at the end of a split goes on in the next one, or is spoiled at the file's end. */
      private void endSplit() {
        if (file == null || joiner.pending() == 0) {
          return;
        }
        if (!plan.isLast()) {
          try (FollowingLines following = new FollowingLines(hadoopConf.value(), fileUri, plan.nextStart())) {
            byte[] bytes;
            while (joiner.pending() > 0 && (bytes = following.next()) != null) {
              joiner.add(plan.linesBefore() + index++ + 1, decoder.decode(bytes), sink);
            }
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read on in bronze file " + file + " after byte "
                + plan.nextStart() + ": " + e.getMessage(), e);
          }
        }
        joiner.end(sink);
      }

      private void add(long line, String raw, RecordParser.Parsed parsed) {
        ready.add(RowFactory.create(Candidates.row(lineageRunId, file, line, sha256, raw, parsed.reason(), false,
            null, parsed.values())));
      }
    };
  }
}
