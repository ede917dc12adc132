package io.c360.ledger;

import static org.apache.spark.sql.functions.col;

import io.c360.lake.LakeLayout;
import io.c360.lake.SnapshotScan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The run ledger under {@code _ledger/}: Delta tables {@code runs}, {@code files} and {@code tables}. It decides
 * which bronze file versions are new, fixes the replay order of {@code --full-refresh}, and keeps the
 * reconciled counts of every run.
 */
public final class Ledger {

  private static final StructType RUNS = LedgerSchema.Runs.SCHEMA;
  private static final StructType FILES = LedgerSchema.Files.SCHEMA;
  private static final StructType TABLES = LedgerSchema.Tables.SCHEMA;

  public static final String RUNNING = "RUNNING";
  public static final String SUCCEEDED = "SUCCEEDED";
  public static final String FAILED = "FAILED";

  private final SparkSession spark;
  private final LakeLayout layout;
  private final LedgerReader reader;

  public Ledger(SparkSession spark, LakeLayout layout) {
    this.spark = spark;
    this.layout = layout;
    this.reader = new LedgerReader(layout);
  }

  private Path runsPath() {
    return new Path(layout.ledger(), "runs");
  }

  private Path filesPath() {
    return new Path(layout.ledger(), "files");
  }

  private Path tablesPath() {
    return new Path(layout.ledger(), "tables");
  }

  /** Records a new run and returns its id, one more than the last; call it while holding the {@link LakeLock}. */
  public long startRun(String command) {
    long runId = reader.lastRunId() + 1;
    append(runsPath(), RUNS, List.of(RowFactory.create(runId, command, Instant.now().toString(), null, RUNNING, null)));
    return runId;
  }

  /** Appends the run's final state; the latest row of a run id is its status (cheaper than a Delta UPDATE). */
  public void finishRun(long runId, String status, String message) {
    LedgerReader.RunState started = reader.started(runId).orElseThrow(() -> new IllegalStateException(
        "run " + runId + " has no start record in the ledger " + runsPath()));
    append(runsPath(), RUNS, List.of(RowFactory.create(runId, started.command(), started.startedAt(),
        Instant.now().toString(), status, message)));
  }

  public void recordFiles(List<FileRecord> records) {
    if (records.isEmpty()) {
      return;
    }
    List<Row> rows = new ArrayList<>();
    for (FileRecord r : records) {
      FileCounts c = r.counts();
      rows.add(RowFactory.create(r.runId(), r.lineageRunId(), r.table(), r.path(), r.sha256(), r.sizeBytes(),
          r.status().name(), c.read(), c.upserted(), c.duplicates(), c.quarantined(), r.message(),
          r.modifiedAt() == FileRecord.UNKNOWN_TIME ? null : r.modifiedAt()));
    }
    // mergeSchema: a ledger written before modified_at existed gains the column on its next append.
    spark.createDataFrame(rows, FILES).coalesce(1).write().format("delta").mode("append")
        .option("mergeSchema", "true").save(filesPath().toString());
  }

  public void recordTables(List<TableRecord> records) {
    if (records.isEmpty()) {
      return;
    }
    List<Row> rows = new ArrayList<>();
    for (TableRecord record : records) {
      FileCounts c = record.counts();
      rows.add(RowFactory.create(record.runId(), record.table(), record.files(),
          c.read(), c.readmitted(), c.upserted(), c.duplicates(), c.quarantined(),
          scala.collection.JavaConverters.mapAsScalaMap(record.warnings()), record.silverVersion()));
    }
    append(tablesPath(), TABLES, rows);
  }

  /**
   * Every file version ever ingested, as {@code table -> path -> sha256 -> the first run whose order it
   * carries}, for skipping re-sent files and ordering a full-refresh replay.
   */
  public Map<String, Map<String, Map<String, Long>>> ingestedFiles() {
    return LedgerReader.ingested(reader.files());
  }

  /** Every file record, read without Spark jobs; see {@link LedgerReader#ingested} and {@link LedgerReader#latest}. */
  public List<FileRecord> fileRecords() {
    return reader.files();
  }

  /** One row per run with its latest state. */
  public Dataset<Row> runs() {
    if (!isTable(runsPath())) {
      return spark.createDataFrame(List.of(), RUNS);
    }
    Dataset<Row> events = read(runsPath());
    return events.withColumn("_final", col(LedgerSchema.Runs.FINISHED_AT).isNotNull())
        .groupBy(LedgerSchema.Runs.RUN_ID)
        .agg(org.apache.spark.sql.functions.max(org.apache.spark.sql.functions.struct(
            col("_final"), col(LedgerSchema.Runs.FINISHED_AT), col(LedgerSchema.Runs.COMMAND),
            col(LedgerSchema.Runs.STARTED_AT), col(LedgerSchema.Runs.STATUS), col(LedgerSchema.Runs.MESSAGE)))
            .as("r"))
        .select(col(LedgerSchema.Runs.RUN_ID), col("r." + LedgerSchema.Runs.COMMAND),
            col("r." + LedgerSchema.Runs.STARTED_AT), col("r." + LedgerSchema.Runs.FINISHED_AT),
            col("r." + LedgerSchema.Runs.STATUS), col("r." + LedgerSchema.Runs.MESSAGE));
  }

  public Dataset<Row> files() {
    return isTable(filesPath()) ? read(filesPath()) : spark.createDataFrame(List.of(), FILES);
  }

  public Dataset<Row> tables() {
    return isTable(tablesPath()) ? read(tablesPath()) : spark.createDataFrame(List.of(), TABLES);
  }

  /** Files of one run, for summaries and tests. */
  public List<Row> filesOfRun(long runId) {
    return files().filter(col(LedgerSchema.Files.RUN_ID).equalTo(runId))
        .orderBy(LedgerSchema.Files.TABLE_NAME, LedgerSchema.Files.PATH).collectAsList()
        .stream().collect(Collectors.toList());
  }

  private boolean isTable(Path path) {
    return layout.isDeltaTable(path);
  }

  private Dataset<Row> read(Path path) {
    return SnapshotScan.latest(spark, layout.fileSystem(), path);
  }

  private void append(Path path, StructType schema, List<Row> rows) {
    spark.createDataFrame(rows, schema).coalesce(1).write().format("delta").mode("append").save(path.toString());
  }
}
