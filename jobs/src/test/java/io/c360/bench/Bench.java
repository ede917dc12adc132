package io.c360.bench;

import io.c360.catalog.Catalog;
import io.c360.catalog.Table;
import io.c360.cli.C360;
import io.c360.generate.Generator;
import io.c360.gold.GoldQuery;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.postgresql.PGConnection;

/**
 * {@code scripts/bench} (DESIGN §11): per scale, generates (and caches) clean bronze data, runs c360's stages one
 * child JVM each (wall time, in-stage time, rows/s, peak RSS), has DuckDB do the same silver and gold on the same
 * CSVs ({@link DuckDbReference}) and compares the gold tables row for row, publishes into an embedded PostgreSQL
 * next to {@code COPY} into empty unindexed tables and Spark's plain {@code df.write.jdbc}, then adds ~1% new rows
 * as new files and times the incremental run. Finally one run whose bronze is at least 4x the driver heap. Writes
 * Markdown and JSON under {@code bench/results/} ({@link BenchReport}). Never part of the test suite.
 *
 * <pre>
 * scripts/bench [--scales 1000,4000,16000] [--driver-memory 4g] [--memory-heap 256m] [--memory-scale N]
 * </pre>
 */
public final class Bench {
  private final BenchOptions options;
  private final Path work;
  private final BenchReport report;

  private Bench(BenchOptions options) {
    this.options = options;
    this.work = options.root.resolve("bench/work");
    this.report = new BenchReport(options);
  }

  public static void main(String[] args) throws Exception {
    BenchOptions options = BenchOptions.parse(args);
    new Bench(options).execute();
  }

