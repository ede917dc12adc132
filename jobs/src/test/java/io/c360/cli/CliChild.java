package io.c360.cli;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code c360} as its own process, the way a user runs it: exit code, stdout and stderr whole (log lines included,
 * which an in-process run cannot capture: log4j holds the console it started with), and {@code kill -9} possible.
 * Tests give it a small heap and one-core Spark so that it runs beside the test JVM on two cores. Its {@link
 * ReportTestLake.Result} is the one an in-process run gives.
 */
final class CliChild {
  /** Settings for a child beside the test JVM: one core, two shuffle partitions. */
  static final String[] SMALL_SPARK = {"-Dc360.spark.master=local[1]", "-Dc360.spark.shuffle-partitions=2"};

  private CliChild() {
  }

  /** {@code c360 run} on {@code lake} with {@link #SMALL_SPARK} and {@code extra} arguments. */
  static String[] runArgs(Path lake, String... extra) {
    List<String> args = new ArrayList<>(List.of("run", "-Dc360.lake.root=" + lake));
    args.addAll(List.of(SMALL_SPARK));
    args.addAll(List.of(extra));
    return args.toArray(new String[0]);
  }

  /** Runs {@code c360 args} with {@code environment} added, waiting at most {@code minutes}. */
  static ReportTestLake.Result run(Path work, Map<String, String> environment, int minutes, String... args)
      throws IOException, InterruptedException {
    Process process = start(work, environment, args);
    if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("c360 " + String.join(" ", args) + " did not end within " + minutes + " min");
    }
    return result(work, process);
  }

  static Process start(Path work, Map<String, String> environment, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    command.add("-Xmx1g");
    // As the launcher does for short commands and the test JVMs do: a child's run is many small Spark jobs, where
    // C2-compiling Spark's hot paths costs more CPU than it saves.
    command.add("-XX:TieredStopAtLevel=1");
    // C1 alone sizes the code cache for a small program (48 MB); a c360 run filled it in the fault matrix.
    command.add("-XX:ReservedCodeCacheSize=240m");
    for (String jvm : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      // -Dspark.*: Spark settings of the test JVM (pom.xml's spark.test.interpreted), which SparkConf reads.
      if (jvm.startsWith("--add-opens") || jvm.startsWith("--add-exports") || jvm.startsWith("-Duser.timezone")
          || jvm.startsWith("-Dspark.")) {
        command.add(jvm);
      }
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(C360.class.getName());
    command.addAll(List.of(args));
    Files.createDirectories(work);
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(work.resolve("stdout").toFile())
        .redirectError(work.resolve("stderr").toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    builder.environment().putAll(environment);
    return builder.start();
  }

  static ReportTestLake.Result result(Path work, Process process) throws IOException {
    return new ReportTestLake.Result(process.exitValue(), Files.readString(work.resolve("stdout"), StandardCharsets.UTF_8),
        Files.readString(work.resolve("stderr"), StandardCharsets.UTF_8));
  }
}
