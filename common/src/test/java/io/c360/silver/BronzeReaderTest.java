package io.c360.silver;

import static io.c360.catalog.Catalog.CUSTOMERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.lake.LakeLayout;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class BronzeReaderTest extends SilverTestBase {

  private BronzeFile file(String relativePath, java.nio.file.Path written) {
    return new BronzeFile(new org.apache.hadoop.fs.Path(written.toUri()), relativePath, written.toFile().length(),
        "sha-" + relativePath);
  }

  /** (file, line, sha256, reason, CustomerID) of every row read, in file and line order. */
  private List<List<Object>> read(List<BronzeFile> files) {
    List<List<Object>> rows = new ArrayList<>();
    for (Row r : new BronzeReader(spark, lake, new RecordParser(CUSTOMERS), BronzeFormat.DEFAULT).read(files, 3)
        .orderBy(Lineage.SOURCE_FILE, Lineage.SOURCE_LINE)
        .select(Lineage.RUN_ID, Lineage.SOURCE_FILE, Lineage.SOURCE_LINE, Candidates.SHA256, Candidates.REASON,
            "CustomerID").collectAsList()) {
      rows.add(values(r));
    }
    return rows;
  }

  @Test
  void linesAreNumberedFromTheTopSkippingHeaderAndBlankLines() {
    BronzeFile a = file("Customers/2025 03 01.csv", bronze("Customers/2025 03 01.csv", header(CUSTOMERS),
        "1,Ann,a@x.com,addr", "", "x,Bob,b@x.com,addr", "3,Cy"));
    assertEquals(List.of(
        row(3L, "Customers/2025 03 01.csv", 2L, "sha-Customers/2025 03 01.csv", null, "1"),
        row(3L, "Customers/2025 03 01.csv", 4L, "sha-Customers/2025 03 01.csv", "BAD_VALUE:CustomerID", null),
        row(3L, "Customers/2025 03 01.csv", 5L, "sha-Customers/2025 03 01.csv", "MALFORMED", null)),
        read(List.of(a)));
  }

  @Test
  void lineNumbersHoldAcrossSplitBoundaries() {
    List<String> lines = new ArrayList<>(List.of(header(CUSTOMERS)));
    for (int i = 1; i <= 60; i++) {
      lines.add(i + ",Name " + i + ",n" + i + "@x.com,\"" + i + " Main St, Springfield\"");
    }
    BronzeFile a = file("Customers/a.csv", bronze("Customers/a.csv", lines.toArray(new String[0])));
    BronzeFile b = file("Customers/b.csv", bronze("Customers/b.csv", header(CUSTOMERS), "61,Z,z@x.com,addr"));
    spark.conf().set("spark.sql.files.maxPartitionBytes", "300");
    spark.conf().set("spark.sql.files.openCostInBytes", "0");
    try {
      List<List<Object>> rows = read(List.of(a, b));
      assertEquals(61, rows.size());
      for (int i = 1; i <= 60; i++) {
        assertEquals(row(3L, "Customers/a.csv", (long) i + 1, "sha-Customers/a.csv", null, Integer.toString(i)),
            rows.get(i - 1));
      }
      assertEquals(row(3L, "Customers/b.csv", 2L, "sha-Customers/b.csv", null, "61"), rows.get(60));
    } finally {
      spark.conf().unset("spark.sql.files.maxPartitionBytes");
      spark.conf().unset("spark.sql.files.openCostInBytes");
    }
  }

  /** (line, reason, CustomerID, Address, raw line) of every record read, in line order. */
  private List<List<Object>> records(BronzeFile file) {
    List<List<Object>> rows = new ArrayList<>();
    for (Row r : new BronzeReader(spark, lake, new RecordParser(CUSTOMERS), BronzeFormat.DEFAULT).read(List.of(file), 3)
        .orderBy(Lineage.SOURCE_LINE)
        .select(Lineage.SOURCE_LINE, Candidates.REASON, "CustomerID", "Address", Candidates.RAW).collectAsList()) {
      rows.add(values(r));
    }
    return rows;
  }

  @Test
  void recordsWithQuotedLineBreaksAreReadWholeAcrossSplitBoundaries() throws java.io.IOException {
    List<String> lines = new ArrayList<>(List.of(header(CUSTOMERS)));
    List<Integer> multiLineStarts = new ArrayList<>(); // index in lines of each multi-line record's first line
    List<Integer> multiLineEnds = new ArrayList<>();
    int id = 0;
    while (lines.size() < 1200) {
      id++;
      if (id == 200) {
        multiLineStarts.add(lines.size());
        lines.add(id + ",Stray,s@x.com,\"never closed"); // spoils this and the next 31 lines
        multiLineEnds.add(lines.size() + 30);
      } else if (id % 3 == 0 && (id < 200 || id > 240)) {
        multiLineStarts.add(lines.size());
        lines.add(id + ",Name " + id + ",n" + id + "@x.com,\"" + id + " Main St");
        lines.add("Floor 2, \"\"B\"\" wing");
        lines.add("");
        lines.add("Apt " + id + "\"");
        multiLineEnds.add(lines.size() - 1);
      } else {
        lines.add(id + ",Name " + id + ",n" + id + "@x.com,addr " + id);
      }
    }
    java.nio.file.Path written = bronze("Customers/big.csv", lines.toArray(new String[0]));
    BronzeFile big = file("Customers/big.csv", written);
    List<List<Object>> whole = records(big);

    spark.conf().set("spark.sql.files.maxPartitionBytes", "4096");
    spark.conf().set("spark.sql.files.openCostInBytes", "0");
    try {
      // The test only means something if records really cross the starts of the splits Spark reads.
      java.util.TreeSet<Long> starts = new java.util.TreeSet<>();
      spark.read().text(written.toString()).select("_metadata.file_block_start").distinct().collectAsList()
          .forEach(r -> starts.add(r.getLong(0)));
      long[] offsets = new long[lines.size()];
      for (int i = 1; i < lines.size(); i++) {
        offsets[i] = offsets[i - 1] + lines.get(i - 1).getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
      }
      int crossing = 0;
      for (int r = 0; r < multiLineStarts.size(); r++) {
        // A line starting at byte p > 0 belongs to the split with the greatest start below p.
        Long first = starts.lower(offsets[multiLineStarts.get(r)]);
        Long last = starts.lower(offsets[multiLineEnds.get(r)]);
        crossing += first.equals(last) ? 0 : 1;
      }
      assertTrue(starts.size() > 5, "splits: " + starts);
      assertTrue(crossing >= 3, crossing + " multi-line records cross a split start of " + starts);

      assertEquals(whole, records(big), "the same records whether the file is read as one split or several");
    } finally {
      spark.conf().unset("spark.sql.files.maxPartitionBytes");
      spark.conf().unset("spark.sql.files.openCostInBytes");
    }
    // The stray quote at id 200 spoils its line and the single-line records of ids 201-231.
    List<Object> three = whole.get(2);
    assertEquals(row(4L, null, "3", "3 Main St\nFloor 2, \"B\" wing\n\nApt 3",
        "3,Name 3,n3@x.com,\"3 Main St\nFloor 2, \"\"B\"\" wing\n\nApt 3\""), three);
    long spoiled = whole.stream().filter(r -> "MALFORMED".equals(r.get(1))).count();
    assertEquals(32, spoiled);
    assertEquals(0, whole.stream().filter(r -> r.get(1) != null && !"MALFORMED".equals(r.get(1))).count());
    assertEquals(id - 32, whole.size() - spoiled, "one record per id, except the 32 spoiled");
    assertEquals(row(lines.indexOf("232,Name 232,n232@x.com,addr 232") + 1L, null, "232", "addr 232",
        "232,Name 232,n232@x.com,addr 232"), whole.stream().filter(r -> "232".equals(r.get(2))).findFirst().get());
  }

  @Test
  void fileNamesAreTakenLiterallyNotAsGlobs() {
    List<String> names = List.of("Customers/2025-04-01[1].csv", "Customers/a*b.csv", "Customers/what?.csv",
        "Customers/no#1.csv", "Customers/100%25 and 100%.csv", "Customers/Z\u00fcrich \u6771\u4eac.csv",
        "Customers/{a,b}.csv", "Customers/back\\slash.csv");
    // Files a glob would match instead: 2025-04-011.csv for [1], aXb.csv for *, whatX.csv for ?, a.csv for {a,b}.
    for (String decoy : List.of("Customers/2025-04-011.csv", "Customers/aXb.csv", "Customers/whatX.csv",
        "Customers/a.csv")) {
      bronze(decoy, header(CUSTOMERS), "99,Decoy,d@x.com,addr");
    }
    List<BronzeFile> files = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      files.add(file(names.get(i), bronze(names.get(i), header(CUSTOMERS), (i + 1) + ",N,n@x.com,addr")));
    }
    List<List<Object>> expected = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      expected.add(row(3L, names.get(i), 2L, "sha-" + names.get(i), null, Integer.toString(i + 1)));
    }
    expected.sort(java.util.Comparator.comparing(r -> (String) r.get(1)));
    assertEquals(expected, read(files));
  }

  @Test
  void literalEscapesEveryGlobCharacter() {
    assertEquals("file:/b/x\\[1\\]\\*\\?\\{a\\,b\\}\\\\ #%.csv",
        BronzeReader.literal("file:/b/x[1]*?{a,b}\\ #%.csv"));
  }

  @Test
  void relativeFileDecodesSparksFileUri() {
    assertEquals("Customers/2025 03 01.csv",
        BronzeLines.relativeFile("/lake/bronze", "file:///lake/bronze/Customers/2025%2003%2001.csv"));
    assertEquals("Customers.csv", LakeLayout.relativeTo("/lake/bronze/", "/lake/bronze/Customers.csv"));
  }
}
