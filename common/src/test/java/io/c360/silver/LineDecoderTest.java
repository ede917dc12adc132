package io.c360.silver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineDecoderTest {

  private static final LineDecoder UTF_8 = new LineDecoder(StandardCharsets.UTF_8);

  /** "Ren" 0xE9 ",x": 'é' in windows-1252, a broken sequence in UTF-8. */
  private static final byte[] CP1252_E_ACUTE = {'R', 'e', 'n', (byte) 0xE9, ',', 'x'};

  @Test
  void validBytesDecodeAsTheyAre() {
    LineDecoder.Line line = UTF_8.decode("1,Zoë \uD83D\uDE00,\"a,b\"".getBytes(StandardCharsets.UTF_8));
    assertTrue(line.valid());
    assertEquals("1,Zoë \uD83D\uDE00,\"a,b\"", line.text());
    assertEquals(line.text(), line.raw());
  }

  @Test
  void invalidBytesAreMarkedForTheParserAndShownAsReplacementInTheRawLine() {
    LineDecoder.Line line = UTF_8.decode(CP1252_E_ACUTE);
    assertFalse(line.valid());
    assertEquals("Ren\u0000,x", line.text(), "the comma after the bad byte is still a comma");
    assertEquals("Ren\uFFFD,x", line.raw());
  }

  @Test
  void aGenuineReplacementCharacterIsValid() {
    assertTrue(UTF_8.decode("a\uFFFDb".getBytes(StandardCharsets.UTF_8)).valid());
  }

  @Test
  void theSameBytesAreValidInWindows1252() {
    LineDecoder.Line line = new LineDecoder(Charset.forName("windows-1252")).decode(CP1252_E_ACUTE);
    assertTrue(line.valid());
    assertEquals("René,x", line.text());
  }

  @Test
  void aBadByteMakesItsFieldABadValueNotTheWholeLineMalformed() {
    byte[] bytes = {'1', ',', 'R', 'e', 'n', (byte) 0xE9, ',', 'a', '@', 'x', ',', 'a', 'd', 'd', 'r'};
    assertEquals("BAD_VALUE:Name", new RecordParser(io.c360.catalog.Catalog.CUSTOMERS)
        .parse(UTF_8.decode(bytes).text()).reason());
    byte[] id = {'1', (byte) 0xC3, ',', 'A', 'n', 'n', ',', 'a', '@', 'x', ',', 'a', 'd', 'd', 'r'};
    assertEquals("BAD_VALUE:CustomerID", new RecordParser(io.c360.catalog.Catalog.CUSTOMERS)
        .parse(UTF_8.decode(id).text()).reason(), "a truncated UTF-8 sequence in an INT column");
  }
}
