package io.c360.silver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvLineTest {

  @Test
  void aQuotedFieldMayHoldLineBreaks() {
    assertEquals(List.of("7", "Ann", "12 Main St\nApt 4", "x"), CsvLine.split("7,Ann,\"12 Main St\nApt 4\",x"));
    assertEquals(List.of("a\n\n\"b\"\n"), CsvLine.split("\"a\n\n\"\"b\"\"\n\""));
  }

  @Test
  void aLineEndsInQuotesWhenAFieldItOpensIsStillOpen() {
    assertFalse(CsvLine.endsInQuotes("1,Ann,a@x.com,addr", false));
    assertTrue(CsvLine.endsInQuotes("1,Ann,a@x.com,\"12 Main St", false));
    assertTrue(CsvLine.endsInQuotes("1,Ann,a@x.com,  \"12 Main St", false), "blanks may come before the quote");
    assertFalse(CsvLine.endsInQuotes("1,\"Ann, Lee\",a@x.com,\"12 \"\"Oak\"\" St\"", false));
    assertTrue(CsvLine.endsInQuotes("1,Ann,a@x.com,\"say \"\"hi\"\"", false), "doubled quotes do not close");
    assertFalse(CsvLine.endsInQuotes("1,Ann\"s,a@x.com,addr", false), "a quote inside an unquoted field opens nothing");
    assertFalse(CsvLine.endsInQuotes("1,\"Ann\" \"x,a@x.com,addr", false), "nor one after a closed field");
  }

  @Test
  void aLineThatBeginsInsideQuotesEndsThemAtTheirClosingQuote() {
    assertTrue(CsvLine.endsInQuotes("Apt 4", true));
    assertTrue(CsvLine.endsInQuotes("", true), "a blank line inside a quoted field is content");
    assertFalse(CsvLine.endsInQuotes("Apt 4\",x", true));
    assertTrue(CsvLine.endsInQuotes("Apt \"\"4\"\"", true));
    assertTrue(CsvLine.endsInQuotes("Apt 4\",\"next field", true), "closes, then opens another");
    assertFalse(CsvLine.endsInQuotes("\"", true));
  }

  @Test
  void brokenQuotingIsNull() {
    assertNull(CsvLine.split("1,\"open"));
    assertNull(CsvLine.split("1,Ann\"s"));
    assertNull(CsvLine.split("1,\"Ann\" x"));
  }
}
