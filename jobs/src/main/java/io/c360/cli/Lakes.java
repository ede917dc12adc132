package io.c360.cli;

import io.c360.config.Settings;
import io.c360.lake.LakeLayout;
import io.c360.lake.LakeSpark;
import org.apache.spark.sql.SparkSession;

/** The Spark session and lake layout of the read-only commands (report, status, quarantine), as {@code run} builds them. */
final class Lakes {
  private Lakes() {
  }

  static SparkSession spark(Settings settings) {
    return LakeSpark.session(settings.spark().master(), settings.spark().appName(),
        settings.spark().shufflePartitions(), settings.spark().conf());
  }

  static LakeLayout layout(SparkSession spark, Settings settings) {
    return LakeLayout.at(settings.lake().root(), spark.sparkContext().hadoopConfiguration());
  }
}
