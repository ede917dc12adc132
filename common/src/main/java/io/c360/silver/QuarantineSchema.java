package io.c360.silver;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The columns of the quarantine table, declared once for the stage, the CLI, the report and the tests. */
public final class QuarantineSchema {
  public static final String TABLE_NAME = "table_name";
  public static final String SOURCE_FILE = "source_file";
  public static final String SOURCE_SHA256 = "source_sha256";
  public static final String SOURCE_LINE = "source_line";
  /** The run whose arrival order the row carries; a re-admitted orphan keeps it. */
  public static final String LINEAGE_RUN_ID = "lineage_run_id";
  /** A {@link Reason#code()}. */
  public static final String REASON = "reason";
  public static final String RAW_LINE = "raw_line";
  public static final String QUARANTINED_RUN_ID = "quarantined_run_id";
  /** The run that took a pending orphan back into silver; NULL while it waits for its parent. */
  public static final String READMITTED_RUN_ID = "readmitted_run_id";

  public static final StructType SCHEMA = new StructType()
      .add(TABLE_NAME, DataTypes.StringType, false)
      .add(SOURCE_FILE, DataTypes.StringType, false)
      .add(SOURCE_SHA256, DataTypes.StringType, false)
      .add(SOURCE_LINE, DataTypes.LongType, false)
      .add(LINEAGE_RUN_ID, DataTypes.LongType, false)
      .add(REASON, DataTypes.StringType, false)
      .add(RAW_LINE, DataTypes.StringType, true)
      .add(QUARANTINED_RUN_ID, DataTypes.LongType, false)
      .add(READMITTED_RUN_ID, DataTypes.LongType, true);

  /** A row's identity: a run retried after a crash adds nothing twice. */
  public static final List<String> KEY = List.of(TABLE_NAME, SOURCE_FILE, SOURCE_SHA256, SOURCE_LINE, REASON);

  private QuarantineSchema() {
  }
}
