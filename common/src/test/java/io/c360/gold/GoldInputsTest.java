package io.c360.gold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.catalog.Catalog;
import io.c360.lake.SparkTestBase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** The record of what gold was computed from, written with Spark and read back on the driver. */
class GoldInputsTest extends SparkTestBase {

  @Test
  void currentSilverNamesEachTablesIdAndVersionOrNone() {
    spark.createDataFrame(List.of(RowFactory.create(1, "Ann", null, null)), Catalog.CUSTOMERS.sparkSchema())
        .write().format("delta").save(lake.silver(Catalog.CUSTOMERS).toString());
    Map<String, String> silver = GoldInputs.currentSilver(lake);
    assertEquals(Catalog.tables().size(), silver.size());
    assertTrue(silver.get("Customers").matches("[0-9a-f-]{36}@0"), silver.get("Customers"));
    assertEquals(GoldInputs.NONE, silver.get("Agents"), "a table that never received a file");
  }

  @Test
  void recordsAndReadsBackTheSilverVersionsTheDefinitionAndTheRowCounts() {
    assertTrue(GoldInputs.recorded(lake).isEmpty(), "nothing recorded yet");
    Map<String, String> silver = new LinkedHashMap<>();
    silver.put("Customers", "id-1@3");
    silver.put("Agents", GoldInputs.NONE);
    new GoldInputs(silver, "sha", Map.of("PeakTimes", 10L)).record(spark, lake);
    GoldInputs read = GoldInputs.recorded(lake).orElseThrow();
    assertEquals(silver, read.silver());
    assertEquals("sha", read.definition());
    assertEquals(Map.of("PeakTimes", 10L), read.rows());

    // A second record replaces the first.
    silver.put("Customers", "id-1@4");
    new GoldInputs(silver, "sha", Map.of()).record(spark, lake);
    assertEquals("id-1@4", GoldInputs.recorded(lake).orElseThrow().silver().get("Customers"));
  }

  @Test
  void changedSinceListsTheTablesWhoseVersionDiffers() {
    GoldInputs before = new GoldInputs(Map.of("Customers", "a@1", "Agents", GoldInputs.NONE, "Stores", "b@2"), "d",
        Map.of());
    GoldInputs after = new GoldInputs(Map.of("Customers", "a@2", "Agents", "c@0", "Stores", "b@2"), "d", Map.of());
    assertEquals(Set.of("Customers", "Agents"), after.changedSince(before));
  }
}
