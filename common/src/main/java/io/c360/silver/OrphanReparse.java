package io.c360.silver;

import static io.c360.silver.QuarantineSchema.LINEAGE_RUN_ID;
import static io.c360.silver.QuarantineSchema.RAW_LINE;
import static io.c360.silver.QuarantineSchema.REASON;
import static io.c360.silver.QuarantineSchema.SOURCE_FILE;
import static io.c360.silver.QuarantineSchema.SOURCE_LINE;
import static io.c360.silver.QuarantineSchema.SOURCE_SHA256;

import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

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

  /** Pending quarantine rows as {@link Candidates}, marked re-admitted. */
  static Dataset<Row> candidates(Dataset<Row> pending, RecordParser parser) {
    return pending.select(LINEAGE_RUN_ID, SOURCE_FILE, SOURCE_LINE, SOURCE_SHA256, RAW_LINE, REASON)
        .mapPartitions(new OrphanReparse(parser), Encoders.row(Candidates.schema(parser.table())));
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
        return RowFactory.create(Candidates.row(orphan.getLong(0), orphan.getString(1), orphan.getLong(2),
            orphan.getString(3), raw, parsed.reason(), true, orphan.getString(5), parsed.values()));
      }
    };
  }
}