  private void execute() throws Exception {
    try {
      report.demo(demo());
    } catch (IllegalStateException e) {
      log("demo failed, left out of the report: %s", e.getMessage());
    }
    report.write();
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      for (int scale : options.scales) {
        report.add(scale(scale, postgres));
        report.write();
      }
    }
    if (options.memoryHeap != null) {
      report.memory(memoryRun());
      report.write();
    }
    System.out.println(report.markdown());
    System.out.println("results: " + report.markdownFile() + " and " + report.jsonFile());
  }

  private BenchReport.ScaleResult scale(int scale, EmbeddedPostgres postgres) throws Exception {
    BenchReport.ScaleResult r = new BenchReport.ScaleResult(scale);
    Path bronze = bronze(scale);
    r.bronzeBytes = bytes(bronze);
    r.bronzeRows = dataRows(bronze);
    Path dir = work.resolve("scale-" + scale);
    deleteRecursively(dir);
    Path lake = dir.resolve("lake");
    link(bronze, lake.resolve("bronze"));
    Path logs = dir.resolve("logs");
    String database = "c360_s" + scale;
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database);
      s.execute("CREATE DATABASE " + database);
    }
    String url = postgres.getJdbcUrl("postgres", database);
    log("scale %d: %,d bronze rows, %,d bytes", scale, r.bronzeRows, r.bronzeBytes);

    for (String stage : List.of("silver", "gold", "publish")) {
      r.ours.put(stage, stage(stage, lake, url, logs.resolve("c360-" + stage + ".log")));
    }
    ChildJvm.of(SparkSide.class).heap(options.driverMemory).args("export-gold", lake.toString(),
        dir.resolve("our-gold").toString()).log(logs.resolve("export-gold.log")).run().check();

    try {
      plainSpark(r, bronze, dir, lake, postgres, database, url);
    } catch (IllegalStateException | NullPointerException e) {
      log("plain Spark reference failed, left out of the report: %s", e);
    }

    ChildJvm.Result duck = ChildJvm.of(DuckDbReference.class).heap("1g").args(bronze.toString())
        .log(logs.resolve("duckdb.log")).run().check();
    Map<String, String> values = duck.values();
    r.duckVersion = values.get("version");
    r.silverRows = Long.parseLong(values.get("silver_rows"));
    r.duck.put("silver", new BenchReport.Timing(Double.parseDouble(values.get("silver_seconds")), duck.wallSeconds,
        duck.peakRssBytes));
    r.duck.put("gold", new BenchReport.Timing(Double.parseDouble(values.get("gold_seconds")), duck.wallSeconds,
        duck.peakRssBytes));
    Path export = dir.resolve("csv");
    ChildJvm.Result compare = ChildJvm.of(DuckDbReference.class).heap("1g").args(bronze.toString(),
        dir.resolve("our-gold").toString(), export.toString()).log(logs.resolve("duckdb-compare.log")).run().check();
    for (String table : GoldQuery.TABLES) {
      String[] counts = compare.values().get("compare." + table).split(",");
      r.goldMatch.put(table, new long[] {Long.parseLong(counts[0]), Long.parseLong(counts[1]),
          Long.parseLong(counts[2]), Long.parseLong(counts[3])});
      r.goldRows += Long.parseLong(counts[3]);
    }
    log("scale %d: gold vs DuckDB %s", scale, r.goldMatchSummary());

    r.copySeconds = copySeconds(postgres, database, export);
    try (Connection c = postgres.getDatabase("postgres", database).getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA spark_jdbc");
    }
    r.jdbcSeconds = Double.parseDouble(ChildJvm.of(SparkSide.class).heap(options.driverMemory)
        .args("jdbc-append", lake.toString(), url, "spark_jdbc").log(logs.resolve("df-write-jdbc.log")).run().check()
        .values().get("jdbc_seconds"));

    r.rerun = stage("silver,gold,publish", lake, url, logs.resolve("rerun.log"));

    r.incrementalRows = addIncrementalFiles(lake.resolve("bronze"), Math.max(2, Math.round(r.bronzeRows * 0.01)));
    for (String stage : List.of("silver", "gold", "publish")) {
      r.incremental.put(stage, stage(stage, lake, url, logs.resolve("incremental-" + stage + ".log")));
    }
    refreshGold(r, lake, url, dir);
    log("scale %d done", scale);
    return r;
  }

  /**
   * {@code run --stages gold --full-refresh} after the incremental run, timed, and its gold compared with the
   * incremental gold row for row (DESIGN §5: they must be equal).
   */
  private void refreshGold(BenchReport.ScaleResult r, Path lake, String url, Path dir) throws Exception {
    Path incremental = dir.resolve("incremental-gold");
    ChildJvm.of(SparkSide.class).heap(options.driverMemory).args("export-gold", lake.toString(),
        incremental.toString()).log(dir.resolve("logs/export-incremental-gold.log")).run().check();
    r.goldRefresh = stage("gold", lake, url, dir.resolve("logs/gold-full-refresh.log"), "--full-refresh");
    Map<String, String> same = ChildJvm.of(SparkSide.class).heap(options.driverMemory).args("compare-gold",
        lake.toString(), incremental.toString()).log(dir.resolve("logs/compare-refreshed-gold.log")).run().check()
        .values();
    for (String table : GoldQuery.TABLES) {
      r.refreshMatch.put(table, Arrays.stream(same.get("compare." + table).split(",")).mapToLong(Long::parseLong)
          .toArray());
    }
  }

  /**
   * One c360 run in its own JVM, like {@code scripts/c360 run --stages STAGES}, publishing to PostgreSQL, with
   * Spark's event log on: its Spark jobs (from the event log) and Delta commits (new {@code _delta_log} JSON files
   * of silver, quarantine and ledger tables) go with the timing.
   */
  private BenchReport.Timing stage(String stage, Path lake, String url, Path log, String... runOptions)
      throws Exception {
    return c360Run(options.driverMemory, stage, lake, url, log, runOptions);
  }

  /** {@link #stage} with the child's heap given: what {@link IncrementalBench} times too. */
  static BenchReport.Timing c360Run(String driverMemory, String stage, Path lake, String url, Path log,
      String... runOptions) throws Exception {
    Path events = log.resolveSibling(log.getFileName().toString().replace(".log", "") + "-events");
    deleteRecursively(events);
    Files.createDirectories(events);
    Map<String, Long> before = RunCost.commits(lake);
    ChildJvm.Result result = ChildJvm.of(C360.class).heap(driverMemory)
        .jvmOption("-Dspark.eventLog.enabled=true").jvmOption("-Dspark.eventLog.dir=" + events.toUri())
        .args("run", "--stages", stage,
        "-Dc360.lake.root=" + lake, "-Dc360.publish.target=postgresql", "-Dc360.publish.url=" + url,
        "-Dc360.publish.user=postgres").args(runOptions).log(log).run().check();
    double inStage = result.seconds("(?:" + stage + "|run \\d+ succeeded) in ([0-9.]+) s", result.wallSeconds);
    RunCost cost = RunCost.of(events, before, RunCost.commits(lake));
    log("  c360 %-8s %7.1f s in stage, %7.1f s wall, peak RSS %,d MB; %s", stage, inStage, result.wallSeconds,
        result.peakRssBytes >> 20, cost);
    return new BenchReport.Timing(inStage, result.wallSeconds, result.peakRssBytes, cost);
  }

  /**
   * The plain-Spark reference ({@link PlainSparkReference}) on the same CSVs, publishing into its own schema, and
   * its gold compared with ours.
   */
  private void plainSpark(BenchReport.ScaleResult r, Path bronze, Path dir, Path lake, EmbeddedPostgres postgres,
      String database, String url) throws Exception {
    try (Connection c = postgres.getDatabase("postgres", database).getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA plain");
    }
    ChildJvm.Result plain = ChildJvm.of(PlainSparkReference.class).heap(options.driverMemory)
        .args(bronze.toString(), dir.resolve("plain").toString(), lake.toString(), url, "plain")
        .log(dir.resolve("logs/plain-spark.log")).run().check();
    Map<String, String> values = plain.values();
    for (String stage : List.of("silver", "gold", "publish")) {
      r.plain.put(stage, new BenchReport.Timing(Double.parseDouble(values.get(stage + "_seconds")), plain.wallSeconds,
          plain.peakRssBytes));
    }
    for (String table : GoldQuery.TABLES) {
      String[] counts = values.get("compare." + table).split(",");
      r.plainMatch.put(table, new long[] {Long.parseLong(counts[0]), Long.parseLong(counts[1]),
          Long.parseLong(counts[2]), Long.parseLong(counts[3])});
    }
    log("  plain Spark      silver %.1f s, gold %.1f s, publish %.1f s, %.1f s wall; gold rows differing: %s",
        r.plain.get("silver").inStage, r.plain.get("gold").inStage, r.plain.get("publish").inStage, plain.wallSeconds,
        r.plainMatch.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()[1] + "/" + e.getValue()[3])
            .collect(Collectors.joining(", ")));
  }

  /**
   * {@code scripts/c360 demo} from nothing (the README's first command, after the build: the launcher is called
   * once untimed, which builds the jar when the sources are newer) on a fresh lake, then {@code status} and
   * {@code quarantine} on that lake; wall times of the whole processes, with the JVM flags the launcher gives
   * each command. {@code status} runs once untimed first: its first run on a new jar dumps the launcher's
   * class-data archive, which every later inspection command maps.
   */
  private BenchReport.DemoResult demo() throws Exception {
    Path dir = work.resolve("demo");
    deleteRecursively(dir);
    Path launcher = options.root.resolve("scripts/c360");
    String root = "-Dc360.lake.root=" + dir.resolve("lake");
    ChildJvm.launcher(launcher).args("--version").log(dir.resolve("logs/build.log")).run().check();
    ChildJvm.Result demo = ChildJvm.launcher(launcher).heap(options.driverMemory).args("demo", root)
        .log(dir.resolve("logs/demo.log")).run().check();
    ChildJvm.launcher(launcher).heap(options.driverMemory).args("status", root)
        .log(dir.resolve("logs/status-first.log")).run().check();
    ChildJvm.Result status = ChildJvm.launcher(launcher).heap(options.driverMemory).args("status", root)
        .log(dir.resolve("logs/status.log")).run().check();
    ChildJvm.Result quarantine = ChildJvm.launcher(launcher).heap(options.driverMemory).args("quarantine", root)
        .log(dir.resolve("logs/quarantine.log")).run().check();
    log("demo %.1f s wall; status %.1f s; quarantine %.1f s", demo.wallSeconds, status.wallSeconds,
        quarantine.wallSeconds);
    return new BenchReport.DemoResult(demo.wallSeconds, status.wallSeconds, quarantine.wallSeconds);
  }

  /**
   * PostgreSQL {@code COPY} of the rows c360 published (silver as DuckDB computed it, gold as DuckDB computed it,
   * equal to ours when the comparison matched) into empty tables without keys or indexes, streamed from CSV files.
   */
  private static double copySeconds(EmbeddedPostgres postgres, String database, Path csv) throws Exception {
    double seconds = 0;
    try (Connection c = postgres.getDatabase("postgres", database).getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA copy_target");
      List<String[]> targets = new ArrayList<>();
      for (Table table : Catalog.tables()) {
        targets.add(new String[] {"public.\"" + table.name() + "\"", "copy_target.\"" + table.name() + "\"",
            table.name() + ".csv"});
      }
      for (String table : GoldQuery.TABLES) {
        targets.add(new String[] {"gold.\"" + table + "\"", "copy_target.\"gold_" + table + "\"",
            "gold." + table + ".csv"});
      }
      for (String[] t : targets) {
        s.execute("CREATE TABLE " + t[1] + " (LIKE " + t[0] + ")");
        try (Reader in = Files.newBufferedReader(csv.resolve(t[2]), StandardCharsets.UTF_8)) {
          long started = System.nanoTime();
          c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + t[1] + " FROM STDIN (FORMAT csv)", in, 1 << 16);
          seconds += (System.nanoTime() - started) / 1e9;
        }
      }
    }
    log("  COPY             %7.1f s", seconds);
    return seconds;
  }

  /**
   * About {@code rows} new rows as new files dated after every generated drop, half online orders and half in-store
   * transactions: copies of the first generated rows with fresh keys above the largest existing one (same customers,
   * products and stores, so every parent exists). Returns the rows written.
   */
  public static long addIncrementalFiles(Path bronze, long rows) throws IOException {
    return addIncrementalFiles(bronze, rows, "2026-01-01.csv");
  }

  /** {@link #addIncrementalFiles(Path, long)} into files named {@code fileName}: one drop after another. */
  static long addIncrementalFiles(Path bronze, long rows, String fileName) throws IOException {
    long written = 0;
    for (Table table : List.of(Catalog.ONLINE_TRANSACTIONS, Catalog.IN_STORE_TRANSACTIONS)) {
      long wanted = table == Catalog.ONLINE_TRANSACTIONS ? rows / 2 : rows - rows / 2;
      List<Path> files = csvFiles(bronze.resolve(table.name()));
      long maxKey = 0;
      for (Path f : files) {
        try (Stream<String> lines = Files.lines(f)) {
          // A dirty lake's out-of-range key (quarantined as BAD_VALUE) is no key of silver's: renumbering past it
          // would make every new key out of range too.
          maxKey = Math.max(maxKey, lines.skip(1).mapToLong(Bench::leadingKey).filter(k -> k <= Integer.MAX_VALUE)
              .max().orElse(0));
        }
      }
      Path target = bronze.resolve(table.name()).resolve(fileName);
      try (BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
        out.write(String.join(",", table.columnNames()));
        out.write('\n');
        long n = 0;
        for (Path f : files) {
          try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            in.readLine();
            for (String line = in.readLine(); line != null && n < wanted; line = in.readLine()) {
              long key = leadingKey(line);
              if (key < 0) {
                continue; // a dirty line (GoldStageAtScaleTest's bronze): no key to renumber
              }
              out.write((key + maxKey) + line.substring(line.indexOf(',')));
              out.write('\n');
              n++;
            }
          }
        }
        written += n;
      }
    }
    return written;
  }

  /** The line's first field as a non-negative integer key, or -1 when it is none (blank, quoted, dirty). */
  private static long leadingKey(String line) {
    int comma = line.indexOf(',');
    if (comma < 1 || comma > 18) {
      return -1;
    }
    for (int i = 0; i < comma; i++) {
      if (line.charAt(i) < '0' || line.charAt(i) > '9') {
        return -1;
      }
    }
    return Long.parseLong(line.substring(0, comma));
  }

  /**
   * What the memory check sets besides -Xmx. Spark refuses heaps under 450 MB because it keeps 300 MB for objects it
   * does not account for (generated code, Parquet and shuffle writers, Delta's log state); lowering that to 64 MB
   * needs its memory fraction lowered too, and one task and one table at a time, or a 256 MB heap runs out in gold's
   * sort-merge joins (two tasks) or in silver (four tables at once). The exact p90 of gold keeps one value per
   * customer in one task (about 40 bytes each), so the check asks for an approximate cut.
   */
  static final List<String> SMALL_HEAP_SETTINGS = List.of("-Dspark.testing.reservedMemory=" + (64L << 20),
      "-Dc360.spark.conf.spark.memory.fraction=0.3", "-Dc360.spark.master=local[1]",
      "-Dc360.spark.concurrent-tables=1", "-Dc360.gold.percentile-accuracy=10000");

  /** The memory check: silver and gold on bronze at least 4x the driver heap (-Xmx), in one child JVM. */
  private BenchReport.MemoryResult memoryRun() throws Exception {
    long heap = BenchOptions.bytes(options.memoryHeap);
    int scale = options.memoryScale > 0 ? options.memoryScale : memoryScale(4 * heap);
    Path bronze = bronze(scale);
    Path dir = work.resolve("memory-" + scale);
    deleteRecursively(dir);
    link(bronze, dir.resolve("lake/bronze"));
    ChildJvm child = ChildJvm.of(C360.class).heap(options.memoryHeap);
    List<String> args = new ArrayList<>(List.of("run", "--stages", "silver,gold", "-Dc360.lake.root=" + dir.resolve("lake")));
    for (String setting : SMALL_HEAP_SETTINGS) {
      if (setting.startsWith("-Dc360.")) {
        args.add(setting);
      } else {
        child.jvmOption(setting);
      }
    }
    ChildJvm.Result run = child.args(args.toArray(new String[0])).log(dir.resolve("logs/c360-silver-gold.log")).run();
    BenchReport.MemoryResult m = new BenchReport.MemoryResult(scale, options.memoryHeap, heap, bytes(bronze),
        run.exit == 0, run.wallSeconds, run.peakRssBytes);
    log("memory: scale %d, bronze %,d MB, -Xmx%s: %s in %.1f s, peak RSS %,d MB", scale, m.bronzeBytes >> 20,
        options.memoryHeap, m.completed ? "completed" : "FAILED (exit " + run.exit + ")", m.wallSeconds,
        m.peakRssBytes >> 20);
    return m;
  }

  /**
   * The smallest requested scale whose bronze holds at least {@code bytes}; else the largest scale doubled until its
   * bronze, extrapolated linearly from the largest one's, does.
   */
  private int memoryScale(long bytes) throws IOException {
    int largest = 0;
    for (int candidate : options.scales) {
      if (bytes(bronze(candidate)) >= bytes) {
        return candidate;
      }
      largest = Math.max(largest, candidate);
    }
    long largestBytes = bytes(bronze(largest));
    int scale = largest;
    while ((double) largestBytes * scale / largest < bytes) {
      scale *= 2;
    }
    return scale;
  }

  /** The cached clean bronze folder of a scale, generated (seed 42) when missing; the manifest is written last. */
  private Path bronze(int scale) {
    return cachedBronze(options.root, scale);
  }

  /** The cached clean bronze folder of a scale under {@code root}'s {@code bench/data}, generated when missing. */
  static Path cachedBronze(Path root, int scale) {
    Path bronze = root.resolve("bench/data").resolve(Integer.toString(scale)).resolve("bronze");
    if (!Files.exists(bronze.resolve(Generator.MANIFEST))) {
      log("generating scale %d into %s", scale, bronze);
      Generator.create().scale(scale).seed(42).dirty(false).outputDirectory(bronze).execute();
    }
    return bronze;
  }

  /** Hard links of the cached bronze CSVs, so that runs and incremental files never touch the cache. */
  static void link(Path from, Path to) throws IOException {
    List<Path> files = csvFiles(from);
    for (Path f : files) {
      Path target = to.resolve(from.relativize(f).toString());
      Files.createDirectories(target.getParent());
      Files.createLink(target, f);
    }
  }

  private static List<Path> csvFiles(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(p -> p.toString().endsWith(".csv")).sorted().collect(Collectors.toList());
    }
  }

  private static long bytes(Path folder) throws IOException {
    long total = 0;
    for (Path f : csvFiles(folder)) {
      total += Files.size(f);
    }
    return total;
  }

  /** Data rows of every bronze CSV (non-blank lines after the header). */
  static long dataRows(Path folder) throws IOException {
    long rows = 0;
    for (Path f : csvFiles(folder)) {
      try (Stream<String> lines = Files.lines(f)) {
        rows += lines.skip(1).filter(l -> !l.isBlank()).count();
      }
    }
    return rows;
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
          Files.delete(p);
        }
      }
    }
  }

  private static void log(String format, Object... args) {
    System.out.println("[bench] " + String.format(java.util.Locale.ROOT, format, args));
  }
}
