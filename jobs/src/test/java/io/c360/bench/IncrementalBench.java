package io.c360.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code scripts/bench-incremental} (issue 14): what a small drop costs at one scale. On the benchmark's cached
 * clean bronze, one full {@code c360 run} publishing into an embedded PostgreSQL, then per drop about 1% new rows
 * as new files ({@link Bench#addIncrementalFiles}) and {@code run --stages silver}, {@code gold} and
 * {@code publish}, each in its own JVM, and after each drop a {@code gold,publish} rerun with nothing new. Times are
 * the CLI's own {@code run N succeeded in N s}; the gold and publish progress lines (per state and table: what
 * changed and where the seconds went) are printed after each step. Never part of the test suite.
 *
 * <pre>
 * scripts/bench-incremental [--scale 1000] [--drops 2] [--driver-memory 4g]
 * </pre>
 */
public final class IncrementalBench {
  private static final Pattern DETAIL = Pattern.compile("^\\[\\s*[0-9.]+ s\\] (gold|publish) .*$", Pattern.MULTILINE);

  private IncrementalBench() {
  }

  public static void main(String[] args) throws Exception {
    int scale = 1000;
    int drops = 2;
    String driverMemory = "4g";
    for (int i = 0; i < args.length; i += 2) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      if (value == null) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      if (args[i].equals("--scale")) {
        scale = Integer.parseInt(value);
      } else if (args[i].equals("--drops")) {
        drops = Integer.parseInt(value);
      } else if (args[i].equals("--driver-memory")) {
        driverMemory = value;
      } else {
        throw new IllegalArgumentException("unknown option " + args[i]
            + "; usage: scripts/bench-incremental [--scale 1000] [--drops 2] [--driver-memory 4g]");
      }
    }
    Path root = Path.of("").toAbsolutePath();
    Path bronze = Bench.cachedBronze(root, scale);
    long bronzeRows = Bench.dataRows(bronze);
    Path dir = root.resolve("bench/work/incremental-" + scale);
    Bench.deleteRecursively(dir);
    Path lake = dir.resolve("lake");
    Bench.link(bronze, lake.resolve("bronze"));
    Path logs = dir.resolve("logs");
    List<String> lines = new ArrayList<>();
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE c360_incremental");
      }
      String url = postgres.getJdbcUrl("postgres", "c360_incremental");
      lines.add(step(driverMemory, "silver,gold,publish", lake, url, logs.resolve("full.log"), "full run"));
      for (int drop = 1; drop <= drops; drop++) {
        long rows = Bench.addIncrementalFiles(lake.resolve("bronze"), Math.max(2, Math.round(bronzeRows * 0.01)),
            String.format(Locale.ROOT, "2026-01-%02d.csv", drop));
        log("drop %d: %,d new rows", drop, rows);
        for (String stage : List.of("silver", "gold", "publish")) {
          lines.add(step(driverMemory, stage, lake, url, logs.resolve("drop" + drop + "-" + stage + ".log"),
              "drop " + drop + " (" + rows + " rows)"));
        }
        lines.add(step(driverMemory, "gold,publish", lake, url, logs.resolve("drop" + drop + "-rerun.log"),
            "nothing new after drop " + drop));
      }
    }
    System.out.printf(Locale.ROOT, "%nscale %d, %,d bronze rows (%s)%n| step | stages | in stage s | wall s | Spark "
        + "jobs |%n|---|---|---:|---:|---:|%n", scale, bronzeRows, Machine.describe());
    lines.forEach(System.out::println);
  }

  /** One timed c360 run; prints its gold and publish progress lines; returns its Markdown table row. */
  private static String step(String driverMemory, String stages, Path lake, String url, Path log, String what)
      throws Exception {
    BenchReport.Timing t = Bench.c360Run(driverMemory, stages, lake, url, log);
    Matcher details = DETAIL.matcher(Files.readString(log));
    while (details.find()) {
      System.out.println("    " + details.group());
    }
    return String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %d |", what, stages, t.inStage, t.wall,
        t.cost.sparkJobs);
  }

  private static void log(String format, Object... args) {
    System.out.println("[bench-incremental] " + String.format(Locale.ROOT, format, args));
  }
}
