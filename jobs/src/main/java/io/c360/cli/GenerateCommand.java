package io.c360.cli;

import io.c360.catalog.Catalog;
import io.c360.catalog.Table;
import io.c360.generate.Generator;
import io.c360.generate.Manifest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code c360 generate}: writes a deterministic sample bronze folder, optionally with counted defects. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Generate sample bronze CSVs (scale 1 = ~100 rows a table; 10000 = ~1M online orders).")
public final class GenerateCommand implements Callable<Integer> {

  @Option(names = "--scale", paramLabel = "N", defaultValue = "1", description = "Scale factor (default ${DEFAULT-VALUE}).")
  int scale;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
      description = "Random seed: the same seed gives byte-identical files (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--dirty", description = "Inject every defect class and write the expected counts to manifest.json.")
  boolean dirty;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "lake/bronze",
      description = "Bronze folder to (re)write the table files in (default ${DEFAULT-VALUE}).")
  Path out = Paths.get("lake", "bronze");

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    Lakes.checkPositive("--scale", scale);
    long started = System.nanoTime();
    Manifest manifest = Generator.create().scale(scale).seed(seed).dirty(dirty).outputDirectory(out).execute();
    PrintWriter w = spec.commandLine().getOut();
    w.printf("generated scale %d (seed %d%s) into %s in %.1f s%n", scale, seed, dirty ? ", dirty" : "",
        out.toAbsolutePath(), (System.nanoTime() - started) / 1e9);
    w.printf("%-28s %6s %10s %12s%n", "table", "files", "rows", "to silver");
    for (Table table : Catalog.tables()) {
      w.printf("%-28s %6d %10d %12d%n", table.name(), manifest.files(table.name()), manifest.rows(table.name()),
          manifest.silver(table.name()));
    }
    if (dirty) {
      w.printf("expected counts: %s%n", out.resolve(Generator.MANIFEST));
    }
    return C360.OK;
  }
}
