package io.c360.silver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

class RejectedShareCeilingTest {

  private static BronzeFile file(String name) {
    return new BronzeFile(new Path("/lake/bronze/" + name), name, 10, "sha");
  }

  @Test
  void fileAboveTheShareIsRefusedAndOrphansDoNotCount() {
    Tally tally = Tally.of(0)
        .with("half.csv", false, null, 2).with("half.csv", false, "MALFORMED", 2)
        .with("most.csv", false, null, 1).with("most.csv", false, "BAD_VALUE:Amount", 2)
        .with("orphans.csv", false, null, 1).with("orphans.csv", false, "ORPHAN:CustomerID", 9);
    Map<String, String> refused = new RejectedShareCeiling(0.5)
        .refused(List.of(file("half.csv"), file("most.csv"), file("orphans.csv"), file("empty.csv")), tally);
    assertEquals(List.of("most.csv"), List.copyOf(refused.keySet()));
    assertTrue(refused.get("most.csv").contains("most.csv: 2 of 3 rows rejected (66.7%), above "
        + "c360.quality.max-rejected-fraction = 0.5"), refused.get("most.csv"));
  }

  @Test
  void fractionOutsideZeroToOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new RejectedShareCeiling(1.5));
    assertThrows(IllegalArgumentException.class, () -> new RejectedShareCeiling(-0.1));
  }
}
