package io.c360.silver;

import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Re-parses pending orphans from their raw quarantined line, so that silver never depends on a stored copy
 * of typed values: the same parser that judged the line the first time rebuilds it, with its original lineage.
 */
final class OrphanReparse implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final RecordParser parser;

  OrphanReparse(RecordParser parser) {
    this.parser = parser;
  }

  /** Output: the candidate columns of {@link SilverIngest}, data columns as canonical text. */
  static StructType schema(RecordParser parser) {
    StructType schema = new StructType()
        .add(Lineage.RUN_ID, DataTypes.LongType, false)
        .add(Lineage.SOURCE_FILE, DataTypes.StringType, false)
        .add(Lineage.SOURCE_LINE, DataTypes.LongType, false)
        .add(SilverIngest.SHA256, DataTypes.StringType, false)
        .add(SilverIngest.RAW, DataTypes.StringType, true)
        .add(SilverIngest.REASON, DataTypes.StringType, true)
        .add(SilverIngest.QUARANTINE_REASON, DataTypes.StringType, true);
    for (String column : parser.table().columnNames()) {
      schema = schema.add(column, DataTypes.StringType, true);
    }
    return schema;
  }

  /** Input columns, in order: lineage_run_id, source_file, source_line, source_sha256, raw_line, reason. */
  @Override
  public Iterator<Row> call(Iterator<Row> orphans) {
    return new Iterator<Row>() {
      @Override
      public boolean hasNext() {
        return orphans.hasNext();
      }

      @Override
      public Row next() {
        Row orphan = orphans.next();
        String raw = orphan.getString(4);
        RecordParser.Parsed parsed = parser.parse(raw);
        Object[] values = new Object[7 + parsed.values().length];
        values[0] = orphan.getLong(0);
        values[1] = orphan.getString(1);
        values[2] = orphan.getLong(2);
        values[3] = orphan.getString(3);
        values[4] = raw;
        values[5] = parsed.reason();
        values[6] = orphan.getString(5);
        System.arraycopy(parsed.values(), 0, values, 7, parsed.values().length);
        return RowFactory.create(values);
      }
    };
  }
}
