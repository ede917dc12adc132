package io.c360.lake;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the SparkSession every stage runs in: Delta enabled, shuffle partitions sized from config, the UI
 * off for {@code local[*]}. On a cluster (empty master) spark-submit's settings are kept.
 */
public final class LakeSpark {

  private LakeSpark() {
  }

  public static SparkSession session(String master, String appName, int shufflePartitions,
      Map<String, String> extraConf) {
    SparkSession.Builder builder = SparkSession.builder()
        .appName(appName)
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.shuffle.partitions", Integer.toString(shufflePartitions))
        .config("spark.databricks.delta.snapshotPartitions", Integer.toString(shufflePartitions))
        // Account keys, SAS tokens and client secrets live under fs.azure.*; Spark's default regex misses them.
        .config("spark.redaction.regex", "(?i)secret|password|token|fs\\.azure\\.account\\.(key|oauth2)|sas");
    if (!master.isEmpty()) {
      builder.master(master);
      if (master.startsWith("local")) {
        builder.config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.adaptive.enabled", "true");
      }
    }
    extraConf.forEach(builder::config);
    return builder.getOrCreate();
  }
}
