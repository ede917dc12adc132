package io.c360.cli;

import io.c360.config.Settings;
import io.c360.lake.AzureStorage;
import io.c360.lake.LakeLayout;
import io.c360.lake.LakeSpark;
import org.apache.spark.sql.SparkSession;

/** The Spark session and lake layout of every command that opens the lake (run, report, status, quarantine). */
final class Lakes {
  private Lakes() {
  }

  /** The session, with {@code c360.storage}'s Azure settings on its Hadoop configuration (DESIGN §9). */
  static SparkSession spark(Settings settings) {
    SparkSession spark = LakeSpark.session(settings.spark().master(), settings.spark().appName(),
        settings.spark().shufflePartitions(), settings.spark().conf());
    AzureStorage.of(settings.storage(), settings.lake().root()).apply(spark.sparkContext().hadoopConfiguration());
    return spark;
  }

  static LakeLayout layout(SparkSession spark, Settings settings) {
    return LakeLayout.at(settings.lake().root(), spark.sparkContext().hadoopConfiguration());
  }
}
