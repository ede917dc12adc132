package io.c360.silver;

import static org.apache.spark.sql.functions.col;

import io.c360.catalog.Column;
import io.c360.catalog.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The rows a table's run considers (DESIGN §4 steps 2–3): fresh lines of new bronze files and pending orphans
 * parsed again, each with its lineage ({@link Lineage}), its file version, raw text and the parser's reason.
 * Catalog columns arrive as canonical text and are cast to their Spark types by {@link #typed}.
 */
final class Candidates {
  static final String SHA256 = "_source_sha256";
  static final String RAW = "_raw_line";
  /** The first reason that applies, or NULL for a row that passed so far. */
  static final String REASON = "_reason";
  /** True for a pending orphan taken from the quarantine, false for a fresh line. */
  static final String READMITTED = "_readmitted";
  /** The reason a re-admitted orphan was quarantined with (part of its quarantine key). */
  static final String QUARANTINE_REASON = "_quarantine_reason";
  static final int COLUMNS_BEFORE_DATA = 8;

  private Candidates() {
  }

  /** Lineage, file version, raw line, reason, readmitted flag and quarantine reason, then the catalog columns. */
  static StructType schema(Table table) {
    StructType schema = new StructType()
        .add(Lineage.RUN_ID, DataTypes.LongType, false)
        .add(Lineage.SOURCE_FILE, DataTypes.StringType, false)
        .add(Lineage.SOURCE_LINE, DataTypes.LongType, false)
        .add(SHA256, DataTypes.StringType, false)
        .add(RAW, DataTypes.StringType, true)
        .add(REASON, DataTypes.StringType, true)
        .add(READMITTED, DataTypes.BooleanType, false)
        .add(QUARANTINE_REASON, DataTypes.StringType, true);
    for (String column : table.columnNames()) {
      schema = schema.add(column, DataTypes.StringType, true);
    }
    return schema;
  }

  /** One candidate row: the fixed columns in {@link #schema} order, then the parsed values. */
  static Object[] row(long runId, String file, long line, String sha256, String raw, String reason,
      boolean readmitted, String quarantineReason, String[] values) {
    Object[] row = new Object[COLUMNS_BEFORE_DATA + values.length];
    row[0] = runId;
    row[1] = file;
    row[2] = line;
    row[3] = sha256;
    row[4] = raw;
    row[5] = reason;
    row[6] = readmitted;
    row[7] = quarantineReason;
    System.arraycopy(values, 0, row, COLUMNS_BEFORE_DATA, values.length);
    return row;
  }

  /** Catalog columns cast from canonical text to their Spark types (the parser already checked they fit). */
  static Dataset<Row> typed(Dataset<Row> candidates, Table table) {
    Dataset<Row> typed = candidates;
    for (Column column : table.columns()) {
      typed = typed.withColumn(column.name(), col(column.name()).cast(column.type().sparkType()));
    }
    return typed;
  }
}
