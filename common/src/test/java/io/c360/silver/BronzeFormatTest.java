package io.c360.silver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BronzeFormatTest {

  @Test
  void defaultIsUtf8AndNamesAreCanonical() {
    assertEquals("UTF-8", BronzeFormat.DEFAULT.encoding());
    assertEquals(32, BronzeFormat.DEFAULT.maxRecordLines());
    assertThrows(IllegalArgumentException.class, () -> new BronzeFormat("UTF-8", 0));
    assertEquals("windows-1252", new BronzeFormat("cp1252", 32).encoding());
    assertEquals("ISO-8859-1", new BronzeFormat("latin1", 32).encoding());
  }

  @Test
  void charsetsWhoseSeparatorsAreNotSingleAsciiBytesAreRefused() {
    for (String wide : new String[] {"UTF-16", "UTF-16LE", "UTF-32"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BronzeFormat(wide, 32));
      assertTrue(e.getMessage().contains(wide) && e.getMessage().contains("single ASCII bytes"), e.getMessage());
    }
  }
}
