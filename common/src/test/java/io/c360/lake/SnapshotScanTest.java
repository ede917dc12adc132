package io.c360.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** A Delta table's version read from its Parquet files, on real Delta tables; expected rows written by hand. */
class SnapshotScanTest extends SparkTestBase {
  private static final StructType SCHEMA = new StructType().add("OrderID", DataTypes.IntegerType)
      .add("Amount", DataTypes.createDecimalType(18, 2)).add("DateTime", DataTypes.TimestampNTZType)
      .add("Status", DataTypes.StringType);

  private Path table() {
    return lake.gold("Orders");
  }

  private Dataset<Row> rows(Object[]... rows) {
    List<Row> data = new ArrayList<>();
    for (Object[] r : rows) {
      data.add(RowFactory.create(r));
    }
    return spark.createDataFrame(data, SCHEMA);
  }

  private static List<List<Object>> sorted(Dataset<Row> rows) {
    List<List<Object>> out = new ArrayList<>();
    rows.orderBy("OrderID").collectAsList().forEach(r -> out.add(values(r)));
    return out;
  }

  private static LocalDateTime at(String text) {
    return LocalDateTime.parse(text);
  }

  @Test
  void theLatestVersionIsItsLiveFilesRowsWithTheLoggedTypes() {
    rows(r(1, dec("10.00"), at("2025-03-01T09:00"), "Completed"), r(2, dec("0.01"), null, null))
        .write().format("delta").save(table().toString());
    // A MERGE removes the file holding order 1 and adds its rewrite: the removed file must not be read.
    DeltaTable.forPath(spark, table().toString()).as("t")
        .merge(rows(r(1, dec("12.35"), at("2025-03-01T09:00"), "Refunded"), r(3, dec("7.00"), null, "Pending")).as("s"),
            "t.OrderID = s.OrderID")
        .whenMatched().updateAll().whenNotMatched().insertAll().execute();

    Dataset<Row> read = SnapshotScan.latest(spark, lake.fileSystem(), table());
    assertEquals(SCHEMA, read.schema());
    assertEquals(List.of(row(1, dec("12.35"), at("2025-03-01T09:00"), "Refunded"), row(2, dec("0.01"), null, null),
        row(3, dec("7.00"), null, "Pending")), sorted(read));
    String plan = read.queryExecution().executedPlan().toString();
    assertTrue(plan.contains("InMemoryFileIndex"), "a plain Parquet scan of the listed files, not Delta's: " + plan);
  }

  @Test
  void anOlderVersionIsReadThroughDeltaTimeTravel() {
    rows(r(1, dec("10.00"), null, "Completed")).write().format("delta").save(table().toString());
    rows(r(2, dec("20.00"), null, "Completed")).write().format("delta").mode("append").save(table().toString());

    assertEquals(List.of(row(1, dec("10.00"), null, "Completed")),
        sorted(SnapshotScan.read(spark, lake.fileSystem(), table(), 0)));
    assertEquals(List.of(row(1, dec("10.00"), null, "Completed"), row(2, dec("20.00"), null, "Completed")),
        sorted(SnapshotScan.read(spark, lake.fileSystem(), table(), 1)));
  }

  @Test
  void anOpenSnapshotIsReadAtItsOwnVersionEvenAfterALaterCommit() {
    rows(r(1, dec("10.00"), null, "Completed")).write().format("delta").save(table().toString());
    DeltaTableReader first = DeltaTableReader.open(lake.fileSystem(), table()).orElseThrow();
    assertEquals(List.of(row(1, dec("10.00"), null, "Completed")), sorted(SnapshotScan.of(spark, first)));

    rows(r(2, dec("20.00"), null, "Completed")).write().format("delta").mode("append").save(table().toString());
    assertEquals(List.of(row(1, dec("10.00"), null, "Completed")), sorted(SnapshotScan.of(spark, first)),
        "its own files, not the appended one");
  }

  @Test
  void anEmptyVersionHasTheSchemaAndNoRows() {
    rows(r(1, dec("10.00"), null, "Completed")).write().format("delta").save(table().toString());
    rows().write().format("delta").mode("overwrite").save(table().toString());

    Dataset<Row> read = SnapshotScan.latest(spark, lake.fileSystem(), table());
    assertEquals(SCHEMA, read.schema());
    assertEquals(List.of(), sorted(read));
  }

  @Test
  void aPartitionedTableIsReadThroughDeltaWithItsPartitionValues() {
    rows(r(1, dec("10.00"), null, "Completed"), r(2, dec("20.00"), null, "Pending"))
        .write().format("delta").partitionBy("Status").save(table().toString());

    assertEquals(List.of(row(1, dec("10.00"), null, "Completed"), row(2, dec("20.00"), null, "Pending")),
        sorted(SnapshotScan.latest(spark, lake.fileSystem(), table()).select("OrderID", "Amount", "DateTime",
            "Status")));
    assertTrue(SnapshotScan.latest(spark, lake.fileSystem(), table()).queryExecution().executedPlan().toString()
        .contains("Delta"), "through Delta, which holds the partition values");
  }
}
