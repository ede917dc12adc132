package io.c360.cli;

import io.c360.lake.LakeLayout;
import io.c360.report.ReportModel;
import io.c360.report.ReportRenderer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code c360 report}: writes the self-contained HTML report from the gold tables and prints where it is. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Write one self-contained HTML report (opens offline): KPI tiles, average order value by product,"
        + " category and store, customer segments, day x hour peak times per channel, agent ranking with a Top-N"
        + " selector, and data quality (quarantine by reason, reconciliation). Prints the file's path."})
public final class ReportCommand implements Callable<Integer> {
  static final String DEFAULT_FILE = "report/c360-report.html";

  @Mixin
  ConfigOptions config;

  @Option(names = "--out", paramLabel = "FILE",
      description = "HTML file to write (default: <lake root>/" + DEFAULT_FILE + ").")
  java.nio.file.Path out;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    Lakes lake = Lakes.open(config);
    SparkSession spark = lake.spark;
    LakeLayout layout = lake.layout;
    spec.commandLine().getOut().println(write(spark, layout, out));
    spec.commandLine().getOut().flush();
    return C360.OK;
  }

  /** Renders the report of {@code layout}'s lake to {@code file}, or beside the lake if null; returns where. */
  static String write(SparkSession spark, LakeLayout layout, java.nio.file.Path file) {
    String html = ReportRenderer.create().render(ReportModel.gather(spark, layout));
    return file != null ? writeLocal(file, html) : writeToLake(layout, html);
  }

  static String writeLocal(java.nio.file.Path file, String html) {
    java.nio.file.Path target = file.toAbsolutePath().normalize();
    try {
      if (target.getParent() != null) {
        Files.createDirectories(target.getParent());
      }
      // Written beside and moved into place: a run killed while writing leaves the previous report whole.
      java.nio.file.Path partial = target.resolveSibling(target.getFileName() + ".partial");
      Files.writeString(partial, html, StandardCharsets.UTF_8);
      io.c360.lake.KillPoint.reach("report-write");
      Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + target + ": " + e.getMessage(), e);
    }
    return target.toString();
  }

  /** Beside the lake's data (which may be abfss:// or wasb://); a local lake gives a plain file path. */
  private static String writeToLake(LakeLayout layout, String html) {
    Path target = new Path(layout.root(), DEFAULT_FILE);
    if ("file".equals(target.toUri().getScheme())) {
      return writeLocal(java.nio.file.Paths.get(target.toUri()), html);  // no Hadoop .crc file beside it
    }
    FileSystem fs = layout.fileSystem();
    try (OutputStream stream = fs.create(target, true)) {
      stream.write(html.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + target + ": " + e.getMessage(), e);
    }
    return target.toString();
  }
}
