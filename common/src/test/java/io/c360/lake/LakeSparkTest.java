package io.c360.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LakeSparkTest extends SparkTestBase {
  @Test
  void aSmallHeapBroadcastsAHundredthOfItself() {
    assertEquals(2_684_354L, LakeSpark.localBroadcastThreshold(256L << 20));
    assertEquals(1_258_291L, LakeSpark.localBroadcastThreshold(120L << 20));
  }

  @Test
  void aLargeHeapKeepsSparksDefaultThreshold() {
    assertEquals(10L << 20, LakeSpark.localBroadcastThreshold(1L << 30));
    assertEquals(10L << 20, LakeSpark.localBroadcastThreshold(8L << 30));
  }

  @Test
  void aLocalSessionSizesBroadcastsToItsHeapResetsJavaSerialisationAndKeepsLittleHistory() {
    assertEquals(Long.toString(LakeSpark.localBroadcastThreshold(Runtime.getRuntime().maxMemory())),
        spark.conf().get("spark.sql.autoBroadcastJoinThreshold"));
    assertEquals("1", spark.sparkContext().getConf().get("spark.serializer.objectStreamReset"));
    assertEquals("1", spark.conf().get("spark.databricks.delta.snapshotPartitions"));
    assertEquals("1000", spark.sparkContext().getConf().get("spark.ui.retainedTasks"));
    assertEquals("50", spark.sparkContext().getConf().get("spark.sql.ui.retainedExecutions"));
  }
}
