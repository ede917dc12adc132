package io.c360.config;

import java.util.Map;
import java.util.TreeMap;

/** {@code c360.spark}: how the SparkSession is built. */
public final class SparkSettings {
  private final String master;
  private final String appName;
  private final int shufflePartitions;
  private final int concurrentTables;
  private final long codegenMinInputBytes;
  private final Map<String, String> conf;

  SparkSettings(String master, String appName, int shufflePartitions, int concurrentTables,
      long codegenMinInputBytes, Map<String, String> conf) {
    this.master = master;
    this.appName = appName;
    this.shufflePartitions = shufflePartitions;
    this.concurrentTables = concurrentTables;
    this.codegenMinInputBytes = codegenMinInputBytes;
    this.conf = new TreeMap<>(conf);
  }

  /** The master URL, or "" to leave it to spark-submit. */
  public String master() {
    return master;
  }

  public String appName() {
    return appName;
  }

  public int shufflePartitions() {
    return shufflePartitions;
  }

  /** How many tables silver (of one dependency level) and gold process at the same time; 1 = one by one. */
  public int concurrentTables() {
    return concurrentTables;
  }

  /** The least input, in bytes, for which a stage has Spark compile its expressions; 0 = always. */
  public long codegenMinInputBytes() {
    return codegenMinInputBytes;
  }

  /** Extra Spark settings, passed through. */
  public Map<String, String> conf() {
    return conf;
  }
}
