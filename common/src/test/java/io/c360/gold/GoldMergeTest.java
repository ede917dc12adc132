package io.c360.gold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.lake.SparkTestBase;
import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** One MERGE of only the differing rows, on a real Delta table; expected rows and change feeds written by hand. */
class GoldMergeTest extends SparkTestBase {
  private static final StructType SCHEMA = new StructType().add("CustomerID", DataTypes.IntegerType)
      .add("ProductID", DataTypes.IntegerType).add("Cents", DataTypes.LongType);

  private Dataset<Row> rows(Object[]... rows) {
    List<Row> data = new ArrayList<>();
    for (Object[] r : rows) {
      data.add(RowFactory.create(r));
    }
    return spark.createDataFrame(data, SCHEMA);
  }

  private String path() {
    return lake.gold("Sales").toString();
  }

  private GoldMerge merge() {
    return GoldMerge.into(spark, lake.fileSystem(), path(), List.of("CustomerID", "ProductID")).changeFeed(true);
  }

  private List<List<Object>> table() {
    List<List<Object>> rows = new ArrayList<>();
    for (Row row : spark.read().format("delta").load(path()).orderBy("CustomerID", "ProductID").collectAsList()) {
      rows.add(values(row));
    }
    return rows;
  }

  private long version() {
    return DeltaTable.forPath(spark, path()).history(1).first().<Long>getAs("version");
  }

  /** The last commit's change feed as CustomerID|ProductID|Cents|type, sorted. */
  private List<String> lastChanges() {
    List<String> changes = new ArrayList<>();
    for (Row r : spark.read().format("delta").option("readChangeFeed", "true").option("startingVersion", version())
        .load(path()).collectAsList()) {
      changes.add(r.get(0) + "|" + r.get(1) + "|" + r.get(2) + "|" + r.getAs("_change_type"));
    }
    changes.sort(null);
    return changes;
  }

  @Test
  void mergesOnlyTheRowsThatDifferMatchingNullKeysAndDeletingVanishedOnes() {
    // A NULL customer and a NULL product are keys like any other (an order without a customer is its own group).
    assertTrue(merge().replaceAll(rows(r(1, 10, 100L), r(1, 11, 5L), r(2, 10, 7L), r(null, 10, 3L),
        r(3, null, 1L))).committed);
    long created = version();

    // (1,10) changes, (1,11) stays, (2,10) vanishes, (null,10) changes, (3,null) stays, (4,10) is new.
    GoldMerge.Outcome merged = merge().replaceAll(rows(r(1, 10, 150L), r(1, 11, 5L), r(null, 10, 4L),
        r(3, null, 1L), r(4, 10, 9L)));
    assertTrue(merged.committed);
    assertEquals(List.of(4L, 1L, 1L), List.of(merged.changed, merged.inserted, merged.deleted),
        "changed, inserted, deleted");
    assertEquals(created + 1, version(), "one commit");
    assertEquals(List.of(row(null, 10, 4L), row(1, 10, 150L), row(1, 11, 5L), row(3, null, 1L), row(4, 10, 9L)),
        table());
    assertEquals(List.of("1|10|100|update_preimage", "1|10|150|update_postimage", "2|10|7|delete",
        "4|10|9|insert", "null|10|3|update_preimage", "null|10|4|update_postimage"), lastChanges());

    // The same rows again: nothing differs, nothing is committed.
    assertFalse(merge().replaceAll(rows(r(1, 10, 150L), r(1, 11, 5L), r(null, 10, 4L), r(3, null, 1L),
        r(4, 10, 9L))).committed);
    assertEquals(created + 1, version());
  }

  @Test
  void aScopedMergeReplacesTheRowsOfTheGivenKeysAndLeavesTheOthers() {
    merge().replaceAll(rows(r(1, 10, 100L), r(1, 11, 5L), r(2, 10, 7L), r(null, 10, 3L)));
    Dataset<Row> customers = spark.createDataFrame(List.of(RowFactory.create(1), RowFactory.create((Object) null)),
        new StructType().add("CustomerID", DataTypes.IntegerType));

    // Customer 1 now bought product 11 only, for more; the order without a customer is gone. Customer 2 is out of
    // scope: absent from the fresh rows, yet kept.
    assertTrue(merge().replaceScope(rows(r(1, 11, 6L)), KeyFilter.of(customers, "CustomerID")).committed);
    assertEquals(List.of(row(1, 11, 6L), row(2, 10, 7L)), table());
    assertEquals(List.of("1|10|100|delete", "1|11|5|update_preimage", "1|11|6|update_postimage", "null|10|3|delete"),
        lastChanges());
  }

