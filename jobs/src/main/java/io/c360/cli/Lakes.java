package io.c360.cli;

import io.c360.config.Settings;
import io.c360.lake.AzureStorage;
import io.c360.lake.KillPoint;
import io.c360.lake.LakeLayout;
import io.c360.lake.LakeSpark;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * What every lake command starts with: the settings loaded, logging set, Spark up and the lake located, so that
 * run, demo, report, status and quarantine see the same lake the same way.
 */
final class Lakes {
  final Settings settings;
  final SparkSession spark;
  final LakeLayout layout;
  /** The start-up phases so far; commands mark theirs and print the line before their first stage. */
  final StartupTimes startup;

  private Lakes(Settings settings, SparkSession spark, LakeLayout layout, StartupTimes startup) {
    this.settings = settings;
    this.spark = spark;
    this.layout = layout;
    this.startup = startup;
  }

  static Lakes open(ConfigOptions config) {
    StartupTimes startup = new StartupTimes();
    Settings settings = config.load();
    Logging.configure(config.verbose);
    startup.mark("settings");
    SparkSession spark = LakeSpark.session(settings.spark().master(), settings.spark().appName(),
        settings.spark().shufflePartitions(), settings.spark().conf());
    startup.mark("Spark session");
    KillPoint.watch(spark);
    // c360.storage's Azure settings go on the Hadoop configuration only (DESIGN §9).
    AzureStorage.of(settings.storage(), settings.lake().root()).secrets(settings.secrets().resolver())
        .apply(spark.sparkContext().hadoopConfiguration());
    LakeLayout layout = LakeLayout.at(settings.lake().root(), spark.sparkContext().hadoopConfiguration());
    startup.mark("lake file system");
    return new Lakes(settings, spark, layout, startup);
  }

  /**
   * The settings and the lake, without a Spark session (its field is null): for the inspection commands, which
   * read the small ledger and quarantine tables with {@link io.c360.lake.DeltaTableReader} and answer in a second
   * or two instead of the ten or more a Spark session and its jobs take (DESIGN §8). The Hadoop configuration gets
   * what a session would give the lake's file system: {@code spark.hadoop.*} settings and c360.storage's keys.
   */
  static Lakes withoutSpark(ConfigOptions config) {
    StartupTimes startup = new StartupTimes();
    Settings settings = config.load();
    Logging.configure(config.verbose);
    Configuration hadoop = new Configuration();
    settings.spark().conf().forEach((key, value) -> {
      if (key.startsWith(SPARK_HADOOP)) {
        hadoop.set(key.substring(SPARK_HADOOP.length()), value);
      }
    });
    AzureStorage.of(settings.storage(), settings.lake().root()).secrets(settings.secrets().resolver()).apply(hadoop);
    return new Lakes(settings, null, LakeLayout.at(settings.lake().root(), hadoop), startup.mark("settings"));
  }

  private static final String SPARK_HADOOP = "spark.hadoop.";

  /** Fails as a usage error (exit 2) unless an option's value is at least 1. */
  static void checkPositive(String option, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(option + " must be at least 1, got " + value);
    }
  }
}
