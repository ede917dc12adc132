package io.c360.silver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.c360.catalog.Catalog;
import io.c360.lake.CountingFileSystem;
import io.c360.lake.LakeLayout;
import io.c360.lake.Sha256;
import io.c360.ledger.FileCounts;
import io.c360.ledger.FileRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Change detection (DESIGN §4 step 1): a file whose size and modification time equal its latest ledger record is
 * not read; every byte read is counted by {@link CountingFileSystem}, through which the lake is opened.
 */
class BronzeInventoryTest {
  private static final int FILES = 40;

  @TempDir
  Path tmp;
  private Path bronze;
  private LakeLayout lake;

  @BeforeEach
  void lake() throws IOException {
    bronze = tmp.resolve("lake/bronze/Customers");
    Files.createDirectories(bronze);
    for (int i = 0; i < FILES; i++) {
      write(String.format("2025-01-%02d.csv", i), "CustomerID,Name,Email,Address\n" + i + ",N" + i + ",e,a\n", 1_000_000L + 1_000L * i);
    }
    lake = LakeLayout.at("file://" + tmp.resolve("lake"), CountingFileSystem.configuration());
    CountingFileSystem.reset();
  }

  @Test
  void firstInventoryReadsAndHashesEveryFile() throws IOException {
    List<BronzeFile> files = new BronzeInventory(lake).files(Catalog.CUSTOMERS, Map.of(), false);
    assertEquals(FILES, files.size());
    assertEquals(totalBytes(), CountingFileSystem.bytesRead());
    BronzeFile third = files.get(3);
    assertEquals("Customers/2025-01-03.csv", third.relativePath());
    assertEquals(sha256(Files.readAllBytes(bronze.resolve("2025-01-03.csv"))), third.sha256());
    assertEquals(1_003_000L, third.modifiedAt());
    assertEquals(Files.size(bronze.resolve("2025-01-03.csv")), third.sizeBytes());
  }

  @Test
  void rerunOverUnchangedFilesReadsNoBronzeByteAndKeepsTheRecordedHashes() {
    List<BronzeFile> first = new BronzeInventory(lake).files(Catalog.CUSTOMERS, Map.of(), false);
    CountingFileSystem.reset();
    BronzeInventory again = new BronzeInventory(lake);
    List<BronzeFile> second = again.files(Catalog.CUSTOMERS, ledgerOf(first), false);
    assertEquals(0, CountingFileSystem.bytesRead());
    assertEquals(0, CountingFileSystem.opens());
    assertEquals(0, again.hashedFiles());
    assertEquals(hashes(first), hashes(second));
  }

  @Test
  void correctedFileWithNewSizeOrNewTimeIsReadAgainAndOnlyIt() throws IOException {
    List<BronzeFile> first = new BronzeInventory(lake).files(Catalog.CUSTOMERS, Map.of(), false);
    Map<String, FileRecord> ledger = ledgerOf(first);
    // Longer content, same time: the size tells.
    byte[] longer = "CustomerID,Name,Email,Address\n5,Fifth,e,a\n".getBytes(StandardCharsets.UTF_8);
    write("2025-01-05.csv", new String(longer, StandardCharsets.UTF_8), 1_005_000L);
    // Same size (one digit for another), new time: the time tells.
    byte[] sameSize = "CustomerID,Name,Email,Address\n7,N8,e,a\n".getBytes(StandardCharsets.UTF_8);
    assertEquals(Files.size(bronze.resolve("2025-01-07.csv")), sameSize.length);
    write("2025-01-07.csv", new String(sameSize, StandardCharsets.UTF_8), 1_007_001L);
    CountingFileSystem.reset();

    BronzeInventory inventory = new BronzeInventory(lake);
    List<BronzeFile> second = inventory.files(Catalog.CUSTOMERS, ledger, false);
    assertEquals(longer.length + sameSize.length, CountingFileSystem.bytesRead());
    assertEquals(2, inventory.hashedFiles());
    assertEquals(sha256(longer), second.get(5).sha256());
    assertEquals(sha256(sameSize), second.get(7).sha256());
    assertNotEquals(first.get(7).sha256(), second.get(7).sha256());
    assertEquals(1_007_001L, second.get(7).modifiedAt());
    for (int i = 0; i < FILES; i++) {
      if (i != 5 && i != 7) {
        assertEquals(first.get(i).sha256(), second.get(i).sha256(), "file " + i);
      }
    }
  }

  @Test
  void rehashReadsEveryFileAndUnknownTimesFromOlderLedgersAreHashed() throws IOException {
    List<BronzeFile> first = new BronzeInventory(lake).files(Catalog.CUSTOMERS, Map.of(), false);
    CountingFileSystem.reset();
    new BronzeInventory(lake).files(Catalog.CUSTOMERS, ledgerOf(first), true);
    assertEquals(totalBytes(), CountingFileSystem.bytesRead());

    Map<String, FileRecord> old = new HashMap<>();
    for (BronzeFile f : first) {
      old.put(f.relativePath(), new FileRecord(1, 1, "Customers", f.relativePath(), f.sha256(), f.sizeBytes(),
          FileRecord.Status.INGESTED, FileCounts.NONE, null));
    }
    CountingFileSystem.reset();
    new BronzeInventory(lake).files(Catalog.CUSTOMERS, old, false);
    assertEquals(totalBytes(), CountingFileSystem.bytesRead());
  }

  private static Map<String, FileRecord> ledgerOf(List<BronzeFile> files) {
    Map<String, FileRecord> ledger = new HashMap<>();
    for (BronzeFile f : files) {
      ledger.put(f.relativePath(), new FileRecord(1, 1, "Customers", f.relativePath(), f.sha256(), f.sizeBytes(),
          f.modifiedAt(), FileRecord.Status.INGESTED, FileCounts.NONE, null));
    }
    return ledger;
  }

  private static List<String> hashes(List<BronzeFile> files) {
    return files.stream().map(BronzeFile::sha256).collect(java.util.stream.Collectors.toList());
  }

  private void write(String name, String content, long modifiedMillis) throws IOException {
    Path file = bronze.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    Files.setLastModifiedTime(file, FileTime.fromMillis(modifiedMillis));
  }

  private long totalBytes() throws IOException {
    long total = 0;
    try (var files = Files.list(bronze)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        total += Files.size(f);
      }
    }
    return total;
  }

  private static String sha256(byte[] content) {
    MessageDigest digest = Sha256.digest();
    digest.update(content);
    return Sha256.hex(digest);
  }
}
