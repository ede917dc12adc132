package io.c360.silver;

import static io.c360.catalog.Catalog.CUSTOMERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

class ReconciliationTest {

  private static BronzeFile file(String name) {
    return new BronzeFile(new Path("/lake/bronze/" + name), name, 10, "sha");
  }

  // a.csv: 5 rows, 1 malformed, 4 accepted of which 3 survive; bad.csv refused; 3 orphans re-admitted, one
  // rejected again, two accepted of which one is stale (a later version is in silver).
  private final Tally tally = Tally.of(0)
      .with("a.csv", false, null, 4).with("a.csv", false, "MALFORMED", 1)
      .with("bad.csv", false, "MALFORMED", 2)
      .with("old.csv", true, null, 2).with("old.csv", true, "EXPECTATION:x", 1);
  private final List<BronzeFile> files = List.of(file("a.csv"), file("bad.csv"));
  private final Map<String, String> refused = Map.of("bad.csv", "bronze file bad.csv: refused");

  @Test
  void countsPerFileAndForReadmittedOrphansReconcile() {
    SilverResult result = new Reconciliation(CUSTOMERS, 4)
        .reconcile(files, tally, refused, Map.of("a.csv", 3L), 2, 1, new SilverWriter.Commit(7, 2, 2));
    assertEquals("read 5 + readmitted 0 = upserted 3 + duplicates 1 + quarantined 1",
        result.files().get(0).counts().toString());
    assertFalse(result.files().get(1).isIngested());
    assertEquals("bronze file bad.csv: refused", result.files().get(1).error());
    assertEquals("read 0 + readmitted 3 = upserted 1 + duplicates 1 + quarantined 1", result.readmitted().toString());
    assertEquals("read 5 + readmitted 3 = upserted 4 + duplicates 2 + quarantined 2", result.total().toString());
    assertEquals(7, result.silverVersion());
  }

  @Test
  void commitThatAppliedOtherRowsFails() {
    ReconciliationException e = assertThrows(ReconciliationException.class, () -> new Reconciliation(CUSTOMERS, 4)
        .reconcile(files, tally, refused, Map.of("a.csv", 3L), 2, 1, new SilverWriter.Commit(7, 4, 1)));
    assertTrue(e.getMessage().contains("silver Customers does not reconcile in run 4"), e.getMessage());
    assertTrue(e.getMessage().contains("MERGE applied 5 rows (inserted 4, updated 1)"), e.getMessage());
  }
}
