package io.c360.silver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class BronzeNamesTest {

  private static final String HIDDEN = ": names starting with '_' or '.' are hidden from Spark's readers; rename "
      + "the file";
  private static final String COLON = ": file name contains ':', which Hadoop paths cannot hold; rename the file";

  @Test
  void hiddenLookingFileNamesAreRefusedButNotHiddenLookingFolders() {
    for (String path : new String[] {"OnlineTransactions/_late.csv", "OnlineTransactions/.hidden.csv", "_x.csv"}) {
      assertEquals("bronze file " + path + HIDDEN, BronzeNames.problem(path));
    }
    assertNull(BronzeNames.problem("OnlineTransactions/_archive/2025-04-02.csv"));
    assertNull(BronzeNames.problem("OnlineTransactions/.old/late_.csv"));
    assertNull(BronzeNames.problem("Customers.csv"));
  }

  @Test
  void aColonAnywhereInThePathIsRefused() {
    for (String path : new String[] {"OnlineTransactions/2025:04.csv", "OnlineTransactions/a:b/x.csv", "_a:b.csv"}) {
      assertEquals("bronze file " + path + COLON, BronzeNames.problem(path));
    }
  }

  @Test
  void globCharactersSpacesAndNonAsciiAreFine() {
    for (String name : new String[] {"a[1].csv", "a*b.csv", "what?.csv", "no#1.csv", "100%.csv", "a b.csv",
        "Z\u00fcrich \u6771\u4eac.csv", "{a,b}.csv"}) {
      assertNull(BronzeNames.problem("OnlineTransactions/" + name), name);
    }
  }

  @Test
  void tablesReadTheirTopFileAndCsvFilesAtAnyDepthOfTheirFolder() {
    java.util.Set<String> present = java.util.Set.of("Customers/a.csv", "Customers/.a.csv.crc");
    for (String claimed : new String[] {"Customers.csv", "Customers/a.csv", "Customers/2025/b.CSV", "manifest.json",
        "Customers/.a.csv.crc"}) {
      assertFalse(BronzeNames.unclaimed(claimed, present), claimed);
    }
    for (String unclaimed : new String[] {"customers.csv", "Customer.csv", "Orders.csv", "Stuff/a.csv",
        "Customers/notes.txt", "Customers/.b.csv.crc", "Customers.CSV", "Customers/manifest.json", "notes.txt"}) {
      assertTrue(BronzeNames.unclaimed(unclaimed, present), unclaimed);
    }
  }

  @Test
  void anUnknownFileIsToldWhatTablesReadAndWhichTableItMayHaveMeant() {
    String expected = " matches no table: expected bronze/<Table>.csv or bronze/<Table>/*.csv";
    assertEquals("bronze file customers.csv" + expected + "; did you mean Customers?",
        BronzeNames.unknown("customers.csv"));
    assertEquals("bronze file Customer.csv" + expected + "; did you mean Customers?",
        BronzeNames.unknown("Customer.csv"));
    assertEquals("bronze file onlinetransaction/x.csv" + expected + "; did you mean OnlineTransactions?",
        BronzeNames.unknown("onlinetransaction/x.csv"));
    assertEquals("bronze file Orders.csv" + expected, BronzeNames.unknown("Orders.csv"));
    assertEquals("bronze file Customers.CSV" + expected + "; did you mean Customers?",
        BronzeNames.unknown("Customers.CSV"));
    assertEquals("bronze file Products/list.txt matches no table: only *.csv files under bronze/Products/ are read",
        BronzeNames.unknown("Products/list.txt"));
  }
}
