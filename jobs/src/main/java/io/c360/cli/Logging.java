package io.c360.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/** Spark's own logging shows only FATAL unless --verbose (then INFO); ours at INFO with --verbose, WARN otherwise. */
final class Logging {
  private Logging() {
  }

  static void configure(boolean verbose) {
    Configurator.setRootLevel(verbose ? Level.INFO : Level.WARN);
    Configurator.setLevel("io.c360", verbose ? Level.INFO : Level.WARN);
    // Without --verbose a failure is c360's one line: Spark's ERROR lines (a failed task's stack trace, "aborting
    // job") would repeat it at length.
    Configurator.setLevel("org.apache.spark", verbose ? Level.INFO : Level.FATAL);
    Configurator.setLevel("org.apache.hadoop", Level.ERROR);
  }
}
