package io.c360.silver;

import io.c360.lake.LakeLayout;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Parses the lines of one Spark partition of bronze text. Spark's text reader gives no line numbers, but a
 * partition reads each file split from its start in order, so (file, split start, index within the split)
 * orders lines exactly. For every split the function also emits one {@code SPLIT_END} row carrying the
 * split's number of physical lines, from which the driver turns split indexes into file line numbers.
 *
 * <p>Input rows: (line, file URI, split start). Output: {@link #schema}.
 */
final class BronzeLines implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  static final String FILE = "_source_file";
  static final String SPLIT = "_split_start";
  static final String INDEX = "_split_index";
  static final String KIND = "_kind";
  static final String RAW = "_raw_line";
  static final String REASON = "_reason";
  static final String KIND_ROW = "R";
  static final String KIND_SPLIT_END = "E";
  private static final int COLUMNS_BEFORE_DATA = 6;

  private final RecordParser parser;
  private final String bronzePath;

  BronzeLines(RecordParser parser, String bronzePath) {
    this.parser = parser;
    this.bronzePath = bronzePath;
  }

  /** Lineage and parse outcome first, then every catalog column as canonical text. */
  static StructType schema(RecordParser parser) {
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField(FILE, DataTypes.StringType, false));
    fields.add(DataTypes.createStructField(SPLIT, DataTypes.LongType, false));
    fields.add(DataTypes.createStructField(INDEX, DataTypes.LongType, false));
    fields.add(DataTypes.createStructField(KIND, DataTypes.StringType, false));
    fields.add(DataTypes.createStructField(RAW, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(REASON, DataTypes.StringType, true));
    for (String column : parser.table().columnNames()) {
      fields.add(DataTypes.createStructField(column, DataTypes.StringType, true));
    }
    return DataTypes.createStructType(fields);
  }

  @Override
  public Iterator<Row> call(Iterator<Row> lines) {
    return new Iterator<Row>() {
      private final ArrayDeque<Row> ready = new ArrayDeque<>();
      private String fileUri;
      private String file;
      private long split = -1;
      private long index;

      @Override
      public boolean hasNext() {
        while (ready.isEmpty() && lines.hasNext()) {
          Row line = lines.next();
          String uri = line.getString(1);
          long start = line.getLong(2);
          if (file == null || start != split || !uri.equals(fileUri)) {
            endSplit();
            fileUri = uri;
            file = LakeLayout.relativeTo(bronzePath, LakeLayout.decodedPath(uri));
            split = start;
            index = 0;
          }
          accept(line.getString(0));
        }
        if (ready.isEmpty()) {
          endSplit();
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

      private void accept(String line) {
        long position = index++;
        boolean header = split == 0 && position == 0;
        if (header || line.isBlank()) {
          return;
        }
        RecordParser.Parsed parsed = parser.parse(line);
        Object[] values = new Object[COLUMNS_BEFORE_DATA + parsed.values().length];
        values[0] = file;
        values[1] = split;
        values[2] = position;
        values[3] = KIND_ROW;
        values[4] = line;
        values[5] = parsed.reason();
        System.arraycopy(parsed.values(), 0, values, COLUMNS_BEFORE_DATA, parsed.values().length);
        ready.add(RowFactory.create(values));
      }

      private void endSplit() {
        if (file == null) {
          return;
        }
        Object[] values = new Object[COLUMNS_BEFORE_DATA + parser.table().columns().size()];
        values[0] = file;
        values[1] = split;
        values[2] = index;
        values[3] = KIND_SPLIT_END;
        ready.add(RowFactory.create(values));
        file = null;
      }
    };
  }
}
