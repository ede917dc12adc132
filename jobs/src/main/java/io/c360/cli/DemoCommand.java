package io.c360.cli;

import io.c360.config.InvalidConfigException;
import io.c360.config.Settings;
import io.c360.generate.Generator;
import io.c360.lake.LakeLayout;
import io.c360.publish.PublishTarget;
import io.c360.report.PowerBiDataSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashSet;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code c360 demo}: the first thing to run. Generates a dirty sample lake (so the quality panel has something to
 * show), runs silver, gold and publish into the configured database (the embedded H2 by default), writes the report
 * and a Power BI data source file, and prints where everything is. Running it again regenerates the same bytes, so
 * silver and the database stay as they are.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Generate dirty sample data, run silver -> gold -> publish (embedded H2 by default), write the HTML"
        + " report and a Power BI .pbids file, and print where they are. Safe to run again.")
public final class DemoCommand implements Callable<Integer> {

  @Mixin
  ConfigOptions config;

  @Option(names = "--scale", paramLabel = "N", defaultValue = "1",
      description = "Sample size (default ${DEFAULT-VALUE}: about 100 rows a table).")
  int scale;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    Lakes.checkPositive("--scale", scale);
    Lakes lake = Lakes.open(config);
    Settings settings = lake.settings;
    SparkSession spark = lake.spark;
    LakeLayout layout = lake.layout;
    if (!"file".equals(layout.root().toUri().getScheme())) {
      throw new InvalidConfigException("c360.lake.root: the demo writes sample files and needs a local lake, got "
          + layout.root() + "; use `c360 generate` and `c360 run` for a remote lake");
    }
    PrintWriter out = spec.commandLine().getOut();
    Path bronze = Paths.get(layout.bronze().toUri());
    long started = System.nanoTime();
    Generator.create().scale(scale).seed(settings.generateSeed()).dirty(true).outputDirectory(bronze).execute();
    out.printf("generated dirty sample data (scale %d) into %s in %.1f s%n", scale, bronze,
        (System.nanoTime() - started) / 1e9);
    lake.startup.mark("sample data");
    RunCommand.Outcome outcome = RunCommand.run(spark, layout, settings, new LinkedHashSet<>(RunCommand.STAGES), false,
        false, lake.startup, out);
    if (outcome.exit != C360.OK) {
      return outcome.exit;
    }
    String report = ReportCommand.write(spark, layout, null);
    PublishTarget target = PublishTarget.from(settings.publish(), layout, "");
    Path pbids = Paths.get(layout.root().toUri()).resolve("report/c360.pbids");
    try {
      Files.writeString(pbids, PowerBiDataSource.json(target), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + pbids + ": " + e.getMessage(), e);
    }
    out.println();
    out.printf("lake      %s%n", Paths.get(layout.root().toUri()));
    out.printf("database  %s%n", target);
    out.printf("report    %s%n", report);
    out.printf("power bi  %s%n", pbids);
    out.printf("summary   %s%n", outcome.summaryFile);
    out.printf("demo done in %.1f s; open the report in a browser%n", (System.nanoTime() - started) / 1e9);
    out.flush();
    return C360.OK;
  }
}
