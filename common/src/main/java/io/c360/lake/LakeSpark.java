package io.c360.lake;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the SparkSession every stage runs in: Delta enabled, shuffle partitions sized from config, the UI
 * off, Delta snapshots in one partition and broadcasts sized to the heap for {@code local[*]}. On a cluster
 * (empty master) spark-submit's settings are kept.
 */
public final class LakeSpark {
  /**
   * {@code spark.redaction.regex}: Spark's default ({@code (?i)secret|password|token|access[.]key}) misses
   * {@code fs.azure.account.key.*} and WASB's {@code fs.azure.sas.*}; account keys, SAS tokens and client secrets
   * set by {@link AzureStorage} all match this one, and so does c360's own {@code c360.storage.account-key} when it
   * is given with {@code -D} (Spark's event log records system properties). Spark masks a setting when its key or
   * its value matches, so a JDBC URL holding {@code password=} is masked too.
   */
  public static final String REDACTION_REGEX =
      "(?i)secret|password|token|access[.]key|account[.-]key|fs\\.azure\\.account\\.(key|oauth2)|fs\\.azure\\.sas|sas";

  /** Spark's default {@code spark.sql.autoBroadcastJoinThreshold}, the most a local session broadcasts. */
  static final long DEFAULT_BROADCAST_THRESHOLD = 10L << 20;

  /**
   * Delta's setting for copying a MERGE source before the MERGE (so that two reads of it agree); silver and gold
   * turn it off ("none") around MERGEs whose source is persisted and deterministic.
   */
  public static final String MERGE_MATERIALIZE_SOURCE = "spark.databricks.delta.merge.materializeSource";

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
        .config("spark.redaction.regex", REDACTION_REGEX)
        // Java serialization keeps every object it wrote until a reset (default: every 100 objects). A block of
        // the silver stage's disk cache is a stream of multi-MB column batches, so 100 of them filled a 256 MB heap.
        .config("spark.serializer.objectStreamReset", "1");
    if (!master.isEmpty()) {
      builder.master(master);
      if (master.startsWith("local")) {
        builder.config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            // A lake's Delta logs hold tens to hundreds of actions; rebuilding a snapshot over 8 partitions made
            // every table read a multi-task job on 2 cores (gold at scale 100: 30.6 s -> 23.5 s with 1).
            .config("spark.databricks.delta.snapshotPartitions", "1")
            .config("spark.sql.adaptive.enabled", "true")
            .config("spark.sql.autoBroadcastJoinThreshold",
                Long.toString(localBroadcastThreshold(Runtime.getRuntime().maxMemory())))
            // The status store keeps finished jobs, stages, tasks and SQL executions for a UI that is off here:
            // hundreds of jobs per run held tens of MB of a small heap. Spark's defaults are 1,000 / 1,000 /
            // 100,000 / 1,000.
            .config("spark.ui.retainedJobs", "50")
            .config("spark.ui.retainedStages", "50")
            .config("spark.ui.retainedTasks", "1000")
            .config("spark.sql.ui.retainedExecutions", "50");
      }
    }
    extraConf.forEach(builder::config);
    return builder.getOrCreate();
  }

  /**
   * The broadcast threshold for a local session whose driver is also its only executor. Spark compares the
   * threshold with a plan's estimated size, derived from compressed Parquet, while the broadcast hash table
   * is built on the heap and is often ten times larger: 1.6 million customer ids estimated under 10 MB did not
   * fit a 256 MB heap. Hence a hundredth of the heap, never more than Spark's default.
   */
  static long localBroadcastThreshold(long maxHeapBytes) {
    return Math.min(DEFAULT_BROADCAST_THRESHOLD, maxHeapBytes / 100);
  }
}