  @Test
  void aTableWhoseColumnsChangedIsWrittenWhole() {
    merge().replaceAll(rows(r(1, 10, 100L)));
    Dataset<Row> wider = rows(r(1, 10, 100L)).withColumn("Orders", org.apache.spark.sql.functions.lit(1L));
    assertTrue(merge().replaceAll(wider).committed);
    assertEquals(List.of(row(1, 10, 100L, 1L)), table());
  }

  @Test
  void moreChangesThanTheDriverTakesAreMergedFromTheExecutorsWithTheSameResult() {
    merge().replaceAll(rows(r(1, 10, 100L), r(1, 11, 5L), r(2, 10, 7L)));
    // One changed value at most on the driver: the three changes below stay on the executors.
    GoldMerge.Outcome merged = merge().localCells(1).replaceAll(rows(r(1, 10, 150L), r(1, 11, 5L), r(4, 10, 9L)));
    assertEquals(List.of(3L, 1L, 1L), List.of(merged.changed, merged.inserted, merged.deleted),
        "changed, inserted, deleted");
    assertEquals(List.of(row(1, 10, 150L), row(1, 11, 5L), row(4, 10, 9L)), table());
    assertEquals(List.of("1|10|100|update_preimage", "1|10|150|update_postimage", "2|10|7|delete", "4|10|9|insert"),
        lastChanges());
    assertFalse(merge().localCells(1).replaceAll(rows(r(1, 10, 150L), r(1, 11, 5L), r(4, 10, 9L))).committed);
  }

  @Test
  void aWholeTableHalfOfWhoseRowsDifferIsOverwrittenAndOneLessIsMerged() {
    // Any number of changed rows counts here; by default a table is overwritten only beyond 10,000 of them.
    merge().replaceAll(rows(r(1, 10, 100L), r(1, 11, 5L), r(2, 10, 7L), r(3, 10, 1L)));
    long created = version();

    // One row of four differs: merged, the feed names that row only.
    GoldMerge.Outcome merged = merge().overwriteWhen(0.5, 0)
        .replaceAll(rows(r(1, 10, 150L), r(1, 11, 5L), r(2, 10, 7L), r(3, 10, 1L)));
    assertFalse(merged.whole);
    assertEquals(List.of("1|10|100|update_preimage", "1|10|150|update_postimage"), lastChanges());

    // Two of four differ (one updated, one deleted): overwritten in one commit; the counts are still the diff's, and
    // the feed deletes every old row and inserts every new one (publish nets them per group).
    GoldMerge.Outcome overwritten = merge().overwriteWhen(0.5, 0)
        .replaceAll(rows(r(1, 10, 150L), r(1, 11, 6L), r(2, 10, 7L)));
    assertTrue(overwritten.committed);
    assertTrue(overwritten.whole);
    assertEquals(List.of(2L, 0L, 1L), List.of(overwritten.changed, overwritten.inserted, overwritten.deleted),
        "changed, inserted, deleted");
    assertEquals(created + 2, version(), "one commit each");
    assertEquals(List.of(row(1, 10, 150L), row(1, 11, 6L), row(2, 10, 7L)), table());
    assertEquals(List.of("1|10|150|delete", "1|10|150|insert", "1|11|5|delete", "1|11|6|insert", "2|10|7|delete",
        "2|10|7|insert", "3|10|1|delete"), lastChanges());
  }

  @Test
  void aStateIsOverwrittenWithoutComparing() {
    merge().replaceAll(rows(r(1, 10, 100L), r(2, 10, 7L)));
    long created = version();
    GoldMerge.Outcome outcome = merge().overwrite(rows(r(1, 10, 100L), r(2, 10, 8L)));
    assertTrue(outcome.committed);
    assertTrue(outcome.whole);
    assertEquals(-1, outcome.changed, "not compared: unknown");
    assertEquals(created + 1, version());
    assertEquals(List.of(row(1, 10, 100L), row(2, 10, 8L)), table());
  }
}
