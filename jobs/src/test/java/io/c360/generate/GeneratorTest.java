package io.c360.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.catalog.Catalog;
import io.c360.catalog.ForeignKey;
import io.c360.catalog.Table;
import io.c360.silver.RecordParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorTest {

  @TempDir
  Path tmp;

  private Manifest generate(Path out, int scale, long seed, boolean dirty) {
    return Generator.create().scale(scale).seed(seed).dirty(dirty).outputDirectory(out).execute();
  }

  private static Map<String, String> digests(Path dir) throws Exception {
    Map<String, String> digests = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
        digests.put(dir.relativize(f).toString(), new java.math.BigInteger(1, hash).toString(16));
      }
    }
    return digests;
  }

  /** Data lines of a table (header and blank lines dropped), files in path order. */
  private static List<String> lines(Path out, Table table) throws IOException {
    List<Path> files = new ArrayList<>();
    if (Files.exists(out.resolve(table.bronzeFileName()))) {
      files.add(out.resolve(table.bronzeFileName()));
    }
    if (Files.isDirectory(out.resolve(table.name()))) {
      try (Stream<Path> s = Files.list(out.resolve(table.name()))) {
        s.sorted().forEach(files::add);
      }
    }
    List<String> lines = new ArrayList<>();
    for (Path f : files) {
      List<String> all = Files.readAllLines(f, StandardCharsets.UTF_8);
      all.stream().skip(1).map(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l)
          .filter(l -> !l.isBlank()).forEach(lines::add);
    }
    return lines;
  }

  @Test
  void sameSeedGivesByteIdenticalFilesAndAnotherSeedDoesNot() throws Exception {
    generate(tmp.resolve("a"), 3, 7, true);
    generate(tmp.resolve("b"), 3, 7, true);
    generate(tmp.resolve("c"), 3, 8, true);
    Map<String, String> a = digests(tmp.resolve("a"));
    assertEquals(a, digests(tmp.resolve("b")));
    assertNotEquals(a.get("Customers.csv"), digests(tmp.resolve("c")).get("Customers.csv"));
    assertEquals(9 + 2 * 11 + 1, a.size(), "nine tables, two of them monthly (12 files), and the manifest");
  }

  @Test
  void cleanDataParsesWithoutRejectsAndEveryForeignKeyResolves() throws IOException {
    Path out = tmp.resolve("clean");
    Manifest manifest = generate(out, 2, 42, false);
    Map<String, Set<String>> keys = new HashMap<>();
    for (Table table : Catalog.tables()) {
      RecordParser parser = new RecordParser(table);
      Set<String> seen = new HashSet<>();
      for (String line : lines(out, table)) {
        RecordParser.Parsed p = parser.parse(line);
        assertNull(p.reason(), table + ": " + line);
        StringBuilder key = new StringBuilder();
        table.primaryKey().forEach(k -> key.append(p.values()[table.columnIndex(k)]).append('|'));
        assertTrue(seen.add(key.toString()), "duplicate key in clean " + table + ": " + line);
        for (ForeignKey fk : table.foreignKeys()) {
          String value = p.values()[table.columnIndex(fk.column())];
          assertTrue(keys.get(fk.parentTable()).contains(value + "|"), table + " orphan " + line);
        }
      }
      keys.put(table.name(), seen);
      assertEquals(seen.size(), manifest.silver(table.name()));
      assertEquals(Map.of(), manifest.quarantined(table.name()));
    }
    assertEquals(200, manifest.rows("OnlineTransactions"));
    String customer = lines(out, Catalog.CUSTOMERS).get(0);
    assertTrue(customer.matches("1,[A-Za-z]+ [A-Za-z]+,[a-z.]+1@example\\.com,\"\\d+ [A-Za-z]+ [A-Za-z]+, [A-Za-z]+\""),
        customer);
    String order = lines(out, Catalog.ONLINE_TRANSACTIONS).get(0);
    assertTrue(order.matches("1,\\d+,\\d+,2025-01-\\d\\d \\d\\d:\\d\\d:\\d\\d,[A-Za-z ]+,\\d+(\\.\\d\\d?)?,[A-Za-z]+"),
        order);
  }

  @Test
  void distributionsLookLikeARetailer() throws IOException {
    Path out = tmp.resolve("shape");
    generate(out, 20, 42, false);
    Set<String> buyers = new HashSet<>();
    Map<Integer, Integer> perDay = new TreeMap<>();
    Map<Integer, Integer> perHour = new TreeMap<>();
    DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    for (String line : lines(out, Catalog.ONLINE_TRANSACTIONS)) {
      String[] f = line.split(",");
      buyers.add(f[1]);
      LocalDateTime t = LocalDateTime.parse(f[3], format);
      perDay.merge(t.getDayOfWeek().getValue(), 1, Integer::sum);
      perHour.merge(t.getHour(), 1, Integer::sum);
    }
    assertTrue(buyers.size() < 2000 * 0.85, "some customers never buy online: " + buyers.size());
    assertTrue(perDay.get(DayOfWeek.SATURDAY.getValue()) > perDay.get(DayOfWeek.TUESDAY.getValue()), perDay.toString());
    assertTrue(perHour.get(19) > 3 * perHour.get(4), perHour.toString());
    Map<String, Set<String>> tiers = new HashMap<>();
    for (String line : lines(out, Catalog.LOYALTY_ACCOUNTS)) {
      String[] f = line.split(",");
      tiers.computeIfAbsent(f[1], c -> new HashSet<>()).add(f[3]);
    }
    assertTrue(tiers.values().stream().filter(t -> t.size() >= 2).count() > 100, "customers with several tiers");
    assertTrue(lines(out, Catalog.LOYALTY_TRANSACTIONS).stream().anyMatch(l -> l.contains(",-")),
        "negative point changes");
    assertTrue(lines(out, Catalog.ONLINE_TRANSACTIONS).stream().anyMatch(l -> l.contains("2025-03-09 02:")),
        "a wall-clock time inside the US DST gap");
  }

  @Test
  void dirtyDataHasEveryDefectClassAndTheManifestAddsUp() throws IOException {
    Path out = tmp.resolve("dirty");
    Manifest manifest = generate(out, 1, 42, true);
    for (Table table : Catalog.tables()) {
      String name = table.name();
      long quarantined = manifest.quarantined(name).values().stream().mapToLong(Long::longValue).sum();
      assertEquals(manifest.rows(name), manifest.silver(name) + manifest.duplicates(name) + quarantined, name);
      assertEquals(lines(out, table).size(), manifest.rows(name), name + " rows = data lines");
      Set<String> reasons = manifest.quarantined(name).keySet().stream()
          .map(r -> r.contains(":") ? r.substring(0, r.indexOf(':') + 1) : r).collect(Collectors.toSet());
      assertTrue(reasons.containsAll(List.of("MALFORMED", "BAD_VALUE:", "NULL_KEY")), name + " " + reasons);
      if (!table.foreignKeys().isEmpty()) {
        assertTrue(reasons.contains("ORPHAN:"), name + " " + reasons);
      }
    }
    assertTrue(manifest.duplicates("OnlineTransactions") > 0);
    byte[] customers = Files.readAllBytes(out.resolve("Customers.csv"));
    assertEquals((byte) 0xEF, customers[0], "UTF-8 BOM");
    assertTrue(Files.readString(out.resolve("Products.csv")).contains("\r\n"), "CRLF");
    List<String> products = lines(out, Catalog.PRODUCTS);
    assertTrue(products.stream().anyMatch(l -> l.matches(".*,  [a-zA-Z ]+ ,.*")), "padded odd-case category");
    assertTrue(Files.readString(out.resolve("manifest.json")).startsWith("{\"dirty\":true,\"scale\":1,\"seed\":42,"));
  }
}
