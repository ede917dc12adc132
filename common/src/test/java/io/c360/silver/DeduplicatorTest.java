package io.c360.silver;

import static io.c360.catalog.Catalog.LOYALTY_TRANSACTIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class DeduplicatorTest extends SilverTestBase {

  private static Row candidate(long run, String file, long line, String loyaltyId, String at, String points) {
    return RowFactory.create(Candidates.row(run, file, line, "sha", "raw", null, false, null,
        new String[] {loyaltyId, at, points, "Purchase"}));
  }

  @Test
  void lastRunFileAndLineWinsPerCompositeKeyWhateverThePartitioning() {
    List<Row> rows = List.of(
        candidate(2, "a.csv", 5, "7", "2025-01-01 00:00:00", "1"),
        candidate(2, "b.csv", 2, "7", "2025-01-01 00:00:00", "2"),
        candidate(1, "z.csv", 9, "7", "2025-01-01 00:00:00", "3"),
        candidate(2, "b.csv", 3, "7", "2025-01-01 00:00:00", "4"),
        candidate(1, "z.csv", 1, "7", "2025-01-02 00:00:00", "5"),
        candidate(1, "z.csv", 10, "8", "2025-01-01 00:00:00", "6"),
        candidate(1, "z.csv", 2, "8", "2025-01-01 00:00:00", "7"));
    // 1 and 4 partitions through the shuffle; 4 partitions said to hold few rows, in one task without one.
    for (long[] partitionsAndRows : new long[][] {{1, Long.MAX_VALUE}, {4, Long.MAX_VALUE}, {4, rows.size()}}) {
      int partitions = (int) partitionsAndRows[0];
      Dataset<Row> deduped = new Deduplicator(LOYALTY_TRANSACTIONS).lastWins(Candidates.typed(
              spark.createDataFrame(rows, Candidates.schema(LOYALTY_TRANSACTIONS)).repartition(partitions),
              LOYALTY_TRANSACTIONS), partitionsAndRows[1]);
      boolean oneTask = partitionsAndRows[1] <= Deduplicator.ONE_TASK_MAX_ROWS;
      String plan = deduped.queryExecution().executedPlan().toString();
      assertEquals(oneTask || partitions == 1 ? 1 : 2, plan.split("Exchange", -1).length - 1,
          "the input's repartition, then the aggregate's own exchange unless in one partition: " + plan);
      List<List<Object>> winners = new ArrayList<>();
      for (Row r : deduped
          .orderBy("LoyaltyID", "DateTime")
          .select("LoyaltyID", "DateTime", "PointsChange", Lineage.RUN_ID, Lineage.SOURCE_FILE, Lineage.SOURCE_LINE)
          .collectAsList()) {
        winners.add(values(r));
      }
      assertEquals(List.of(
          row(7, LocalDateTime.of(2025, 1, 1, 0, 0), 4, 2L, "b.csv", 3L),
          row(7, LocalDateTime.of(2025, 1, 2, 0, 0), 5, 1L, "z.csv", 1L),
          row(8, LocalDateTime.of(2025, 1, 1, 0, 0), 6, 1L, "z.csv", 10L)), winners, partitions + " partitions"
          + (oneTask ? ", one task" : ""));
    }
  }
}
