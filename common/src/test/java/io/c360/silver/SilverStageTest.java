package io.c360.silver;

import static io.c360.catalog.Catalog.CUSTOMERS;
import static io.c360.catalog.Catalog.LOYALTY_ACCOUNTS;
import static io.c360.catalog.Catalog.LOYALTY_TRANSACTIONS;
import static io.c360.catalog.Catalog.ONLINE_TRANSACTIONS;
import static io.c360.catalog.Catalog.PRODUCTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.catalog.Table;
import io.c360.config.Expectation;
import io.c360.config.ExpectationAction;
import io.c360.ledger.FileCounts;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SilverStageTest extends SilverTestBase {

  private void customers(String... lines) {
    String[] all = new String[lines.length + 1];
    all[0] = header(CUSTOMERS);
    System.arraycopy(lines, 0, all, 1, lines.length);
    bronze("Customers.csv", all);
  }

  private void products() {
    bronze("Products.csv", header(PRODUCTS), "10,Lamp,Home Goods,20", "11,Book,Books,9.5");
  }

  @Test
  void typedNormalisedRowsReachSilver() {
    bronze("Products.csv", header(PRODUCTS), " 10 ,  Lamp , hOmE gOoDs , 20.5", "11,Book,Books,");
    runSilver();
    assertEquals(List.of(
        row(10, "Lamp", "Home Goods", dec("20.50")),
        row(11, "Book", "Books", null)), silver(PRODUCTS));
    Map<String, String> properties = io.delta.tables.DeltaTable.forPath(spark, lake.silver(PRODUCTS).toString())
        .detail().first().getJavaMap(io.delta.tables.DeltaTable.forPath(spark, lake.silver(PRODUCTS).toString())
            .detail().schema().fieldIndex("properties"));
    assertEquals("true", properties.get("delta.enableChangeDataFeed"), "publish reads the change data feed");
  }

  @Test
  void everyRejectGetsOneReasonWithItsFileLineAndRawText() {
    customers("1,Ann,a@x.com,\"1 Main St, Springfield\"",
        "2,Bob,b@x.com",
        "",
        "x3,Cy,c@x.com,addr",
        ",Dee,d@x.com,addr",
        "5,Eve,e@x.com,addr");
    products();
    bronze("OnlineTransactions/2025-03-01.csv", header(ONLINE_TRANSACTIONS),
        "100,1,10,2025-03-01 10:00:00,PayPal,20,Completed",
        "101,99,98,2025-03-01 10:00:00,PayPal,20,Completed",
        "102,1,98,2025-03-01 10:00:00,PayPal,20,Completed",
        "103,,,2025-03-01 10:00:00,PayPal,,Pending");
    SilverStageResult result = runSilver();

    assertEquals(List.of(row(1, "Ann", "a@x.com", "1 Main St, Springfield"), row(5, "Eve", "e@x.com", "addr")),
        silver(CUSTOMERS));
    assertEquals(List.of(
        row("Customers.csv", 3L, "MALFORMED", "2,Bob,b@x.com"),
        row("Customers.csv", 5L, "BAD_VALUE:CustomerID", "x3,Cy,c@x.com,addr"),
        row("Customers.csv", 6L, "NULL_KEY", ",Dee,d@x.com,addr")), quarantined(CUSTOMERS));
    assertEquals(List.of(
        row("OnlineTransactions/2025-03-01.csv", 3L, "ORPHAN:CustomerID",
            "101,99,98,2025-03-01 10:00:00,PayPal,20,Completed"),
        row("OnlineTransactions/2025-03-01.csv", 4L, "ORPHAN:ProductID",
            "102,1,98,2025-03-01 10:00:00,PayPal,20,Completed")), quarantined(ONLINE_TRANSACTIONS));
    assertEquals(List.of(100, 103), silver(ONLINE_TRANSACTIONS).stream().map(r -> r.get(0))
        .collect(java.util.stream.Collectors.toList()));
    FileCounts customers = result(result, CUSTOMERS).total();
    assertEquals("read 5 + readmitted 0 = upserted 2 + duplicates 0 + quarantined 3", customers.toString());
  }

  @Test
  void textTheTargetsCannotHoldIsABadValue() {
    String emoji = "\uD83D\uDE00";
    customers("1," + emoji.repeat(50) + ",a@x.com,addr",
        "2," + emoji.repeat(100) + ",b@x.com,addr",
        "3,Cy\u0000Lee,c@x.com,addr",
        "4,Dee,d@x.com," + "x".repeat(255));
    SilverStageResult result = runSilver();

    assertEquals(List.of(row(1, emoji.repeat(50), "a@x.com", "addr"), row(4, "Dee", "d@x.com", "x".repeat(255))),
        silver(CUSTOMERS));
    assertEquals(List.of(
        row("Customers.csv", 3L, "BAD_VALUE:Name", "2," + emoji.repeat(100) + ",b@x.com,addr"),
        row("Customers.csv", 4L, "BAD_VALUE:Name", "3,Cy\u0000Lee,c@x.com,addr")), quarantined(CUSTOMERS));
    assertEquals("read 4 + readmitted 0 = upserted 2 + duplicates 0 + quarantined 2",
        result(result, CUSTOMERS).total().toString());
  }

  /** A UTF-8 BOM and header, then 'é' as the single windows-1252 byte 0xE9 in a Name and an Address. */
  private void customersWithWindows1252Bytes() {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    bytes.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    bytes.writeBytes((header(CUSTOMERS) + "\n1,Ren").getBytes(StandardCharsets.US_ASCII));
    bytes.write(0xE9);
    bytes.writeBytes(",a@x.com,addr\n2,Bob,b@x.com,Caf".getBytes(StandardCharsets.US_ASCII));
    bytes.write(0xE9);
    bytes.writeBytes(" St\n3,Ann,c@x.com,addr\n".getBytes(StandardCharsets.US_ASCII));
    bronzeBytes("Customers.csv", bytes.toByteArray());
  }

  @Test
  void bytesInvalidInTheBronzeEncodingAreABadValueNeverAReplacementCharacter() {
    customersWithWindows1252Bytes();
    SilverStageResult result = runSilver();

    assertEquals(List.of(row(3, "Ann", "c@x.com", "addr")), silver(CUSTOMERS));
    assertEquals(List.of(
        row("Customers.csv", 2L, "BAD_VALUE:Name", "1,Ren\uFFFD,a@x.com,addr"),
        row("Customers.csv", 3L, "BAD_VALUE:Address", "2,Bob,b@x.com,Caf\uFFFD St")), quarantined(CUSTOMERS));
    assertEquals("read 3 + readmitted 0 = upserted 1 + duplicates 0 + quarantined 2",
        result(result, CUSTOMERS).total().toString());
  }

  @Test
  void theBronzeEncodingDecodesWindows1252AndAUtf8BomIsStillIgnored() {
    format = new BronzeFormat("windows-1252", 32);
    customersWithWindows1252Bytes();
    runSilver();

    assertEquals(List.of(row(1, "René", "a@x.com", "addr"), row(2, "Bob", "b@x.com", "Café St"),
        row(3, "Ann", "c@x.com", "addr")), silver(CUSTOMERS));
    assertEquals(List.of(), quarantined(CUSTOMERS));
  }

  @Test
  void aQuotedLineBreakIsOneRecordAndAnUnterminatedQuoteSpoilsAtMostMaxRecordLines() {
    List<String> lines = new java.util.ArrayList<>(List.of(
        "1,Ann,a@x.com,\"12 Main St", "Apt 4\"",     // lines 2-3: one record
        "x2,Bob,b@x.com,\"1 A St", "B\"",           // lines 4-5: one record, a bad CustomerID
        "",                                          // line 6: no row
        "3,Cy,c@x.com,\"never closed"));             // line 7: spoils lines 7-38
    for (int i = 100; i <= 130; i++) {
      lines.add(i + ",N" + i + ",n@x.com,addr");
    }
    lines.add("4,Dee,d@x.com,addr");                // line 39: parsed again
    customers(lines.toArray(new String[0]));
    SilverStageResult result = runSilver();

    assertEquals(List.of(row(1, "Ann", "a@x.com", "12 Main St\nApt 4"), row(4, "Dee", "d@x.com", "addr")),
        silver(CUSTOMERS));
    List<List<Object>> expected = new java.util.ArrayList<>();
    expected.add(row("Customers.csv", 4L, "BAD_VALUE:CustomerID", "x2,Bob,b@x.com,\"1 A St\nB\""));
    expected.add(row("Customers.csv", 7L, "MALFORMED", "3,Cy,c@x.com,\"never closed"));
    for (int i = 100; i <= 130; i++) {
      expected.add(row("Customers.csv", (long) i - 92, "MALFORMED", i + ",N" + i + ",n@x.com,addr"));
    }
    assertEquals(expected, quarantined(CUSTOMERS));
    assertEquals("read 35 + readmitted 0 = upserted 2 + duplicates 0 + quarantined 33",
        result(result, CUSTOMERS).total().toString(), "a record counts once, each spoiled line once");
  }

  @Test
  void anOrphanWithAQuotedLineBreakIsReadmittedWhole() {
    products();
    bronze("OnlineTransactions/2025-03-01.csv", header(ONLINE_TRANSACTIONS),
        "100,1,10,2025-03-01 10:00:00,\"Pay", "Pal\",20,Completed");
    runSilver();
    assertEquals(List.of(row("OnlineTransactions/2025-03-01.csv", 2L, "ORPHAN:CustomerID",
        "100,1,10,2025-03-01 10:00:00,\"Pay\nPal\",20,Completed")), quarantined(ONLINE_TRANSACTIONS));
    bronze("Customers/2025-03-02.csv", header(CUSTOMERS), "1,Ann,a@x.com,addr");
    runSilver();
    assertEquals(List.of(row(100, 1, 10, LocalDateTime.of(2025, 3, 1, 10, 0), "Pay\nPal", dec("20.00"),
        "Completed")), silver(ONLINE_TRANSACTIONS));
  }

  @Test
  void lastOccurrenceWinsAcrossFilesInPathOrderAndRejectsNeverReplace() {
    customers("1,Ann,a@x.com,addr", "2,Bob,b@x.com,addr");
    products();
    // Written in reverse so that modification time disagrees with path order.
    bronze("OnlineTransactions/2025-03-02.csv", header(ONLINE_TRANSACTIONS),
        "100,1,10,2025-03-02 09:00:00,PayPal,30,Completed",
        "101,1,10,2025-03-02 09:00:00,PayPal,not-money,Completed");
    bronze("OnlineTransactions/2025-03-01.csv", header(ONLINE_TRANSACTIONS),
        "100,1,10,2025-03-01 09:00:00,PayPal,10,Pending",
        "101,2,10,2025-03-01 09:00:00,PayPal,11,Pending",
        "100,1,10,2025-03-01 09:30:00,PayPal,20,Pending");
    SilverStageResult result = runSilver();

    assertEquals(List.of(
        row(100, 1, 10, LocalDateTime.of(2025, 3, 2, 9, 0), "PayPal", dec("30.00"), "Completed"),
        row(101, 2, 10, LocalDateTime.of(2025, 3, 1, 9, 0), "PayPal", dec("11.00"), "Pending")),
        silver(ONLINE_TRANSACTIONS));
    SilverResult orders = result(result, ONLINE_TRANSACTIONS);
    assertEquals("read 5 + readmitted 0 = upserted 2 + duplicates 2 + quarantined 1", orders.total().toString());
    Map<String, FileCounts> perFile = new java.util.TreeMap<>();
    orders.files().forEach(f -> perFile.put(f.file().relativePath(), f.counts()));
    assertEquals("read 3 + readmitted 0 = upserted 1 + duplicates 2 + quarantined 0",
        perFile.get("OnlineTransactions/2025-03-01.csv").toString());
    assertEquals("read 2 + readmitted 0 = upserted 1 + duplicates 0 + quarantined 1",
        perFile.get("OnlineTransactions/2025-03-02.csv").toString());
  }

  @Test
  void orphanIsReadmittedWhenItsParentArrivesButNeverReplacesALaterVersion() {
    customers("1,Ann,a@x.com,addr");
    products();
    bronze("OnlineTransactions/2025-03-01.csv", header(ONLINE_TRANSACTIONS),
        "100,2,10,2025-03-01 09:00:00,PayPal,10,Pending",
        "101,2,10,2025-03-01 09:00:00,PayPal,11,Pending");
    runSilver();
    assertEquals(2, quarantined(ONLINE_TRANSACTIONS).size());

    // Run 2: a newer version of order 101 arrives (parent still missing, so it waits too).
    bronze("OnlineTransactions/2025-03-02.csv", header(ONLINE_TRANSACTIONS),
        "101,1,10,2025-03-02 09:00:00,PayPal,12,Completed");
    runSilver();
    // Run 3: customer 2 arrives; order 100 is re-admitted, the old 101 must not replace the newer one.
    bronze("Customers/2025-03-03.csv", header(CUSTOMERS), "2,Bob,b@x.com,addr");
    SilverStageResult third = runSilver();

    assertEquals(List.of(
        row(100, 2, 10, LocalDateTime.of(2025, 3, 1, 9, 0), "PayPal", dec("10.00"), "Pending"),
        row(101, 1, 10, LocalDateTime.of(2025, 3, 2, 9, 0), "PayPal", dec("12.00"), "Completed")),
        silver(ONLINE_TRANSACTIONS));
    assertEquals("read 0 + readmitted 2 = upserted 1 + duplicates 1 + quarantined 0",
        result(third, ONLINE_TRANSACTIONS).total().toString());
    long pending = new Quarantine(spark, lake).pendingOrphans(ONLINE_TRANSACTIONS).count();
    assertEquals(0, pending);
  }

  @Test
  void rerunWithoutNewFilesChangesNothingAndAChangedFileIsANewVersion() {
    customers("1,Ann,a@x.com,addr", "2,Bob,b@x.com,addr");
    runSilver();
    long version = silverVersion(CUSTOMERS);

    SilverStageResult again = runSilver();
    assertEquals(version, silverVersion(CUSTOMERS));
    assertTrue(again.tables().isEmpty(), "nothing to ingest, nothing reported");

    customers("1,Ann,a@x.com,addr", "2,Bob,bob@new.com,addr");
    SilverStageResult changed = runSilver();
    assertEquals(List.of(row(1, "Ann", "a@x.com", "addr"), row(2, "Bob", "bob@new.com", "addr")),
        silver(CUSTOMERS));
    assertEquals(version + 1, silverVersion(CUSTOMERS));
    assertEquals(2, result(changed, CUSTOMERS).total().upserted());
  }

  @Test
  void fileWithWrongHeaderIsRejectedAndTheOthersAreStillIngested() {
    bronze("Customers.csv", "CustomerID,FullName,Email,Address", "1,Ann,a@x.com,addr");
    products();
    SilverStageResult result = runSilver();
    assertTrue(result.hasErrors());
    assertTrue(result.errors().get(0).contains("Customers.csv"), result.errors().get(0));
    assertTrue(result.errors().get(0).contains("FullName"), result.errors().get(0));
    assertEquals(2, silver(PRODUCTS).size());
    assertFalse(lake.exists(lake.silver(CUSTOMERS)));
  }

  /** (path, status, message) of the ledger's file records of the last run, by path. */
  private List<List<Object>> ledgerFiles() {
    List<List<Object>> rows = new java.util.ArrayList<>();
    for (io.c360.ledger.FileRecord r : new io.c360.ledger.LedgerReader(lake).files()) {
      if (r.runId() == lastRunId) {
        rows.add(row(r.path(), r.status().name(), r.message()));
      }
    }
    rows.sort(java.util.Comparator.comparing(r -> (String) r.get(0)));
    return rows;
  }

  private void order(String relativePath, int id) {
    bronze(relativePath, header(ONLINE_TRANSACTIONS), id + ",1,10,2025-04-01 09:00:00,PayPal,10,Pending");
  }

  @Test
  void hiddenLookingFileNamesAreRefusedAloneEveryRunAndHiddenFoldersAreRead() {
    customers("1,Ann,a@x.com,addr");
    products();
    order("OnlineTransactions/_late.csv", 100);
    order("OnlineTransactions/.hidden.csv", 101);
    order("OnlineTransactions/_archive/2025-04-02.csv", 102);
    order("OnlineTransactions/.old/2025-04-03.csv", 103);
    String hidden = ": names starting with '_' or '.' are hidden from Spark's readers; rename the file";
    List<List<Object>> refused = List.of(
        row("OnlineTransactions/.hidden.csv", "REJECTED", "bronze file OnlineTransactions/.hidden.csv" + hidden),
        row("OnlineTransactions/.old/2025-04-03.csv", "INGESTED", null),
        row("OnlineTransactions/_archive/2025-04-02.csv", "INGESTED", null),
        row("OnlineTransactions/_late.csv", "REJECTED", "bronze file OnlineTransactions/_late.csv" + hidden));
    SilverStageResult result = runSilver();
    assertEquals(List.of(102, 103), silver(ONLINE_TRANSACTIONS).stream().map(r -> r.get(0))
        .collect(java.util.stream.Collectors.toList()));
    assertEquals(2, result.errors().size(), result.errors().toString());
    assertEquals(refused, ledgerFiles().subList(1, 5));

    // Refused files are not ingested, so the next run refuses them again until they are renamed.
    SilverStageResult again = runSilver();
    assertEquals(2, again.errors().size(), again.errors().toString());
    java.nio.file.Path late = java.nio.file.Path.of(lake.bronze().toUri()).resolve("OnlineTransactions/_late.csv");
    try {
      java.nio.file.Files.move(late, late.resolveSibling("late.csv"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertEquals(1, runSilver().errors().size());
    assertEquals(List.of(100, 102, 103), silver(ONLINE_TRANSACTIONS).stream().map(r -> r.get(0))
        .collect(java.util.stream.Collectors.toList()));
  }

  @Test
  void aFileNameWithAColonIsRefusedAloneAndTheOtherFilesProceed() {
    customers("1,Ann,a@x.com,addr");
    products();
    order("OnlineTransactions/2025:04.csv", 100);
    order("OnlineTransactions/2025-04.csv", 101);
    SilverStageResult result = runSilver();
    String message = "bronze file OnlineTransactions/2025:04.csv: file name contains ':', which Hadoop paths "
        + "cannot hold; rename the file";
    assertEquals(List.of(message), result.errors());
    assertEquals(List.of(101), silver(ONLINE_TRANSACTIONS).stream().map(r -> r.get(0))
        .collect(java.util.stream.Collectors.toList()));
    assertEquals(List.of(row("OnlineTransactions/2025-04.csv", "INGESTED", null),
        row("OnlineTransactions/2025:04.csv", "REJECTED", message)), ledgerFiles().subList(1, 3));
  }

  @Test
  void filesNoTableReadsAreRecordedAsUnknownOncePerVersionWithAHint() {
    customers("1,Ann,a@x.com,addr");
    bronze("customers.csv", header(CUSTOMERS), "2,Bob,b@x.com,addr");
    bronze("Customer.csv", header(CUSTOMERS), "3,Cy,c@x.com,addr");
    bronze("Orders.csv", header(ONLINE_TRANSACTIONS), "100,1,10,2025-04-01 09:00:00,PayPal,10,Pending");
    bronze("Stuff/2025-04-01.csv", "a,b", "1,2");
    bronze("Customers/notes.txt", "sent by the CRM export");
    bronze("manifest.json", "{}");
    String expected = " matches no table: expected bronze/<Table>.csv or bronze/<Table>/*.csv";
    List<String> warnings = List.of(
        "bronze file Customer.csv" + expected + "; did you mean Customers?",
        "bronze file Customers/notes.txt matches no table: only *.csv files under bronze/Customers/ are read",
        "bronze file Orders.csv" + expected,
        "bronze file Stuff/2025-04-01.csv" + expected,
        "bronze file customers.csv" + expected + "; did you mean Customers?");
    SilverStageResult first = runSilver();
    assertEquals(warnings, first.warnings());
    assertFalse(first.hasErrors(), first.errors().toString());
    assertEquals(List.of(row(1, "Ann", "a@x.com", "addr")), silver(CUSTOMERS));
    List<List<Object>> unknown = new java.util.ArrayList<>();
    for (String w : warnings) {
      unknown.add(row(w.substring("bronze file ".length(), w.indexOf(" matches")), "UNKNOWN", w));
    }
    unknown.add(1, row("Customers.csv", "INGESTED", null));
    unknown.sort(java.util.Comparator.comparing(r -> (String) r.get(0)));
    assertEquals(unknown, ledgerFiles());

    assertEquals(List.of(), runSilver().warnings(), "an unknown file is reported once per version");
    assertEquals(List.of(), ledgerFiles());
    bronze("Orders.csv", header(ONLINE_TRANSACTIONS), "101,1,10,2025-04-01 09:00:00,PayPal,10,Pending");
    assertEquals(List.of("bronze file Orders.csv" + expected), runSilver().warnings());
  }

  @Test
  void headerIsMatchedTrimmedCaseInsensitiveWithBomAndCrlf() {
    byte[] body = ("\uFEFFcustomerid , NAME,email,Address\r\n1,Ann,a@x.com,\"1 Main St, X\"\r\n\r\n"
        + "2,Bob,b@x.com,addr\r\n").getBytes(StandardCharsets.UTF_8);
    bronzeBytes("Customers.csv", body);
    SilverStageResult result = runSilver();
    assertFalse(result.hasErrors(), result.errors().toString());
    assertEquals(List.of(row(1, "Ann", "a@x.com", "1 Main St, X"), row(2, "Bob", "b@x.com", "addr")),
        silver(CUSTOMERS));
  }

  @Test
  void expectationsWarnDropAndFail() {
    products();
    bronze("Customers.csv", header(CUSTOMERS), "1,Ann,a@x.com,addr", "2,Bob,b@x.com,addr");
    bronze("OnlineTransactions/a.csv", header(ONLINE_TRANSACTIONS),
        "100,1,10,2025-03-01 09:00:00,Bitcoin,10,Pending",
        "101,2,10,2025-03-01 09:00:00,PayPal,-5,Pending");
    expectations.add(new Expectation("OnlineTransactions", "amount-non-negative", "Amount >= 0",
        ExpectationAction.DROP));
    SilverStageResult result = runSilver();
    SilverResult orders = result(result, ONLINE_TRANSACTIONS);
    assertEquals(Map.of("PaymentMethod-in-domain", 1L), orders.warnings());
    assertEquals(List.of(row("OnlineTransactions/a.csv", 3L, "EXPECTATION:amount-non-negative",
        "101,2,10,2025-03-01 09:00:00,PayPal,-5,Pending")), quarantined(ONLINE_TRANSACTIONS));

    domainAction = ExpectationAction.FAIL;
    bronze("OnlineTransactions/b.csv", header(ONLINE_TRANSACTIONS),
        "102,1,10,2025-03-01 09:00:00,Cash,10,Pending");
    long before = silverVersion(ONLINE_TRANSACTIONS);
    ExpectationFailedException e = assertThrows(ExpectationFailedException.class, this::runSilver);
    assertTrue(e.getMessage().contains("PaymentMethod-in-domain"), e.getMessage());
    assertEquals(before, silverVersion(ONLINE_TRANSACTIONS));
  }

  @Test
  void fileThatIsMostlyGarbageIsRefusedWhole() {
    maxRejectedFraction = 0.5;
    customers("1,Ann,a@x.com,addr", "x,Bob,b@x.com,addr", "y,Cy,c@x.com,addr");
    SilverStageResult result = runSilver();
    assertTrue(result.hasErrors());
    assertTrue(result.errors().get(0).contains("2 of 3 rows rejected"), result.errors().get(0));
    assertTrue(quarantined(CUSTOMERS).isEmpty());
  }

  @Test
  void loyaltyTransactionsUseTheirCompositeKey() {
    customers("1,Ann,a@x.com,addr");
    bronze("LoyaltyAccounts.csv", header(LOYALTY_ACCOUNTS), "7,1,100,gold,2024-01-31");
    bronze("LoyaltyTransactions.csv", header(LOYALTY_TRANSACTIONS),
        "7,2025-03-09 02:30:00,10,Purchase",
        "7,2025-11-02 01:30:00,-5,correction",
        "7,2025-03-09 02:30:00,12,Purchase",
        "8,2025-01-01 00:00:00,1,Promotion");
    runSilver();
    assertEquals(List.of(row(7, 1, 100, "Gold", LocalDate.of(2024, 1, 31))), silver(LOYALTY_ACCOUNTS));
    assertEquals(List.of(
        row(7, LocalDateTime.of(2025, 3, 9, 2, 30), 12, "Purchase"),
        row(7, LocalDateTime.of(2025, 11, 2, 1, 30), -5, "Correction")), silver(LOYALTY_TRANSACTIONS));
    assertEquals("ORPHAN:LoyaltyID", quarantined(LOYALTY_TRANSACTIONS).get(0).get(2));
  }

  @Test
  void fullRefreshRebuildsTheSameSilver() {
    twoRunsOfCustomersAndOrders();
    List<List<Object>> customers = silver(CUSTOMERS);
    List<List<Object>> orders = silver(ONLINE_TRANSACTIONS);

    runSilver(true);
    assertEquals(customers, silver(CUSTOMERS));
    assertEquals(orders, silver(ONLINE_TRANSACTIONS));
    assertEquals(2, orders.size());
  }
  /** Customers and products in run 1, corrections and new orders in run 2: a lake with two batches to replay. */
  private void twoRunsOfCustomersAndOrders() {
    customers("1,Ann,a@x.com,addr");
    products();
    bronze("OnlineTransactions/2025-03-01.csv", header(ONLINE_TRANSACTIONS),
        "100,2,10,2025-03-01 09:00:00,PayPal,10,Pending");
    runSilver();
    bronze("Customers/2025-03-02.csv", header(CUSTOMERS), "2,Bob,b@x.com,addr", "1,Ann,ann@new.com,addr");
    bronze("OnlineTransactions/2025-03-02.csv", header(ONLINE_TRANSACTIONS),
        "101,1,10,2025-03-02 09:00:00,PayPal,10,Pending");
    runSilver();
  }

  @Test
  void aFullRefreshThatDiesAfterTheParentsIsRedoneByTheNextPlainRun() {
    twoRunsOfCustomersAndOrders();
    List<List<Object>> customers = silver(CUSTOMERS);
    List<List<Object>> orders = silver(ONLINE_TRANSACTIONS);
    List<List<Object>> quarantine = quarantined(ONLINE_TRANSACTIONS);

    // The run dies once the parents are rebuilt (a crash, an OOM kill): its children are not rebuilt yet.
    RuntimeException crash = new IllegalStateException("killed after the parents");
    try (io.c360.ledger.LakeRun run = io.c360.ledger.LakeRun.start(spark, lake, java.time.Duration.ofMinutes(5),
        "test --full-refresh")) {
      assertThrows(IllegalStateException.class, () -> SilverStage.of(spark, lake, run.ledger()).runId(run.id())
          .fullRefresh(true).onTable(r -> {
            if (r.table().equals(PRODUCTS)) {
              throw crash;
            }
          }).execute());
    }

    SilverStageResult plain = runSilver();
    assertTrue(plain.refreshReason().contains("interrupted"), plain.refreshReason());
    assertEquals(customers, silver(CUSTOMERS));
    assertEquals(orders, silver(ONLINE_TRANSACTIONS));
    assertEquals(quarantine, quarantined(ONLINE_TRANSACTIONS));
    assertEquals(null, runSilver().refreshReason(), "the redone refresh finished: the next run is a plain one");
  }

  @Test
  void aFullRefreshKeepsEachTablesHistoryAndWritesNewVersions() {
    twoRunsOfCustomersAndOrders();
    long before = silverVersion(ONLINE_TRANSACTIONS);
    runSilver(true);
    assertTrue(silverVersion(ONLINE_TRANSACTIONS) > before, "a full refresh commits new versions of the same table");
    assertEquals(2, spark.read().format("delta").option("versionAsOf", before)
        .load(lake.silver(ONLINE_TRANSACTIONS).toString()).count(), "the version before the refresh is readable");
  }

  @Test
  void aSilverTableMissingWhileTheLedgerListsItsRowsIsRebuiltFromBronze() throws java.io.IOException {
    twoRunsOfCustomersAndOrders();
    List<List<Object>> orders = silver(ONLINE_TRANSACTIONS);
    lake.fileSystem().delete(lake.silver(ONLINE_TRANSACTIONS), true);

    SilverStageResult plain = runSilver();
    assertTrue(plain.refreshReason().contains("OnlineTransactions"), plain.refreshReason());
    assertEquals(orders, silver(ONLINE_TRANSACTIONS));
  }
}
