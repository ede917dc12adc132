package io.c360.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The manifest's JSON: compact, keys sorted at every level, byte-stable, one trailing newline. */
class ManifestTest {

  @Test
  void rendersSortedCompactJson() {
    Manifest manifest = new Manifest(3, 42, true);
    TableCounts stores = new TableCounts();
    stores.files = 1;
    stores.rows = 10;
    stores.accepted = 8;
    stores.duplicates = 1;
    stores.quarantined.put("NULL_KEY", 2L);
    TableCounts agents = new TableCounts();
    agents.files = 2;
    agents.rows = 5;
    agents.accepted = 4;
    agents.quarantined.put("MALFORMED", 1L);
    agents.quarantined.put("BAD_VALUE:HireDate", 0L);
    agents.warnings.put("domain:Department", 3L);
    manifest.put("Stores", stores);
    manifest.put("Agents", agents);
    assertEquals("{\"dirty\":true,\"scale\":3,\"seed\":42,\"tables\":{"
        + "\"Agents\":{\"duplicates\":0,\"files\":2,\"quarantined\":{\"BAD_VALUE:HireDate\":0,\"MALFORMED\":1},"
        + "\"rows\":5,\"silver\":4,\"warnings\":{\"domain:Department\":3}},"
        + "\"Stores\":{\"duplicates\":1,\"files\":1,\"quarantined\":{\"NULL_KEY\":2},\"rows\":10,\"silver\":7,"
        + "\"warnings\":{}}}}\n", manifest.toJson());
  }
}
