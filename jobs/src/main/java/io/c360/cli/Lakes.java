package io.c360.cli;

import io.c360.config.Settings;
import io.c360.lake.AzureStorage;
import io.c360.lake.LakeLayout;
import io.c360.lake.LakeSpark;
import org.apache.spark.sql.SparkSession;

/**
 * What every lake command starts with: the settings loaded, logging set, Spark up and the lake located, so that
 * run, demo, report, status and quarantine see the same lake the same way.
 */
final class Lakes {
  final Settings settings;
  final SparkSession spark;
  final LakeLayout layout;

  private Lakes(Settings settings, SparkSession spark, LakeLayout layout) {
    this.settings = settings;
    this.spark = spark;
    this.layout = layout;
  }

  static Lakes open(ConfigOptions config) {
    Settings settings = config.load();
    Logging.configure(config.verbose);
    SparkSession spark = LakeSpark.session(settings.spark().master(), settings.spark().appName(),
        settings.spark().shufflePartitions(), settings.spark().conf());
    // c360.storage's Azure settings go on the Hadoop configuration only (DESIGN §9).
    AzureStorage.of(settings.storage(), settings.lake().root()).apply(spark.sparkContext().hadoopConfiguration());
    return new Lakes(settings, spark, LakeLayout.at(settings.lake().root(), spark.sparkContext().hadoopConfiguration()));
  }

  /** Fails as a usage error (exit 2) unless an option's value is at least 1. */
  static void checkPositive(String option, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(option + " must be at least 1, got " + value);
    }
  }
}
