package io.c360.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The exact silver outcome a single first run with default settings must reach on generated data:
 * per table the data rows, the keys in silver, the duplicates dropped, the quarantined rows by reason and
 * the rows kept with a warning. Written as JSON with sorted keys so that it is byte-stable.
 */
public final class Manifest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final int scale;
  private final long seed;
  private final boolean dirty;
  private final Map<String, TableCounts> tables = new LinkedHashMap<>();

  Manifest(int scale, long seed, boolean dirty) {
    this.scale = scale;
    this.seed = seed;
    this.dirty = dirty;
  }

  void put(String table, TableCounts counts) {
    tables.put(table, counts);
  }

  public long rows(String table) {
    return tables.get(table).rows;
  }

  public long silver(String table) {
    return tables.get(table).silver();
  }

  public long duplicates(String table) {
    return tables.get(table).duplicates;
  }

  public Map<String, Long> quarantined(String table) {
    return tables.get(table).quarantined;
  }

  public Map<String, Long> warnings(String table) {
    return tables.get(table).warnings;
  }

  public int files(String table) {
    return tables.get(table).files;
  }

  void write(Path file) throws IOException {
    Files.write(file, toJson().getBytes(StandardCharsets.UTF_8));
  }

  /** Compact JSON, keys sorted at every level, one trailing newline. */
  String toJson() {
    Map<String, Object> byTable = new TreeMap<>();
    tables.forEach((table, c) -> {
      Map<String, Object> counts = new TreeMap<>();
      counts.put("duplicates", c.duplicates);
      counts.put("files", c.files);
      counts.put("quarantined", new TreeMap<>(c.quarantined));
      counts.put("rows", c.rows);
      counts.put("silver", c.silver());
      counts.put("warnings", new TreeMap<>(c.warnings));
      byTable.put(table, counts);
    });
    Map<String, Object> manifest = new TreeMap<>();
    manifest.put("dirty", dirty);
    manifest.put("scale", scale);
    manifest.put("seed", seed);
    manifest.put("tables", byTable);
    try {
      return JSON.writeValueAsString(manifest) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot render the manifest: " + e.getMessage(), e);
    }
  }
}
