package io.c360.config;

import java.time.Duration;

/** {@code c360.lake}: where the lake is and how runs share it. */
public final class LakeSettings {
  private final String root;
  private final String database;
  private final Duration lockTimeout;

  LakeSettings(String root, String database, Duration lockTimeout) {
    this.root = root;
    this.database = database;
    this.lockTimeout = lockTimeout;
  }

  public String root() {
    return root;
  }

  /** Metastore database to register tables in, or "" for none. */
  public String database() {
    return database;
  }

  public Duration lockTimeout() {
    return lockTimeout;
  }
}
