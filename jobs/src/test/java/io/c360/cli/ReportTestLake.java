package io.c360.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One generated dirty lake (scale 1) for the demo, report, status and quarantine tests of this JVM, built once: two
 * runs, {@code c360 demo} (which records {@code run --stages silver,gold,publish}) then {@code run --stages gold}. It lives under {@code target/} so that
 * {@code mvn clean} removes it, and is rebuilt from scratch by each test JVM.
 */
final class ReportTestLake {
  static final String FIRST_RUN = "run --stages silver,gold,publish";
  static final String SECOND_RUN = "run --stages gold";

  private static Path lake;
  private static Result demo;

  private ReportTestLake() {
  }

  static synchronized Path get() {
    if (lake == null) {
      // One lake per test JVM: surefire runs two forks side by side (its forkNumber did not reach the forks).
      Path dir = Paths.get("target", "report-test-lake-" + ProcessHandle.current().pid()).toAbsolutePath();
      delete(dir);
      demo = execute(args(dir, "demo"));
      assertEquals(C360.OK, demo.exit, demo.toString());
      assertEquals(C360.OK, C360.execute(args(dir, SECOND_RUN.split(" "))));
      lake = dir;
    }
    return lake;
  }

  /** What the {@code c360 demo} that built the lake printed. */
  static Result demo() {
    get();
    return demo;
  }

  /** The command with this lake's root and the test JVM's small Spark settings appended. */
  static String[] args(String... command) {
    return args(get(), command);
  }

  static String[] args(Path dir, String... command) {
    String[] settings = {"-Dc360.lake.root=" + dir, "-Dc360.spark.shuffle-partitions=2",
        "-Dc360.spark.master=local[2]"};
    String[] all = Arrays.copyOf(command, command.length + settings.length);
    System.arraycopy(settings, 0, all, command.length, settings.length);
    return all;
  }

  /** Runs the command line with stdout and stderr captured. */
  static Result execute(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream outBuffer = new ByteArrayOutputStream();
    ByteArrayOutputStream errBuffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(outBuffer, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(errBuffer, true, StandardCharsets.UTF_8));
    int exit;
    try {
      exit = C360.execute(args);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    return new Result(exit, outBuffer.toString(StandardCharsets.UTF_8), errBuffer.toString(StandardCharsets.UTF_8));
  }

  static final class Result {
    final int exit;
    final String out;
    final String err;

    Result(int exit, String out, String err) {
      this.exit = exit;
      this.out = out;
      this.err = err;
    }

    /** The non-blank lines of stderr. */
    java.util.List<String> errLines() {
      java.util.List<String> lines = new java.util.ArrayList<>();
      for (String line : err.split("\\R")) {
        if (!line.isBlank()) {
          lines.add(line);
        }
      }
      return lines;
    }

    /**
     * The lines of stderr that are c360's own messages: {@link #errLines} without log lines ({@code HH:mm:ss LEVEL
     * ...}, which a dirty lake's expectation warnings fill) and the JVM's own warnings.
     */
    java.util.List<String> messageLines() {
      java.util.List<String> lines = new java.util.ArrayList<>();
      for (String line : errLines()) {
        if (!line.matches("\\d\\d:\\d\\d:\\d\\d(\\.\\d+)? [A-Z]+ .*") && !line.startsWith("OpenJDK 64-Bit")) {
          lines.add(line);
        }
      }
      return lines;
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
