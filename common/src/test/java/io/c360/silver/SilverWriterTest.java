package io.c360.silver;

import static io.c360.catalog.Catalog.CUSTOMERS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class SilverWriterTest extends SilverTestBase {

  /** De-duplicated customers: (run, file, line, id, name), readmitted as given. */
  private Dataset<Row> deduped(boolean readmitted, Object[]... rows) {
    List<Row> list = new java.util.ArrayList<>();
    for (Object[] r : rows) {
      list.add(RowFactory.create(Candidates.row((Long) r[0], (String) r[1], (Long) r[2], "sha", "raw", null,
          readmitted, null, new String[] {(String) r[3], (String) r[4], "e@x.com", "addr"})));
    }
    return Candidates.typed(spark.createDataFrame(list, Candidates.schema(CUSTOMERS)), CUSTOMERS)
        .select("CustomerID", "Name", "Email", "Address", Lineage.RUN_ID, Lineage.SOURCE_FILE, Lineage.SOURCE_LINE,
            Candidates.READMITTED);
  }

  @Test
  void firstWriteThenMergeUpdatesOnlyWithLaterVersionsAndCountsFromTheCommit() {
    SilverWriter writer = new SilverWriter(spark, lake, CUSTOMERS);
    SilverWriter.Commit first = writer.write(deduped(false,
        new Object[] {2L, "c.csv", 2L, "1", "Ann"}, new Object[] {2L, "c.csv", 3L, "2", "Bob"})
        .drop(Candidates.READMITTED));
    assertEquals(0, first.version);
    assertEquals(2, first.inserted);
    assertEquals(0, first.updated);

    // Key 1 from an older run must not replace run 2's version; key 2 from a later run does; key 3 is new.
    Dataset<Row> next = deduped(true,
        new Object[] {1L, "old.csv", 9L, "1", "Old Ann"}, new Object[] {3L, "d.csv", 2L, "2", "Robert"},
        new Object[] {3L, "d.csv", 3L, "3", "Cy"});
    assertEquals(1, writer.stale(next), "the re-admitted older key 1 is stale");
    SilverWriter.Commit second = writer.write(next.drop(Candidates.READMITTED));
    assertEquals(1, second.version);
    assertEquals(1, second.inserted);
    assertEquals(1, second.updated);
    assertEquals(List.of(row(1, "Ann", "e@x.com", "addr"), row(2, "Robert", "e@x.com", "addr"),
        row(3, "Cy", "e@x.com", "addr")), silver(CUSTOMERS));
  }

  @Test
  void keysOutsideSilversRangeAreAppendedAndKeysInsideItMerged() {
    SilverWriter writer = new SilverWriter(spark, lake, CUSTOMERS);
    writer.write(deduped(false, new Object[] {1L, "a.csv", 2L, "10", "Ann"},
        new Object[] {1L, "a.csv", 3L, "20", "Bob"}).drop(Candidates.READMITTED));
    // Keys 30 and 31 lie above silver's 10..20, key 5 below it: none can be in silver, so they are appended.
    SilverWriter.Commit above = writer.write(deduped(false, new Object[] {2L, "b.csv", 2L, "30", "Cy"},
        new Object[] {2L, "b.csv", 3L, "31", "Dee"}).drop(Candidates.READMITTED));
    assertEquals(List.of(1L, 2L, 0L), List.of(above.version, above.inserted, above.updated));
    assertEquals("WRITE Append", operation(above.version));
    SilverWriter.Commit below = writer.write(deduped(false, new Object[] {3L, "c.csv", 2L, "5", "Eve"})
        .drop(Candidates.READMITTED));
    assertEquals(List.of(2L, 1L, 0L), List.of(below.version, below.inserted, below.updated));
    assertEquals("WRITE Append", operation(below.version));

    // Key 15 falls inside silver's 5..31 although silver has no 15, and key 20 is silver's: a MERGE.
    SilverWriter.Commit inside = writer.write(deduped(false, new Object[] {4L, "d.csv", 2L, "15", "Fay"},
        new Object[] {4L, "d.csv", 3L, "20", "Robert"}).drop(Candidates.READMITTED));
    assertEquals(List.of(3L, 1L, 1L), List.of(inside.version, inside.inserted, inside.updated));
    assertEquals("MERGE", operation(inside.version));

    // No row: no commit, as a MERGE of nothing writes none.
    SilverWriter.Commit none = writer.write(deduped(false).drop(Candidates.READMITTED));
    assertEquals(List.of(3L, 0L, 0L), List.of(none.version, none.inserted, none.updated));
    assertEquals(List.of(row(5, "Eve", "e@x.com", "addr"), row(10, "Ann", "e@x.com", "addr"),
        row(15, "Fay", "e@x.com", "addr"), row(20, "Robert", "e@x.com", "addr"), row(30, "Cy", "e@x.com", "addr"),
        row(31, "Dee", "e@x.com", "addr")), silver(CUSTOMERS));
  }

  /** Commit {@code version}'s operation, with its mode when it has one, as Delta's history shows it. */
  private String operation(long version) {
    Row commit = io.delta.tables.DeltaTable.forPath(spark, lake.silver(CUSTOMERS).toString()).history()
        .filter("version = " + version).select("operation", "operationParameters").first();
    String mode = commit.<String, String>getJavaMap(1).get("mode");
    return commit.getString(0) + (mode == null ? "" : " " + mode);
  }
}
