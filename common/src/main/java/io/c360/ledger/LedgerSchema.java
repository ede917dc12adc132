package io.c360.ledger;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The columns of the ledger's Delta tables, declared once for the ledger, the CLI, the report and the tests. */
public final class LedgerSchema {

  private LedgerSchema() {
  }

  /** {@code _ledger/runs}: one row when a run starts and one when it ends; the latest row is its state. */
  public static final class Runs {
    public static final String RUN_ID = "run_id";
    public static final String COMMAND = "command";
    public static final String STARTED_AT = "started_at";
    public static final String FINISHED_AT = "finished_at";
    public static final String STATUS = "status";
    public static final String MESSAGE = "message";

    public static final StructType SCHEMA = new StructType()
        .add(RUN_ID, DataTypes.LongType, false)
        .add(COMMAND, DataTypes.StringType)
        .add(STARTED_AT, DataTypes.StringType)
        .add(FINISHED_AT, DataTypes.StringType)
        .add(STATUS, DataTypes.StringType)
        .add(MESSAGE, DataTypes.StringType);

    private Runs() {
    }
  }

  /** {@code _ledger/files}: what each run did with each bronze file version ({@link FileRecord}). */
  public static final class Files {
    public static final String RUN_ID = "run_id";
    public static final String LINEAGE_RUN_ID = "lineage_run_id";
    public static final String TABLE_NAME = "table_name";
    public static final String PATH = "path";
    public static final String SHA256 = "sha256";
    public static final String SIZE_BYTES = "size_bytes";
    public static final String STATUS = "status";
    public static final String ROWS_READ = "rows_read";
    public static final String UPSERTED = "upserted";
    public static final String DUPLICATES = "duplicates";
    public static final String QUARANTINED = "quarantined";
    public static final String MESSAGE = "message";
    public static final String MODIFIED_AT = "modified_at";

    public static final StructType SCHEMA = new StructType()
        .add(RUN_ID, DataTypes.LongType, false)
        .add(LINEAGE_RUN_ID, DataTypes.LongType, false)
        .add(TABLE_NAME, DataTypes.StringType, false)
        .add(PATH, DataTypes.StringType, false)
        .add(SHA256, DataTypes.StringType, false)
        .add(SIZE_BYTES, DataTypes.LongType, false)
        .add(STATUS, DataTypes.StringType, false)
        .add(ROWS_READ, DataTypes.LongType, false)
        .add(UPSERTED, DataTypes.LongType, false)
        .add(DUPLICATES, DataTypes.LongType, false)
        .add(QUARANTINED, DataTypes.LongType, false)
        .add(MESSAGE, DataTypes.StringType)
        // Added later: null in rows of older ledgers, whose files are then hashed once more.
        .add(MODIFIED_AT, DataTypes.LongType, true);

    private Files() {
    }
  }

  /** {@code _ledger/tables}: what each run did with each silver table ({@link TableRecord}). */
  public static final class Tables {
    public static final String RUN_ID = "run_id";
    public static final String TABLE_NAME = "table_name";
    public static final String FILES = "files";
    public static final String ROWS_READ = "rows_read";
    public static final String READMITTED = "readmitted";
    public static final String UPSERTED = "upserted";
    public static final String DUPLICATES = "duplicates";
    public static final String QUARANTINED = "quarantined";
    public static final String WARNINGS = "warnings";
    public static final String SILVER_VERSION = "silver_version";

    public static final StructType SCHEMA = new StructType()
        .add(RUN_ID, DataTypes.LongType, false)
        .add(TABLE_NAME, DataTypes.StringType, false)
        .add(FILES, DataTypes.IntegerType, false)
        .add(ROWS_READ, DataTypes.LongType, false)
        .add(READMITTED, DataTypes.LongType, false)
        .add(UPSERTED, DataTypes.LongType, false)
        .add(DUPLICATES, DataTypes.LongType, false)
        .add(QUARANTINED, DataTypes.LongType, false)
        .add(WARNINGS, DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType))
        .add(SILVER_VERSION, DataTypes.LongType, false);

    private Tables() {
    }
  }
}
