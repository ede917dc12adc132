package io.c360.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exact silver outcome a single first run with default settings must reach on generated data:
 * per table the data rows, the keys in silver, the duplicates dropped, the quarantined rows by reason and
 * the rows kept with a warning. Written as JSON with sorted keys so that it is byte-stable.
 */
public final class Manifest {
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

  String toJson() {
    StringBuilder json = new StringBuilder();
    json.append("{\"dirty\":").append(dirty).append(",\"scale\":").append(scale).append(",\"seed\":").append(seed)
        .append(",\"tables\":{");
    boolean firstTable = true;
    for (Map.Entry<String, TableCounts> e : new java.util.TreeMap<>(tables).entrySet()) {
      TableCounts c = e.getValue();
      json.append(firstTable ? "" : ",").append('"').append(e.getKey()).append("\":{")
          .append("\"duplicates\":").append(c.duplicates)
          .append(",\"files\":").append(c.files)
          .append(",\"quarantined\":");
      counts(json, c.quarantined);
      json.append(",\"rows\":").append(c.rows)
          .append(",\"silver\":").append(c.silver())
          .append(",\"warnings\":");
      counts(json, c.warnings);
      json.append('}');
      firstTable = false;
    }
    return json.append("}}\n").toString();
  }

  private static void counts(StringBuilder json, Map<String, Long> counts) {
    json.append('{');
    boolean first = true;
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      json.append(first ? "" : ",").append('"').append(e.getKey()).append("\":").append(e.getValue());
      first = false;
    }
    json.append('}');
  }
}
