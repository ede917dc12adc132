package io.c360.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/** Spark's own logging stays at WARN unless --verbose; ours at INFO with --verbose, WARN otherwise. */
final class Logging {
  private Logging() {
  }

  static void configure(boolean verbose) {
    Configurator.setRootLevel(verbose ? Level.INFO : Level.WARN);
    Configurator.setLevel("io.c360", verbose ? Level.INFO : Level.WARN);
    Configurator.setLevel("org.apache.spark", verbose ? Level.INFO : Level.ERROR);
    Configurator.setLevel("org.apache.hadoop", Level.ERROR);
  }
}
