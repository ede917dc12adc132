package io.c360.lake;

import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Reads one version of a Delta table with Spark's plain Parquet reader over the live files that the driver's replay
 * of its log names ({@link DeltaTableReader}). A Delta read plans every scan with a Spark job over the snapshot's
 * state ("Filtering files for query") and rebuilds snapshots of older versions with more: gold read its inputs 40
 * times a run that way. The rows are the same: our tables have neither deletion vectors nor column mapping (the
 * reader refuses those) and a partitioned table, whose partition values live in the log only, is read through Delta.
 *
 * <pre>
 * Dataset&lt;Row&gt; customers = SnapshotScan.read(spark, layout.fileSystem(), layout.silver(Catalog.CUSTOMERS), 12);
 * </pre>
 */
public final class SnapshotScan {
  private SnapshotScan() {
  }

  /** The table at {@code table} as of {@code version}. */
  public static Dataset<Row> read(SparkSession spark, FileSystem fs, Path table, long version) {
    return parquet(spark, fs, table, Optional.of(version)).orElseGet(() -> spark.read().format("delta")
        .option("versionAsOf", version).load(table.toString()));
  }

  /** The table at {@code table} as it is now. */
  public static Dataset<Row> latest(SparkSession spark, FileSystem fs, Path table) {
    return parquet(spark, fs, table, Optional.empty())
        .orElseGet(() -> spark.read().format("delta").load(table.toString()));
  }

  /** The version {@code snapshot} describes, for a caller that has its log read already. */
  public static Dataset<Row> of(SparkSession spark, DeltaTableReader snapshot) {
    return parquet(spark, snapshot).orElseGet(() -> spark.read().format("delta")
        .option("versionAsOf", snapshot.version()).load(snapshot.path().toString()));
  }

  /**
   * The Parquet read of the latest snapshot, if it is {@code version} (when given) and unpartitioned; an older
   * version is left to Delta, which knows how to rebuild it.
   */
  private static Optional<Dataset<Row>> parquet(SparkSession spark, FileSystem fs, Path table,
      Optional<Long> version) {
    Optional<DeltaTableReader> snapshot = DeltaTableReader.open(fs, table);
    if (snapshot.isEmpty() || version.isPresent() && version.get() != snapshot.get().version()) {
      return Optional.empty();
    }
    return parquet(spark, snapshot.get());
  }

  /** The Parquet read of {@code snapshot}; empty for a partitioned table. */
  private static Optional<Dataset<Row>> parquet(SparkSession spark, DeltaTableReader snapshot) {
    if (!snapshot.partitionColumns().isEmpty()) {
      return Optional.empty();
    }
    StructType schema = snapshot.schema();
    List<Path> files = snapshot.dataFiles();
    if (files.isEmpty()) {
      return Optional.of(spark.createDataFrame(List.of(), schema));
    }
    return Optional.of(spark.read().schema(schema).parquet(files.stream().map(Path::toString).toArray(String[]::new)));
  }
}
