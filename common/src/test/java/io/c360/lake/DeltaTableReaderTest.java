package io.c360.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.collection.JavaConverters;

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

  /** A table of {@link #SCHEMA} partitioned by part, its change data feed on, holding {@code rows}: version 0. */
  private void createWithChangeFeed(Row... rows) {
    spark.createDataFrame(List.of(rows), SCHEMA).write().format("delta").partitionBy("part")
        .option("delta.enableChangeDataFeed", "true").save(path());
  }

  private static Row row3(long id, String part, String note) {
    return RowFactory.create(id, part, note);
  }

  private DeltaTableReader reader() {
    return DeltaTableReader.open(lake.fileSystem(), new Path(path())).orElseThrow();
  }

  /** The driver's change feed after {@code from} up to {@code to}: id, part, note, change type, version; sorted. */
  private Optional<List<List<Object>>> driverFeed(long from, long to, long maxBytes) {
    return reader().changes(from, to, List.of("id", "part", "note"), maxBytes).map(rows -> sorted(rows.stream()
        .map(Arrays::asList)));
  }

  /** Spark's change feed of the same range, the same columns. */
  private List<List<Object>> sparkFeed(long from, long to) {
    return sorted(sparkFeedRows(from, to).collectAsList().stream().map(SparkTestBase::values));
  }

  private Dataset<Row> sparkFeedRows(long from, long to) {
    return spark.read().format("delta").option("readChangeFeed", "true").option("startingVersion", from + 1)
        .option("endingVersion", to).load(path())
        .select("id", "part", "note", DeltaTableReader.CHANGE_TYPE, DeltaTableReader.COMMIT_VERSION);
  }

  private static List<List<Object>> sorted(Stream<List<Object>> rows) {
    return rows.sorted(Comparator.comparing(Object::toString)).collect(Collectors.toList());
  }

  @Test
  void theChangeFeedEqualsSparksOverMergesAppendsAndAnOverwrite() {
    createWithChangeFeed(row3(1, "odd", "a"), row3(2, "even", "b"), row3(3, "odd", "c"), row3(4, "even", "d"));
    append(5, "odd", "e");
    // v2: a MERGE that updates 2, deletes 4 and inserts 7 writes cdc files (partitioned: _change_data/part=...).
    Dataset<Row> source = spark.createDataFrame(List.of(row3(2, "even", "b2"), row3(4, "even", "DELETE"),
        row3(7, "odd", "g")), SCHEMA);
    DeltaTable.forPath(spark, path()).as("t").merge(source.as("s"), "t.id = s.id")
        .whenMatched("s.note = 'DELETE'").delete().whenMatched().updateAll().whenNotMatched().insertAll().execute();
    assertTrue(lake.exists(new Path(path(), "_change_data")), "the MERGE wrote cdc files");
    // v3: an overwrite (no cdc files: its removes are deletes, its adds inserts); v4: an insert-only MERGE (no cdc
    // files either); v5: a DELETE.
    spark.createDataFrame(List.of(row3(1, "odd", "a"), row3(8, "even", "h")), SCHEMA).write().format("delta")
        .mode("overwrite").save(path());
    DeltaTable.forPath(spark, path()).as("t").merge(spark.createDataFrame(List.of(row3(9, "odd", "i")), SCHEMA)
        .as("s"), "t.id = s.id").whenNotMatched().insertAll().execute();
    DeltaTable.forPath(spark, path()).delete("id = 8");
    assertEquals(5, reader().version());

    assertEquals(Optional.of(sorted(Stream.of(
        Arrays.asList(2L, "even", "b", "update_preimage", 2L), Arrays.asList(2L, "even", "b2", "update_postimage", 2L),
        Arrays.asList(4L, "even", "d", "delete", 2L), Arrays.asList(7L, "odd", "g", "insert", 2L)))),
        driverFeed(1, 2, Long.MAX_VALUE), "the MERGE, written by hand");
    // Each commit alone, and each range up to the latest.
    for (long from = -1; from < 5; from++) {
      for (long to : new long[] {from + 1, 5}) {
        assertEquals(Optional.of(sparkFeed(from, to)), driverFeed(from, to, Long.MAX_VALUE),
            "versions " + (from + 1) + " to " + to);
      }
    }
  }

  @Test
  void theChangeFeedIsCannotWhenItWasOffForACommitOfTheRangeOrAFileIsGoneOrItIsLarge() throws IOException {
    append(1, "odd", "a");
    spark.sql("ALTER TABLE delta.`" + path() + "` SET TBLPROPERTIES ('delta.enableChangeDataFeed' = true)");
    append(2, "even", "b");
    spark.sql("ALTER TABLE delta.`" + path() + "` SET TBLPROPERTIES ('delta.enableChangeDataFeed' = false)");
    append(3, "odd", "c");
    assertTrue(driverFeed(-1, 2, Long.MAX_VALUE).isEmpty(), "off at version 0");
    assertThrows(Exception.class, () -> sparkFeedRows(-1, 2).collectAsList(), "Spark refuses it too");
    assertTrue(driverFeed(1, 4, Long.MAX_VALUE).isEmpty(), "turned off at version 3");
    assertThrows(Exception.class, () -> sparkFeedRows(1, 4).collectAsList(), "Spark refuses it too");
    assertEquals(Optional.of(sparkFeed(0, 2)), driverFeed(0, 2, Long.MAX_VALUE), "on from version 1");
    assertEquals(1, driverFeed(0, 2, Long.MAX_VALUE).orElseThrow().size(), "the append of version 2");

    long bytes;
    try (Stream<java.nio.file.Path> even = Files.list(tmp.resolve("t/part=even"))) {
      bytes = even.filter(f -> f.getFileName().toString().endsWith(".parquet")
          && !f.getFileName().toString().startsWith(".")).mapToLong(f -> f.toFile().length()).sum();
    }
    assertTrue(driverFeed(1, 2, bytes - 1).isEmpty(), "more bytes than the limit");
    assertTrue(driverFeed(1, 2, bytes).isPresent(), "as many as the limit");

    // A file the range removes, gone as VACUUM removes it.
    spark.sql("ALTER TABLE delta.`" + path() + "` SET TBLPROPERTIES ('delta.enableChangeDataFeed' = true)");
    spark.createDataFrame(List.of(row3(4, "even", "d")), SCHEMA).write().format("delta").mode("overwrite")
        .save(path());
    assertEquals(Optional.of(sparkFeed(5, 6)), driverFeed(5, 6, Long.MAX_VALUE));
    try (Stream<java.nio.file.Path> odd = Files.list(tmp.resolve("t/part=odd"))) {
      for (java.nio.file.Path file : odd.collect(Collectors.toList())) {
        Files.delete(file); // with its .crc, as VACUUM deletes it
      }
    }
    assertTrue(driverFeed(5, 6, Long.MAX_VALUE).isEmpty(), "the removed files of part=odd are gone");
  }

  @Test
  void theChangeFeedIsCannotOverADeletionVectorOrACommitGoneFromTheLog() throws IOException {
    // A checkpoint at version 2 lets the reader open the table once commit 2 is gone.
    spark.createDataFrame(List.of(row3(1, "odd", "a"), row3(3, "odd", "c")), SCHEMA).coalesce(1).write()
        .format("delta").partitionBy("part").option("delta.enableChangeDataFeed", "true")
        .option("delta.enableDeletionVectors", "true").option("delta.checkpointInterval", "2").save(path());
    DeltaTable.forPath(spark, path()).delete("id = 3");
    spark.createDataFrame(List.of(row3(5, "odd", "e")), SCHEMA).write().format("delta").mode("overwrite")
        .save(path());
    assertEquals(List.of(Arrays.asList(3L, "odd", "c", "delete", 1L)), sparkFeed(0, 1),
        "version 1 marks row 3 deleted in a deletion vector");
    assertTrue(driverFeed(0, 1, Long.MAX_VALUE).isEmpty(), "a file added with a deletion vector");
    assertTrue(driverFeed(1, 2, Long.MAX_VALUE).isEmpty(), "a file removed with one");

    append(7, "odd", "g");
    assertTrue(lake.exists(new Path(path(), "_delta_log/00000000000000000002.checkpoint.parquet")));
    Files.delete(tmp.resolve("t/_delta_log/00000000000000000002.json"));
    assertEquals(List.of(Arrays.asList(7L, "odd", "g", "insert", 3L)), driverFeed(2, 3, Long.MAX_VALUE).orElseThrow(),
        "commit 3 is there");
    assertTrue(driverFeed(1, 3, Long.MAX_VALUE).isEmpty(), "commit 2 is gone");
    assertTrue(reader().commits(1, 3).isEmpty(), "commit 2 is gone");
  }

  @Test
  void commitsSayWhatDeltasHistorySays() {
    createWithChangeFeed(row3(1, "odd", "a"));
    append(2, "even", "b");
    DeltaTable.forPath(spark, path()).as("t").merge(spark.createDataFrame(List.of(row3(2, "even", "b2")), SCHEMA)
        .as("s"), "t.id = s.id").whenMatched().updateAll().execute();
    spark.createDataFrame(List.of(row3(3, "odd", "c")), SCHEMA).write().format("delta").mode("overwrite")
        .save(path());
    List<List<Object>> history = DeltaTable.forPath(spark, path()).history()
        .select("version", "operation", "operationParameters", "operationMetrics").orderBy("version")
        .collectAsList().stream().map(r -> Arrays.<Object>asList(r.getLong(0), r.getString(1),
            javaMap(r.getMap(2)), javaMap(r.getMap(3)))).collect(Collectors.toList());
    List<List<Object>> commits = reader().commits(-1, 3).orElseThrow().stream().map(c -> Arrays.<Object>asList(
        c.version(), c.operation(), c.parameters(), c.metrics())).collect(Collectors.toList());
    assertEquals(history, commits);
    assertEquals(List.of("WRITE", "WRITE", "MERGE", "WRITE"), commits.stream().map(c -> c.get(1))
        .collect(Collectors.toList()));
    assertEquals("Overwrite", reader().commits(2, 3).orElseThrow().get(0).parameters().get("mode"));
  }

  private static Map<String, String> javaMap(scala.collection.Map<String, String> map) {
    return Map.copyOf(JavaConverters.mapAsJavaMap(map));
  }

  @Test
  void anIntegerColumnsRangeComesFromTheFilesStatisticsOverDeletesAndNulls() {
    append(7, "odd", "n7");
    append(3, "odd", null);
    append(12, "even", "n12");
    assertEquals(List.of(3L, 12L), ranged("id"), "over the three files of two partitions");
    assertTrue(reader().integerRange("note").isEmpty(), "a text column's statistics are no integer range");
    assertTrue(reader().integerRange("part").isEmpty(), "a partition column has no statistics in its files");
    DeltaTable.forPath(spark, path()).delete("id = 12");
    assertEquals(List.of(3L, 7L), ranged("id"), "the deleted file's values are gone");
    DeltaTable.forPath(spark, path()).delete("id IN (3, 7)");
    assertEquals(List.of(), ranged("id"), "no row left");

    // A file whose only values of the column are NULL holds none of its range; one without statistics: unknown.
    StructType withScore = new StructType().add("id", DataTypes.LongType).add("score", DataTypes.IntegerType);
    String scores = tmp.resolve("scores").toString();
    spark.createDataFrame(List.of(RowFactory.create(1L, null)), withScore).write().format("delta").save(scores);
    spark.createDataFrame(List.of(RowFactory.create(2L, 40), RowFactory.create(3L, -5)), withScore).write()
        .format("delta").mode("append").save(scores);
    DeltaTableReader scored = DeltaTableReader.open(lake.fileSystem(), new Path(scores)).orElseThrow();
    assertEquals(List.of(-5L, 40L), Arrays.stream(scored.integerRange("score").orElseThrow()).boxed()
        .collect(Collectors.toList()));
    spark.conf().set("spark.databricks.delta.stats.collect", "false");
    try {
      spark.createDataFrame(List.of(RowFactory.create(4L, 1)), withScore).write().format("delta").mode("append")
          .save(scores);
    } finally {
      spark.conf().unset("spark.databricks.delta.stats.collect");
    }
    assertTrue(DeltaTableReader.open(lake.fileSystem(), new Path(scores)).orElseThrow().integerRange("score")
        .isEmpty(), "a file without statistics: the range cannot be told");
  }

  private List<Long> ranged(String column) {
    return Arrays.stream(reader().integerRange(column).orElseThrow()).boxed().collect(Collectors.toList());
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

  @Test
  void intValuesReadsOneIntColumnOfEveryLiveFileSkippingNullsAndRefusesOtherColumns() {
    StructType schema = new StructType().add("key", DataTypes.IntegerType, true).add("name", DataTypes.StringType, true);
    String table = tmp.resolve("keys").toString();
    spark.createDataFrame(List.of(RowFactory.create(30, "c"), RowFactory.create(null, "none")), schema).write()
        .format("delta").save(table);
    spark.createDataFrame(List.of(RowFactory.create(4, "a"), RowFactory.create(12, "b")), schema).write()
        .format("delta").mode("append").save(table);
    // A file removed by a later commit is not read: 30 is deleted.
    DeltaTable.forPath(spark, table).delete("key = 30");
    DeltaTableReader reader = DeltaTableReader.open(lake.fileSystem(), new Path(table)).orElseThrow();
    int[] keys = reader.intValues("key");
    Arrays.sort(keys);
    assertEquals(List.of(4, 12), Arrays.stream(keys).boxed().collect(Collectors.toList()));
    IllegalArgumentException string = assertThrows(IllegalArgumentException.class, () -> reader.intValues("name"));
    assertTrue(string.getMessage().contains("column name is not an INT data column (string)"), string.getMessage());
    assertThrows(IllegalArgumentException.class, () -> reader.intValues("missing"));
  }
}
