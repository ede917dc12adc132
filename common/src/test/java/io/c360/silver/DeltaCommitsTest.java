package io.c360.silver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.c360.lake.SparkTestBase;
import org.junit.jupiter.api.Test;

class DeltaCommitsTest extends SparkTestBase {

  @Test
  void latestVersionAndMetricsComeFromTheLog() {
    String path = tmp.resolve("t").toString();
    assertEquals(-1, DeltaCommits.latestVersion(lake.fileSystem(), new org.apache.hadoop.fs.Path(path)));
    spark.range(5).write().format("delta").save(path);
    spark.range(3).write().format("delta").mode("append").save(path);
    assertEquals(1, DeltaCommits.latestVersion(lake.fileSystem(), new org.apache.hadoop.fs.Path(path)));
    assertEquals(5L, DeltaCommits.metrics(spark, path, 0).get("numOutputRows"));
    assertEquals(3L, DeltaCommits.metrics(spark, path, 1).get("numOutputRows"));
  }
}
