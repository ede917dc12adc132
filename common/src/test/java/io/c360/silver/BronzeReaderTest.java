package io.c360.silver;

import static io.c360.catalog.Catalog.CUSTOMERS;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

  @Test
  void relativeFileDecodesSparksFileUri() {
    assertEquals("Customers/2025 03 01.csv",
        BronzeLines.relativeFile("/lake/bronze", "file:///lake/bronze/Customers/2025%2003%2001.csv"));
    assertEquals("Customers.csv", LakeLayout.relativeTo("/lake/bronze/", "/lake/bronze/Customers.csv"));
  }
}
