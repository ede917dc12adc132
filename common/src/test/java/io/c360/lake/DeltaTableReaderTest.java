package io.c360.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The Spark-free Delta reader sees exactly the rows of the latest snapshot, or refuses clearly. */
class DeltaTableReaderTest extends SparkTestBase {
  private static final StructType SCHEMA = new StructType()
      .add("id", DataTypes.LongType, false)
      .add("part", DataTypes.StringType, false)
      .add("note", DataTypes.StringType, true);

  private String path() {
    return tmp.resolve("t").toString();
  }

  private void append(long id, String part, String note) {
    spark.createDataFrame(List.of(RowFactory.create(id, part, note)), SCHEMA).write().format("delta")
        .partitionBy("part").mode("append").save(path());
  }

  private List<List<Object>> read(String... columns) {
    DeltaTableReader reader = DeltaTableReader.open(lake.fileSystem(), new Path(path())).orElseThrow();
    return reader.rows(List.of(columns)).stream().map(Arrays::asList)
        .sorted(Comparator.comparing(r -> (Long) r.get(0))).collect(Collectors.toList());
  }

  @Test
  void readsTheLatestSnapshotAcrossACheckpointDeletesAndAnAddedColumn() {
    // Checkpoints every 3 commits: after versions 0-4 (ids 1-5) the reader needs checkpoint 3 plus commit 4.
    String interval = "spark.databricks.delta.properties.defaults.checkpointInterval";
    spark.conf().set(interval, "3");
    try {
      for (long id = 1; id <= 5; id++) {
        append(id, id % 2 == 0 ? "even" : "odd", id == 3 ? null : "n" + id);
      }
    } finally {
      spark.conf().unset(interval);
    }
    assertTrue(lake.exists(new Path(path(), "_delta_log/00000000000000000003.checkpoint.parquet")));
    DeltaTable.forPath(spark, path()).delete("id IN (2, 4)");
    StructType wider = SCHEMA.add("score", DataTypes.IntegerType, true);
    spark.createDataFrame(List.of(RowFactory.create(13L, "odd", "n13", 7)), wider).write().format("delta")
        .partitionBy("part").mode("append").option("mergeSchema", "true").save(path());

    DeltaTableReader reader = DeltaTableReader.open(lake.fileSystem(), new Path(path())).orElseThrow();
    assertEquals(List.of("id", "part", "note", "score"), reader.columns());
    assertEquals(6, reader.version());
    assertEquals(DeltaLog.forTable(spark, path()).update(false, scala.Option.empty()).metadata().id(), reader.id(),
        "the table id, as Delta has it (from the checkpoint's metaData action)");
    List<List<Object>> expected = List.of(Arrays.asList(1L, "odd", "n1", null), Arrays.asList(3L, "odd", null, null),
        Arrays.asList(5L, "odd", "n5", null), Arrays.asList(13L, "odd", "n13", 7));
    assertEquals(expected, read("id", "part", "note", "score"));
    assertEquals(4, reader.numRecords().orElseThrow(), "ids 1, 3, 5, 13, from the files' statistics");
    assertEquals(DeltaLog.forTable(spark, path()).update(false, scala.Option.empty()).sizeInBytes(),
        reader.sizeInBytes(), "the live files' bytes, as Delta's snapshot has them");

    assertTrue(reader.rows(List.of("id"), p -> "even".equals(p.get("part"))).isEmpty());
    List<Object[]> odd = reader.rows(List.of("id"), p -> "odd".equals(p.get("part")));
    assertEquals(List.of(1L, 3L, 5L, 13L), odd.stream().map(r -> (Long) r[0]).sorted().collect(Collectors.toList()));
  }

  @Test
  void decimalsDatesAndWallClockTimestampsReadAsSparkReturnsThem() {
    // DECIMAL(5,2), (18,2) and (38,10) are stored as INT32, INT64 and bytes; a TIMESTAMP_NTZ before 1970 has a
    // negative count of microseconds, which must floor, not truncate.
    StructType typed = new StructType()
        .add("small", DataTypes.createDecimalType(5, 2), true)
        .add("money", DataTypes.createDecimalType(18, 2), true)
        .add("wide", DataTypes.createDecimalType(38, 10), true)
        .add("day", DataTypes.DateType, true)
        .add("at", DataTypes.TimestampNTZType, true);
    String table = tmp.resolve("typed").toString();
    spark.createDataFrame(List.of(
        RowFactory.create(new BigDecimal("-123.45"), new BigDecimal("9999999999999999.99"),
            new BigDecimal("-1234567890123456789012345678.0123456789"), LocalDate.of(2025, 2, 28),
            LocalDateTime.of(2025, 3, 1, 23, 59, 58, 123_456_000)),
        RowFactory.create(null, null, null, null, LocalDateTime.of(1969, 12, 31, 23, 59, 59, 500_000_000))), typed)
        .coalesce(1).write().format("delta").save(table);

    List<Object[]> rows = DeltaTableReader.open(lake.fileSystem(), new Path(table)).orElseThrow()
        .rows(List.of("small", "money", "wide", "day", "at"));
    assertEquals(List.of(new BigDecimal("-123.45"), new BigDecimal("9999999999999999.99"),
        new BigDecimal("-1234567890123456789012345678.0123456789"), LocalDate.of(2025, 2, 28),
        LocalDateTime.of(2025, 3, 1, 23, 59, 58, 123_456_000)), Arrays.asList(rows.get(0)));
    assertEquals(Arrays.asList(null, null, null, null, LocalDateTime.of(1969, 12, 31, 23, 59, 59, 500_000_000)),
        Arrays.asList(rows.get(1)));
  }

  @Test
  void noDeltaTableIsEmptyAndAnUnknownColumnIsNamed() {
    assertTrue(DeltaTableReader.open(lake.fileSystem(), new Path(path())).isEmpty());
    append(1, "odd", "x");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read("id", "nope"));
    assertTrue(e.getMessage().contains("nope") && e.getMessage().contains(path()), e.getMessage());
  }

  @Test
  void deletionVectorsAreRefusedNamingTheTable() {
    append(1, "odd", "x");
    append(2, "odd", "y");
    spark.sql("ALTER TABLE delta.`" + path() + "` SET TBLPROPERTIES ('delta.enableDeletionVectors' = true)");
    spark.createDataFrame(List.of(RowFactory.create(3L, "odd", "z"), RowFactory.create(4L, "odd", "w")), SCHEMA)
        .coalesce(1).write().format("delta").mode("append").save(path());
    DeltaTable.forPath(spark, path()).delete("id = 3");
    List<Row> spark = DeltaTableReaderTest.spark.read().format("delta").load(path()).collectAsList();
    assertEquals(3, spark.size());
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> DeltaTableReader.open(lake.fileSystem(), new Path(path())));
    assertTrue(e.getMessage().contains("deletion vectors") && e.getMessage().contains(path()), e.getMessage());
  }
}
