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
}
