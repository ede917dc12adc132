package io.c360.silver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.c360.catalog.Catalog;
import io.c360.catalog.Column;
import org.junit.jupiter.api.Test;

class StrictValuesTest {

  /** Customers.Name is VARCHAR(100). */
  private static final Column NAME = Catalog.CUSTOMERS.column("Name");
  /** U+1F600, one code point, two UTF-16 code units. */
  private static final String EMOJI = "\uD83D\uDE00";

  @Test
  void textLengthIsCountedInUtf16CodeUnits() {
    assertEquals("x".repeat(100), StrictValues.check(NAME, "x".repeat(100)));
    assertNull(StrictValues.check(NAME, "x".repeat(101)));
    assertEquals(EMOJI.repeat(50), StrictValues.check(NAME, EMOJI.repeat(50)));
    assertNull(StrictValues.check(NAME, EMOJI.repeat(51)), "51 emoji are 102 units");
    assertNull(StrictValues.check(NAME, EMOJI.repeat(100)), "100 code points, 200 units: H2 refuses it");
    assertEquals(EMOJI.repeat(49) + "xx", StrictValues.check(NAME, EMOJI.repeat(49) + "xx"));
    assertNull(StrictValues.check(NAME, EMOJI.repeat(50) + "x"));
    assertEquals("é".repeat(100), StrictValues.check(NAME, "é".repeat(100)), "é is one unit");
  }

  @Test
  void nulIsABadValue() {
    assertNull(StrictValues.check(NAME, "Ann\u0000Lee"));
    assertNull(StrictValues.check(NAME, "\u0000"));
  }

  @Test
  void unpairedSurrogatesAreBadValuesPairedOnesAreNot() {
    assertNull(StrictValues.check(NAME, "Ann\uD83D"), "high surrogate at the end");
    assertNull(StrictValues.check(NAME, "\uDE00Ann"), "low surrogate first");
    assertNull(StrictValues.check(NAME, "A\uD83Dx"), "high surrogate followed by a letter");
    assertNull(StrictValues.check(NAME, "A\uDE00\uD83D"), "pair in the wrong order");
    assertEquals("A" + EMOJI + "B", StrictValues.check(NAME, "A" + EMOJI + "B"));
  }
}
