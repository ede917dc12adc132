package io.c360.silver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class BronzeNamesTest {

  @Test
  void hiddenLookingFileNamesAreRefusedButNotHiddenLookingFolders() {
    assertEquals("bronze file OnlineTransactions/_late.csv: names starting with '_' or '.' are hidden from "
        + "Spark's readers; rename the file", BronzeNames.problem("OnlineTransactions/_late.csv"));
    assertEquals("bronze file OnlineTransactions/.hidden.csv: names starting with '_' or '.' are hidden from "
        + "Spark's readers; rename the file", BronzeNames.problem("OnlineTransactions/.hidden.csv"));
    assertNull(BronzeNames.problem("OnlineTransactions/_archive/2025-04-02.csv"));
    assertNull(BronzeNames.problem("OnlineTransactions/.old/late_.csv"));
    assertNull(BronzeNames.problem("Customers.csv"));
  }

  @Test
  void aColonAnywhereInThePathIsRefused() {
    assertEquals("bronze file OnlineTransactions/2025:04.csv: file name contains ':', which Hadoop paths cannot "
        + "hold; rename the file", BronzeNames.problem("OnlineTransactions/2025:04.csv"));
    assertEquals("bronze file OnlineTransactions/a:b/x.csv: file name contains ':', which Hadoop paths cannot "
        + "hold; rename the file", BronzeNames.problem("OnlineTransactions/a:b/x.csv"));
  }

  @Test
  void globCharactersSpacesAndNonAsciiAreFine() {
    for (String name : new String[] {"a[1].csv", "a*b.csv", "what?.csv", "no#1.csv", "100%.csv", "a b.csv",
        "Z\u00fcrich \u6771\u4eac.csv", "{a,b}.csv"}) {
      assertNull(BronzeNames.problem("OnlineTransactions/" + name), name);
    }
  }
}
