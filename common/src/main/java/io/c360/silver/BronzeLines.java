package io.c360.silver;

import io.c360.lake.LakeLayout;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Parses the lines of one Spark partition of bronze text into {@link Candidates}. Spark's text reader gives no
 * line numbers, but a partition reads each file split from its start in order, so a line's number is the
 * number of physical lines before its split plus its index within the split plus one. The lines before each
 * split are given (zero for a file's first split); the header is the first line of a file's first split.
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
  private final Map<String, Long> linesBeforeSplit;

  /** {@code linesBeforeSplit} is keyed by {@link #split}; every split Spark reads must be in it. */
  BronzeLines(RecordParser parser, BronzeFormat format, String bronzePath, long lineageRunId,
      Map<String, String> sha256ByFile, Map<String, Long> linesBeforeSplit) {
    this.parser = parser;
    this.format = format;
    this.bronzePath = bronzePath;
    this.lineageRunId = lineageRunId;
    this.sha256ByFile = Map.copyOf(sha256ByFile);
    this.linesBeforeSplit = Map.copyOf(linesBeforeSplit);
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
      private String fileUri;
      private String file;
      private String sha256;
      private long split = -1;
      private long firstLine;
      private long index;

      @Override
      public boolean hasNext() {
        while (ready.isEmpty() && lines.hasNext()) {
          Row line = lines.next();
          String uri = line.getString(1);
          long start = line.getLong(2);
          if (file == null || start != split || !uri.equals(fileUri)) {
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
        Long before = linesBeforeSplit.get(split(file, start));
        sha256 = sha256ByFile.get(file);
        if (before == null || sha256 == null) {
          throw new IllegalStateException("bronze file " + file + ": Spark read a split at byte " + start
              + " that was not planned; the line numbers of this file cannot be derived");
        }
        firstLine = before + 1;
      }

      private void accept(LineDecoder.Line line) {
        long position = index++;
        boolean header = split == 0 && position == 0;
        if (header || line.text().isBlank()) {
          return;
        }
        RecordParser.Parsed parsed = parser.parse(line.text());
        ready.add(RowFactory.create(Candidates.row(lineageRunId, file, firstLine + position, sha256, line.raw(),
            parsed.reason(), false, null, parsed.values())));
      }
    };
  }
}
