package io.c360.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.catalog.Catalog;
import org.apache.spark.sql.delta.DeltaLog;
import org.junit.jupiter.api.Test;

/** What {@link LakeLayout} reads of the lake itself: the size of silver. */
class LakeLayoutTest extends SparkTestBase {

  private long deltaSize(io.c360.catalog.Table table) {
    return DeltaLog.forTable(spark, lake.silver(table).toString()).update(false, scala.Option.empty())
        .sizeInBytes();
  }

  @Test
  void silverBytesAreTheLiveDataFilesOfEverySilverTable() {
    assertEquals(0, lake.silverBytes(), "no silver table yet");

    appendSilver(Catalog.STORES, false, r(1, "Downtown", "Ann", "9-5"), r(2, "Mall", "Bob", "10-8"));
    appendSilver(Catalog.STORES, false, r(3, "Airport", "Cy", "24h"));
    appendSilver(Catalog.AGENTS, false, r(7, "Dee", "Billing", "Morning"));
    long expected = deltaSize(Catalog.STORES) + deltaSize(Catalog.AGENTS);
    assertTrue(expected > 0);
    assertEquals(expected, lake.silverBytes(), "Delta's own snapshot sizes, summed");
  }

  @Test
  void aDeltaTableIsADirectoryWithADeltaLog() throws Exception {
    assertFalse(lake.isDeltaTable(lake.silver(Catalog.STORES)), "nothing there yet");
    lake.fileSystem().mkdirs(lake.silver(Catalog.STORES));
    assertFalse(lake.isDeltaTable(lake.silver(Catalog.STORES)), "a directory without a log");
    appendSilver(Catalog.STORES, false, r(1, "Downtown", "Ann", "9-5"));
    assertTrue(lake.isDeltaTable(lake.silver(Catalog.STORES)));
  }
}
