package io.c360.config;

import java.time.Duration;

/** {@code c360.lake}: where the lake is and how runs share it. */
public final class LakeSettings {
  private static final String IDENTIFIER = "[A-Za-z_][A-Za-z0-9_]*";
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

  /** Whether {@code name} can be a {@code c360.lake.database}: {@code schema} or {@code catalog.schema}. */
  public static boolean isDatabaseName(String name) {
    return name.matches(IDENTIFIER + "(\\." + IDENTIFIER + ")?");
  }

  /** Metastore database ({@code schema} or {@code catalog.schema}) to register tables in, or "" for none. */
  public String database() {
    return database;
  }

  public Duration lockTimeout() {
    return lockTimeout;
  }
}
