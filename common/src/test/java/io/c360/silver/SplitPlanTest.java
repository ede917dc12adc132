package io.c360.silver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SplitPlanTest {

  @Test
  void aWholeFileStartsAtLineOneWithNothingOpenAndIsItsOwnLastSplit() {
    assertEquals(0, SplitPlan.WHOLE_FILE.linesBefore());
    assertEquals(0, SplitPlan.WHOLE_FILE.openLines());
    assertTrue(SplitPlan.WHOLE_FILE.isLast());
    SplitPlan middle = new SplitPlan(120, 3, 8192);
    assertFalse(middle.isLast());
    assertEquals(8192, middle.nextStart());
  }

  @Test
  void negativeCountsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new SplitPlan(-1, 0, -1));
    assertThrows(IllegalArgumentException.class, () -> new SplitPlan(0, -1, -1));
  }
}
