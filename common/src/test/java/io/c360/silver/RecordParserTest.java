package io.c360.silver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.c360.catalog.Catalog;
import io.c360.catalog.Table;
import org.junit.jupiter.api.Test;

class RecordParserTest {

  private static RecordParser.Parsed parse(Table table, String line) {
    return new RecordParser(table).parse(line);
  }

  private static String reason(Table table, String line) {
    return parse(table, line).reason();
  }

  @Test
  void quotedFieldKeepsItsComma() {
    RecordParser.Parsed p = parse(Catalog.CUSTOMERS, "7,Ann Lee,ann@x.com,\"12 Oak St, Springfield\"");
    assertNull(p.reason());
    assertArrayEquals(new String[] {"7", "Ann Lee", "ann@x.com", "12 Oak St, Springfield"}, p.values());
  }

  @Test
  void doubledQuoteInsideQuotedFieldIsOneQuote() {
    RecordParser.Parsed p = parse(Catalog.CUSTOMERS, "7,\"Ann \"\"Al\"\" Lee\",a@x.com,\"1 A St, B\"");
    assertEquals("Ann \"Al\" Lee", p.values()[1]);
  }

  @Test
  void stringsAreTrimmedEmptyBecomesNullAndCategoriesTakeCanonicalSpelling() {
    RecordParser.Parsed p = parse(Catalog.PRODUCTS, " 3 ,  Lamp , eLeCtRoNiCs ,  ");
    assertNull(p.reason());
    assertArrayEquals(new String[] {"3", "Lamp", "Electronics", null}, p.values());
  }

  @Test
  void categoryOutsideDomainIsKeptForTheDomainExpectation() {
    assertEquals("Gadgets", parse(Catalog.PRODUCTS, "3,Lamp,Gadgets,1").values()[2]);
  }

  @Test
  void wrongFieldCountOrBrokenQuotingIsMalformed() {
    assertEquals("MALFORMED", reason(Catalog.CUSTOMERS, "7,Ann,a@x.com"));
    assertEquals("MALFORMED", reason(Catalog.CUSTOMERS, "7,Ann,a@x.com,1 Main St,extra"));
    assertEquals("MALFORMED", reason(Catalog.CUSTOMERS, "7,Ann,a@x.com,\"12 Oak St, Springfield"));
    assertEquals("MALFORMED", reason(Catalog.CUSTOMERS, "7,Ann,a@x.com,\"12 Oak\" St"));
  }

  @Test
  void integersMustBeLiteralsInRange() {
    assertEquals("BAD_VALUE:CustomerID", reason(Catalog.CUSTOMERS, "12x,Ann,a@x.com,addr"));
    assertEquals("BAD_VALUE:CustomerID", reason(Catalog.CUSTOMERS, "2147483648,Ann,a@x.com,addr"));
    assertEquals("BAD_VALUE:CustomerID", reason(Catalog.CUSTOMERS, "1.0,Ann,a@x.com,addr"));
    assertArrayEquals(new String[] {"-2147483648", "Ann", "a@x.com", "addr"},
        parse(Catalog.CUSTOMERS, "-2147483648,Ann,a@x.com,addr").values());
  }

  @Test
  void moneyIsNeverRounded() {
    assertEquals("BAD_VALUE:Price", reason(Catalog.PRODUCTS, "1,Lamp,Toys,12.345"));
    assertEquals("BAD_VALUE:Price", reason(Catalog.PRODUCTS, "1,Lamp,Toys,123456789"));
    assertEquals("BAD_VALUE:Price", reason(Catalog.PRODUCTS, "1,Lamp,Toys,abc"));
    assertEquals("BAD_VALUE:Price", reason(Catalog.PRODUCTS, "1,Lamp,Toys,1e3"));
    assertEquals("12.50", parse(Catalog.PRODUCTS, "1,Lamp,Toys,12.500").values()[3]);
    assertEquals("189.90", parse(Catalog.PRODUCTS, "1,Lamp,Toys,189.9").values()[3]);
    assertEquals("99999999.99", parse(Catalog.PRODUCTS, "1,Lamp,Toys,99999999.99").values()[3]);
  }

  @Test
  void datesAndTimestampsMustBeZeroPaddedAndValid() {
    String ok = "1,2025-03-09 02:30:00,10,Purchase";
    assertNull(reason(Catalog.LOYALTY_TRANSACTIONS, ok));
    assertEquals("2025-03-09 02:30:00", parse(Catalog.LOYALTY_TRANSACTIONS, ok).values()[1]);
    for (String bad : new String[] {"2025-3-9 02:30:00", "2025-02-30 10:00:00", "2025-03-01T10:00:00",
        "2025-03-01 24:00:00", "03/01/2025 10:00:00", "2025-03-01"}) {
      assertEquals("BAD_VALUE:DateTime", reason(Catalog.LOYALTY_TRANSACTIONS, "1," + bad + ",10,Purchase"), bad);
    }
    assertEquals("BAD_VALUE:JoinDate", reason(Catalog.LOYALTY_ACCOUNTS, "1,2,10,Gold,2025-13-01"));
    assertNull(reason(Catalog.LOYALTY_ACCOUNTS, "1,2,10,Gold,2024-02-29"));
  }

  @Test
  void textLongerThanItsColumnIsABadValue() {
    String name = "x".repeat(101);
    assertEquals("BAD_VALUE:Name", reason(Catalog.CUSTOMERS, "1," + name + ",a@x.com,addr"));
    assertNull(reason(Catalog.CUSTOMERS, "1," + "x".repeat(100) + ",a@x.com,addr"));
    assertEquals("BAD_VALUE:Name", reason(Catalog.CUSTOMERS, "1," + "\uD83D\uDE00".repeat(100) + ",a@x.com,addr"),
        "100 emoji are 200 UTF-16 units");
    assertEquals("BAD_VALUE:Address", reason(Catalog.CUSTOMERS, "1,Ann,a@x.com,1 Main\u0000St"));
  }

  @Test
  void firstBadColumnInCatalogOrderWinsAndBadValueComesBeforeNullKey() {
    assertEquals("BAD_VALUE:CustomerID", reason(Catalog.ONLINE_TRANSACTIONS,
        "1,x,y,2025-01-01 00:00:00,PayPal,1,Completed"));
    assertEquals("BAD_VALUE:Amount", reason(Catalog.ONLINE_TRANSACTIONS,
        ",1,2,2025-01-01 00:00:00,PayPal,1.001,Completed"));
  }

  @Test
  void anyNullPrimaryKeyColumnIsNullKey() {
    assertEquals("NULL_KEY", reason(Catalog.CUSTOMERS, " ,Ann,a@x.com,addr"));
    assertEquals("NULL_KEY", reason(Catalog.LOYALTY_TRANSACTIONS, "1,,10,Purchase"));
    assertEquals("NULL_KEY", reason(Catalog.LOYALTY_TRANSACTIONS, ",2025-01-01 00:00:00,10,Purchase"));
  }

  @Test
  void nullForeignKeyIsAcceptedHere() {
    assertNull(reason(Catalog.ONLINE_TRANSACTIONS, "1,,,2025-01-01 00:00:00,PayPal,,"));
  }
}
