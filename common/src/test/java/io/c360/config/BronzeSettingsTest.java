package io.c360.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import org.junit.jupiter.api.Test;

class BronzeSettingsTest {

  @Test
  void asciiCompatibleCharsetsAreSplittableWideOnesAreNot() {
    for (String name : new String[] {"UTF-8", "windows-1252", "ISO-8859-1", "ISO-8859-15", "US-ASCII"}) {
      assertTrue(BronzeSettings.isSplittable(Charset.forName(name)), name);
    }
    for (String name : new String[] {"UTF-16", "UTF-16BE", "UTF-16LE", "UTF-32", "UTF-32BE"}) {
      assertFalse(BronzeSettings.isSplittable(Charset.forName(name)), name);
    }
  }
}
