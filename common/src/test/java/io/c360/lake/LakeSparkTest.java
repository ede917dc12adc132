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

  /**
   * What Spark's event log and UI do with c360's settings given as {@code -D} system properties: Spark's own
   * redaction, with our regex, masks every secret key and a JDBC URL that holds a password.
   */
  @Test
  void sparksRedactionWithOurRegexMasksC360SecretsGivenAsSystemProperties() {
    org.apache.spark.SparkConf conf = new org.apache.spark.SparkConf(false)
        .set("spark.redaction.regex", LakeSpark.REDACTION_REGEX);
    java.util.List<scala.Tuple2<String, String>> properties = java.util.List.of(
        new scala.Tuple2<>("c360.storage.account-key", "S3cretAccountKey=="),
        new scala.Tuple2<>("c360.storage.sas", "sv=2022&sig=abc"),
        new scala.Tuple2<>("c360.storage.client-secret", "cs-123"),
        new scala.Tuple2<>("c360.publish.password", "pw-123"),
        new scala.Tuple2<>("c360.publish.url", "jdbc:postgresql://h/db?user=u&password=pw-456"),
        new scala.Tuple2<>("c360.lake.root", "/data/lake"));
    java.util.List<scala.Tuple2<String, String>> redacted = scala.collection.JavaConverters.seqAsJavaList(
        org.apache.spark.util.Utils.redact(conf,
            scala.collection.JavaConverters.asScalaBuffer(properties).toSeq()));
    for (scala.Tuple2<String, String> p : redacted) {
      String expected = p._1().equals("c360.lake.root") ? "/data/lake" : "*********(redacted)";
      assertEquals(expected, p._2(), p._1());
    }
  }
}
