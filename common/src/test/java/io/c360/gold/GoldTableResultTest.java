package io.c360.gold;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The progress line of one state or gold table, for each outcome of its merge. */
class GoldTableResultTest {
  @Test
  void describesAMergeAWholeWriteAnOverwriteAndNoChange() {
    assertEquals("CustomerFacts: 5,812 rows changed (compute and compare 1.2 s, MERGE 2.3 s)",
        new GoldTableResult("CustomerFacts", new GoldMerge.Outcome(true, false, 5812, 10, 2, 1.24, 2.26)).describe());
    assertEquals("HomeStore: written whole (4.0 s)",
        new GoldTableResult("HomeStore", new GoldMerge.Outcome(true, true, -1, -1, -1, 0, 4.04)).describe());
    assertEquals("CustomerSegmentation: 100,000 rows changed, overwritten (compute and compare 4.0 s, write 2.5 s)",
        new GoldTableResult("CustomerSegmentation", new GoldMerge.Outcome(true, true, 100_000, 0, 0, 3.98, 2.46))
            .describe());
    assertEquals("PeakTimes: no row differs, not committed (compute and compare 0.7 s)",
        new GoldTableResult("PeakTimes", new GoldMerge.Outcome(false, false, 0, 0, 0, 0.66, 0)).describe());
  }
}
