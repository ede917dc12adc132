package io.c360.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One measured step of the benchmark: a main class in a child JVM on the benchmark's own classpath, with Spark's
 * Java 17 opens; or a command of the launcher {@code scripts/c360}, which execs its JVM with the flags a user gets.
 * Reports its wall time, exit code, output (also kept in a log file) and peak resident memory: the kernel's
 * high-water mark {@code VmHWM} from {@code /proc/<pid>/status}, sampled every 50 ms until the process ends.
 */
final class ChildJvm {
  private final String mainClass;
  private final List<String> jvmOptions = new ArrayList<>();
  private final List<String> arguments = new ArrayList<>();
  /** Set for a launcher command, which then runs instead of {@link #mainClass}. */
  private Path launcher;
  private String heap = "4g";
  private Path log;

  private ChildJvm(String mainClass) {
    this.mainClass = mainClass;
  }

  static ChildJvm of(Class<?> main) {
    return new ChildJvm(main.getName());
  }

  static ChildJvm of(String mainClass) {
    return new ChildJvm(mainClass);
  }

  /**
   * The launcher at {@code script} with the arguments given, its heap from {@link #heap} (as
   * {@code C360_DRIVER_MEMORY}); the launcher picks the other JVM flags, so {@link #jvmOption} is refused.
   */
  static ChildJvm launcher(Path script) {
    ChildJvm child = new ChildJvm(script.toString());
    child.launcher = script;
    return child;
  }

  ChildJvm heap(String value) {
    this.heap = value;
    return this;
  }

  ChildJvm jvmOption(String option) {
    jvmOptions.add(option);
    return this;
  }

  ChildJvm args(String... values) {
    arguments.addAll(Arrays.asList(values));
    return this;
  }

  ChildJvm log(Path file) {
    this.log = file;
    return this;
  }

  Result run() throws IOException, InterruptedException {
    List<String> command = launcher == null ? javaCommand() : launcherCommand();
    Files.createDirectories(log.getParent());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putIfAbsent("SPARK_LOCAL_IP", "127.0.0.1");
    if (launcher != null) {
      builder.environment().put("C360_DRIVER_MEMORY", heap);
    }
    long started = System.nanoTime();
    Process process = builder.start();
    Path status = Path.of("/proc", Long.toString(process.pid()), "status");
    long peak = 0;
    while (process.isAlive()) {
      peak = Math.max(peak, highWaterMark(status));
      process.waitFor(50, java.util.concurrent.TimeUnit.MILLISECONDS);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    String output = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    return new Result(mainClass + " " + String.join(" ", arguments), process.exitValue(), seconds, peak, output, log);
  }

  private List<String> javaCommand() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String opens = System.getProperty("c360.bench.opens", "");
    if (!opens.isBlank()) {
      command.addAll(Arrays.asList(opens.trim().split("\\s+")));
    }
    command.add("-Xmx" + heap);
    command.add("-XX:+UseParallelGC");
    command.add("-Duser.timezone=UTC");
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(arguments);
    return command;
  }

  /** The launcher execs its JVM: the process measured is that JVM. */
  private List<String> launcherCommand() {
    if (!jvmOptions.isEmpty()) {
      throw new IllegalStateException("the launcher " + launcher + " chooses its own JVM options; got " + jvmOptions);
    }
    List<String> command = new ArrayList<>();
    command.add(launcher.toString());
    command.addAll(arguments);
    return command;
  }

  /** VmHWM in bytes, or 0 once the process is gone. */
  private static long highWaterMark(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }

  static final class Result {
    final String what;
    final int exit;
    final double wallSeconds;
    final long peakRssBytes;
    final String output;
    final Path log;

    Result(String what, int exit, double wallSeconds, long peakRssBytes, String output, Path log) {
      this.what = what;
      this.exit = exit;
      this.wallSeconds = wallSeconds;
      this.peakRssBytes = peakRssBytes;
      this.output = output;
      this.log = log;
    }

    /** Fails with the log's location when the child did not exit 0. */
    Result check() {
      if (exit != 0) {
        throw new IllegalStateException(what + " exited with " + exit + "; see " + log);
      }
      return this;
    }

    /** The first group of {@code regex} in the output, as seconds, or {@code fallback} when absent. */
    double seconds(String regex, double fallback) {
      Matcher m = Pattern.compile(regex).matcher(output);
      return m.find() ? Double.parseDouble(m.group(1)) : fallback;
    }

    /** The {@code BENCH key=value} lines the child printed. */
    Map<String, String> values() {
      Map<String, String> values = new LinkedHashMap<>();
      for (String line : output.split("\n")) {
        if (line.startsWith("BENCH ") && line.indexOf('=') > 0) {
          values.put(line.substring(6, line.indexOf('=')).trim(), line.substring(line.indexOf('=') + 1).trim());
        }
      }
      return values;
    }
  }
}
