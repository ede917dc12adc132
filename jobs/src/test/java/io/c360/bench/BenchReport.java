package io.c360.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's results as Markdown (for people and the README) and JSON (for machines), written after every
 * scale to {@code bench/results/bench-<UTC time>.{md,json}} and copied to {@code bench/results/latest.{md,json}}.
 * Ratios are c360 / reference, so lower is better for times and higher for rows/s.
 */
final class BenchReport {
  private final BenchOptions options;
  private final ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
  private final List<ScaleResult> scales = new ArrayList<>();
  private MemoryResult memory;
  private DemoResult demo;

  BenchReport(BenchOptions options) {
    this.options = options;
  }

  void add(ScaleResult result) {
    scales.add(result);
  }

  void demo(DemoResult result) {
    this.demo = result;
  }

  void memory(MemoryResult result) {
    this.memory = result;
  }

  Path markdownFile() {
    return options.root.resolve("bench/results/bench-" + stamp() + ".md");
  }

  Path jsonFile() {
    return options.root.resolve("bench/results/bench-" + stamp() + ".json");
  }

  private String stamp() {
    return started.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
  }

  void write() throws IOException {
    Files.createDirectories(markdownFile().getParent());
    Files.write(markdownFile(), markdown().getBytes(StandardCharsets.UTF_8));
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(jsonFile().toFile(), json());
    Files.copy(markdownFile(), markdownFile().resolveSibling("latest.md"), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(jsonFile(), jsonFile().resolveSibling("latest.json"), StandardCopyOption.REPLACE_EXISTING);
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# c360 benchmark, ").append(started.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)).append(" UTC\n\n");
    md.append(Machine.describe()).append(" c360: Spark 3.5 `local[*]`, every stage in its own JVM (`-Xmx")
        .append(options.driverMemory).append("`), publishing to an embedded PostgreSQL 17. Reference: DuckDB ")
        .append(scales.isEmpty() ? "" : scales.get(0).duckVersion)
        .append(" (JDBC, default threads = cores) on the same clean CSVs (`c360 generate --scale N`, seed 42).\n\n")
        .append("Times in seconds. c360's *in-stage* time is the CLI's own `<stage> in N s` (after JVM and Spark")
        .append(" start-up); *wall* is the whole child process. DuckDB's times are taken inside its JVM. Peak RSS is")
        .append(" the child process's `VmHWM`. Ratios are c360 / reference. For the wall-time ratio DuckDB's wall is")
        .append(" its whole JVM (start-up, silver and gold).\n\n");

    if (demo != null) {
      md.append("## Start-up and inspection: `c360 demo`, then `status` and `quarantine` on its lake\n\n")
          .append("Run through the launcher `scripts/c360`, with the JVM flags it gives each command; `status` and "
              + "`quarantine` after a first, untimed `status` (which dumps the launcher's class-data archive).\n\n")
          .append("| command | wall s |\n|---|---:|\n")
          .append(String.format(Locale.ROOT, "| demo (scale 1, dirty: generate, silver, gold, publish to H2, report) |"
              + " %.1f |%n| status | %.1f |%n| quarantine | %.1f |%n%n", demo.demoWall, demo.statusWall,
              demo.quarantineWall));
    }

    md.append("## Bronze → silver → gold: c360 vs DuckDB\n\n");
    md.append("| scale | bronze rows | stage | c360 s (wall) | c360 rows/s | c360 peak RSS | DuckDB s | DuckDB rows/s |")
        .append(" DuckDB peak RSS | c360 / DuckDB time |\n|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (ScaleResult r : scales) {
      for (String stage : List.of("silver", "gold", "bronze → gold")) {
        Timing ours = r.ours(stage);
        Timing duck = r.duck(stage);
        long rows = stage.equals("gold") ? r.silverRows : r.bronzeRows;
        md.append(String.format(Locale.ROOT, "| %,d | %,d | %s | %.1f (%.1f) | %,.0f | %s | %.2f | %,.0f | %s | %.1f× |%n",
            r.scale, r.bronzeRows, stage, ours.inStage, ours.wall, rows / ours.inStage, mb(ours.peakRss),
            duck.inStage, rows / duck.inStage, mb(duck.peakRss), ours.inStage / duck.inStage));
      }
    }

    md.append("\n## Gold: c360 vs DuckDB, row for row (`EXCEPT ALL` both ways)\n\n");
    md.append("| scale | table | c360 rows | DuckDB rows | only in DuckDB | only in c360 | result |\n")
        .append("|---:|---|---:|---:|---:|---:|---|\n");
    for (ScaleResult r : scales) {
      r.goldMatch.forEach((table, c) -> md.append(String.format(Locale.ROOT, "| %,d | %s | %,d | %,d | %,d | %,d | %s |%n",
          r.scale, table, c[3], c[2], c[0], c[1], c[0] == 0 && c[1] == 0 && c[2] == c[3] ? "match" : "**MISMATCH**")));
    }

    md.append("\n## Publish to PostgreSQL: the same silver + gold rows\n\n");
    md.append("| scale | rows | c360 publish s | rows/s | COPY s | rows/s | df.write.jdbc s | rows/s |")
        .append(" c360 / COPY rows/s | c360 / df.write.jdbc rows/s |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (ScaleResult r : scales) {
      long rows = r.publishedRows();
      double ours = r.ours.get("publish").inStage;
      md.append(String.format(Locale.ROOT, "| %,d | %,d | %.1f | %,.0f | %.2f | %,.0f | %.1f | %,.0f | %.1f%% | %.1f× |%n",
          r.scale, rows, ours, rows / ours, r.copySeconds, rows / r.copySeconds, r.jdbcSeconds, rows / r.jdbcSeconds,
          100 * r.copySeconds / ours, r.jdbcSeconds / ours));
    }
    md.append("\nc360 publish: staging tables loaded with COPY, then MERGE into tables with primary and foreign keys,")
        .append(" state recorded, in one transaction per table. COPY: CSV streamed into empty tables without keys or")
        .append(" indexes (the practical limit). df.write.jdbc: Spark's plain append into tables it creates.\n");

    md.append("\n## Incremental: about 1% new rows as new files, then silver, gold, publish again\n\n");
    md.append("| scale | new rows | full run s (wall) | incremental s (wall) | incremental / full | silver s | gold s |")
        .append(" publish s |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (ScaleResult r : scales) {
      double full = r.sum(r.ours, true);
      double inc = r.sum(r.incremental, true);
      md.append(String.format(Locale.ROOT, "| %,d | %,d | %.1f (%.1f) | %.1f (%.1f) | %.0f%% (%.0f%%) | %.1f | %.1f | %.1f |%n",
          r.scale, r.incrementalRows, r.sum(r.ours, false), full, r.sum(r.incremental, false), inc,
          100 * r.sum(r.incremental, false) / r.sum(r.ours, false), 100 * inc / full,
          r.incremental.get("silver").inStage, r.incremental.get("gold").inStage, r.incremental.get("publish").inStage));
    }
    md.append("\nIn-stage seconds first, process wall in brackets.\n");
    md.append("\n## Gold full refresh against the incremental gold (must be equal)\n\n")
        .append("| scale | table | incremental rows | full-refresh rows | only incremental | only full refresh | result |")
        .append("\n|---:|---|---:|---:|---:|---:|---|\n");
    for (ScaleResult r : scales) {
      r.refreshMatch.forEach((table, c) -> md.append(String.format(Locale.ROOT,
          "| %,d | %s | %,d | %,d | %,d | %,d | %s |%n", r.scale, table, c[2], c[3], c[0], c[1],
          c[0] == 0 && c[1] == 0 && c[2] == c[3] ? "equal" : "DIFFERENT")));
      if (r.goldRefresh != null) {
        md.append(String.format(Locale.ROOT, "| %,d | (`run --stages gold --full-refresh`: %.1f s in stage) | | | | | |%n",
            r.scale, r.goldRefresh.inStage));
      }
    }

    md.append("\n## c360 vs plain Spark: the tutorial's pipeline written naively\n\n");
    md.append("| scale | stage | c360 s | plain Spark s | c360 / plain |\n|---:|---|---:|---:|---:|\n");
    for (ScaleResult r : scales) {
      for (String stage : List.of("silver", "gold", "publish")) {
        if (r.plain.containsKey(stage)) {
          double ours = r.ours.get(stage).inStage;
          double plain = r.plain.get(stage).inStage;
          md.append(String.format(Locale.ROOT, "| %,d | %s | %.1f | %.1f | %.2f× |%n", r.scale, stage, ours, plain,
              ours / plain));
        }
      }
    }
    md.append("\n| scale | table | c360 rows | plain rows | only in plain | only in c360 |\n|---:|---|---:|---:|---:|---:|\n");
    for (ScaleResult r : scales) {
      r.plainMatch.forEach((table, c) -> md.append(String.format(Locale.ROOT, "| %,d | %s | %,d | %,d | %,d | %,d |%n",
          r.scale, table, c[3], c[2], c[0], c[1])));
    }
    md.append("\nPlain Spark: `inferSchema` CSV, NULL keys dropped, `dropDuplicates` on the key, Delta overwrite, the")
        .append(" same `sql/gold/*.sql`, `df.write.jdbc` overwrite, Spark's default settings, in one JVM; its times")
        .append(" are taken inside that JVM. Its gold is cast to c360's types and compared with `exceptAll` both")
        .append(" ways: it reads money as doubles, so cents that a double does not hold exactly can differ. It")
        .append(" drops no malformed line, orphan or bad value (the data is clean) and keeps an arbitrary duplicate.\n");

    md.append("\n## Runs: Spark jobs and Delta commits (from the event log and the Delta logs)\n\n");
    md.append("| scale | run | in-stage s (wall) | Spark jobs | silver tables written | jobs per silver table |")
        .append(" a table's own jobs, most | Delta commits |\n|---:|---|---:|---:|---:|---:|---:|---:|\n");
    for (ScaleResult r : scales) {
      List<Object[]> runs = new ArrayList<>();
      runs.add(new Object[] {"full: silver", r.ours.get("silver")});
      runs.add(new Object[] {"rerun, nothing new: silver, gold, publish", r.rerun});
      runs.add(new Object[] {"1% drop: silver", r.incremental.get("silver")});
      for (Object[] run : runs) {
        Timing t = (Timing) run[1];
        if (t == null || t.cost == null) {
          continue;
        }
        md.append(String.format(Locale.ROOT, "| %,d | %s | %.1f (%.1f) | %,d | %d | %s | %s | %,d |%n", r.scale,
            run[0], t.inStage, t.wall, t.cost.sparkJobs, t.cost.silverTablesWritten(),
            t.cost.silverTablesWritten() == 0 ? "-" : String.format(Locale.ROOT, "%.1f", t.cost.jobsPerSilverTable()),
            t.cost.silverTableJobs.isEmpty() ? "-" : t.cost.maxSilverTableJobs() + " (" + t.cost.silverTableJobs + ")",
            t.cost.totalCommits()));
      }
    }
    md.append("\nSpark jobs are every job of the child JVM (including ledger and quarantine work); jobs per silver")
        .append(" table divides them by the tables written; a table's own jobs are those of its job group")
        .append(" (`c360-silver-<Table>`: parent keys, parse, classify, de-duplicate, write); Delta commits are")
        .append(" every new commit of the lake's silver, gold, quarantine and ledger tables.\n");

    md.append("\n## Time per row, bronze → gold\n\n| scale | c360 µs/row | relative to scale ")
        .append(scales.isEmpty() ? "" : String.format(Locale.ROOT, "%,d", scales.get(0).scale))
        .append(" | DuckDB µs/row |\n|---:|---:|---:|---:|\n");
    for (ScaleResult r : scales) {
      md.append(String.format(Locale.ROOT, "| %,d | %.1f | %.3g | %.2f |%n", r.scale, r.microsPerRow(),
          r.microsPerRow() / scales.get(0).microsPerRow(), 1e6 * r.duck("bronze → gold").inStage / r.bronzeRows));
    }

    if (memory != null) {
      md.append("\n## Memory: bronze larger than the driver heap\n\n| scale | bronze | -Xmx | bronze / heap | result |")
          .append(" wall s | peak RSS |\n|---:|---:|---:|---:|---|---:|---:|\n");
      md.append(String.format(Locale.ROOT, "| %,d | %s | %s | %.1f× | %s | %.1f | %s |%n", memory.scale,
          mb(memory.bronzeBytes), memory.heap, (double) memory.bronzeBytes / memory.heapBytes,
          memory.completed ? "silver + gold completed" : "**FAILED**", memory.wallSeconds, mb(memory.peakRssBytes)));
      md.append("\n`c360 run --stages silver,gold` with `-Xmx").append(memory.heap).append(" ")
          .append(String.join(" ", Bench.SMALL_HEAP_SETTINGS))
          .append("`: Spark refuses heaps under 450 MB unless its reserved memory is lowered; with it go a lower ")
          .append("memory fraction, one task and one table at a time, and an approximate p90 (the exact one holds one ")
          .append("value per customer in one task).\n");
    }

    md.append("\n## Targets (reported, not asserted)\n\n").append(targets());
    return md.toString();
  }

  /**
   * The targets of issues 13 and 14, each at the scales it names when this invocation ran them (a target whose
   * scale was not run is left out, not guessed).
   */
  private String targets() {
    if (scales.isEmpty()) {
      return "";
    }
    ScaleResult first = scales.get(0);
    ScaleResult last = scales.get(scales.size() - 1);
    StringBuilder t = new StringBuilder();
    if (demo != null) {
      t.append(String.format(Locale.ROOT, "- `c360 demo` ≤ 25 s wall: %.1f s — %s%n", demo.demoWall,
          met(demo.demoWall <= 25)));
      t.append(String.format(Locale.ROOT, "- `c360 status` and `c360 quarantine` ≤ 3 s wall: %.1f s and %.1f s — %s%n",
          demo.statusWall, demo.quarantineWall, met(Math.max(demo.statusWall, demo.quarantineWall) <= 3)));
    }
    for (ScaleResult r : scales) {
      if (r.rerun != null && r.scale == 1000) {
        t.append(String.format(Locale.ROOT, "- a rerun with nothing new ≤ 3 s in stage at scale 1,000, and gold + "
            + "publish ≤ 1 s: silver, gold and publish together %.1f s — %s%n", r.rerun.inStage, met(r.rerun.inStage <= 1)));
      }
      if (r.plain.containsKey("silver") && List.of(1, 100, 1000).contains(r.scale)) {
        double ratio = r.ours.get("silver").inStage / r.plain.get("silver").inStage;
        t.append(String.format(Locale.ROOT, "- silver ≤ 0.5× plain Spark's at scale %,d: %.2f× — %s%n", r.scale, ratio,
            met(ratio <= 0.5)));
      }
      Timing silver = r.incremental.get("silver");
      if (silver != null && r.scale == 1000) {
        t.append(String.format(Locale.ROOT, "- silver after a 1%% drop ≤ 5 s in stage at scale 1,000: %.1f s — %s%n",
            silver.inStage, met(silver.inStage <= 5)));
      }
      for (String stage : List.of("gold", "publish")) {
        Timing after = r.incremental.get(stage);
        if (after != null && r.scale == 1000) {
          t.append(String.format(Locale.ROOT, "- %s after a 1%% drop ≤ 3 s in stage at scale 1,000: %.1f s — %s%n",
              stage, after.inStage, met(after.inStage <= 3)));
        }
      }
      if (silver != null && silver.cost != null && silver.cost.silverTablesWritten() > 0) {
        t.append(String.format(Locale.ROOT, "- Spark jobs per silver table ≤ 8 (1%% drop, scale %,d): %.1f of all the "
            + "run's jobs per table written, at most %d of a table's own — %s%n", r.scale,
            silver.cost.jobsPerSilverTable(), silver.cost.maxSilverTableJobs(),
            met(silver.cost.jobsPerSilverTable() <= 8)));
        long allowed = silver.cost.silverTablesWritten() + 5;
        t.append(String.format(Locale.ROOT, "- Delta commits ≤ silver tables written + 5 (1%% drop's silver, scale %,d): "
            + "%d for %d — %s%n", r.scale, silver.cost.totalCommits(), silver.cost.silverTablesWritten(),
            met(silver.cost.totalCommits() <= allowed)));
      }
      if (!r.incremental.isEmpty() && (r.scale == 1000 || r.scale == 16000)) {
        double inc = r.sum(r.incremental, false) / r.sum(r.ours, false);
        double incWall = r.sum(r.incremental, true) / r.sum(r.ours, true);
        t.append(String.format(Locale.ROOT, "- 1%% incremental run ≤ 10%% of a full run at scale %,d: %.0f%% in-stage "
            + "(%.0f%% wall) — %s%n", r.scale, 100 * inc, 100 * incWall, met(inc <= 0.1)));
      }
      if (r.scale == 16000) {
        double e2e = r.ours("bronze → gold").inStage / r.duck("bronze → gold").inStage;
        double e2eWall = r.ours("bronze → gold").wall / r.duck("bronze → gold").wall;
        t.append(String.format(Locale.ROOT, "- bronze → gold ≤ 5× DuckDB at scale 16,000: %.1f× in-stage (%.1f× wall) "
            + "— %s%n", e2e, e2eWall, met(e2e <= 5)));
      }
    }
    double copyShare = last.copySeconds / last.ours.get("publish").inStage;
    t.append(String.format(Locale.ROOT, "- full publish ≥ 50%% of COPY's rows/s at scale %,d: %.1f%% — %s%n", last.scale,
        100 * copyShare, met(copyShare >= 0.5)));
    double jdbc = last.jdbcSeconds / last.ours.get("publish").inStage;
    t.append(String.format(Locale.ROOT, "- full publish ≥ 5× df.write.jdbc's rows/s at scale %,d: %.1f× — %s%n",
        last.scale, jdbc, met(jdbc >= 5)));
    double flat = last.microsPerRow() / first.microsPerRow();
    t.append(String.format(Locale.ROOT, "- time per row flat within 20%% from scale %,d to %,d: %.3g× — %s%n",
        first.scale, last.scale, flat, scales.size() < 2 ? "n/a (one scale)" : met(Math.abs(flat - 1) <= 0.2)));
    if (memory != null) {
      boolean fourTimes = memory.bronzeBytes >= 4 * memory.heapBytes;
      t.append(String.format(Locale.ROOT, "- a run with bronze ≥ 4× the heap completes: %.1f× at -Xmx%s, %s — %s%n",
          (double) memory.bronzeBytes / memory.heapBytes, memory.heap, memory.completed ? "completed" : "failed",
          memory.completed && fourTimes ? "met" : fourTimes ? "missed" : "not shown (bronze below 4× the heap: use "
              + "a larger --memory-scale)"));
    }
    return t.toString();
  }

  private static String met(boolean met) {
    return met ? "met" : "missed";
  }

  private Map<String, Object> json() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("started", started.toString());
    root.put("machine", Machine.json());
    root.put("driverMemory", options.driverMemory);
    List<Object> list = new ArrayList<>();
    for (ScaleResult r : scales) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("scale", r.scale);
      s.put("bronzeRows", r.bronzeRows);
      s.put("bronzeBytes", r.bronzeBytes);
      s.put("silverRows", r.silverRows);
      s.put("goldRows", r.goldRows);
      s.put("duckdbVersion", r.duckVersion);
      Map<String, Object> stages = new LinkedHashMap<>();
      for (String stage : List.of("silver", "gold", "bronze → gold")) {
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("c360", r.ours(stage).json());
        st.put("duckdb", r.duck(stage).json());
        st.put("ratioC360ToDuckdb", r.ours(stage).inStage / r.duck(stage).inStage);
        stages.put(stage.replace(" → ", "_to_"), st);
      }
      s.put("stages", stages);
      Map<String, Object> gold = new LinkedHashMap<>();
      r.goldMatch.forEach((table, c) -> {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("c360Rows", c[3]);
        g.put("duckdbRows", c[2]);
        g.put("onlyInDuckdb", c[0]);
        g.put("onlyInC360", c[1]);
        g.put("match", c[0] == 0 && c[1] == 0 && c[2] == c[3]);
        gold.put(table, g);
      });
      s.put("goldComparison", gold);
      Map<String, Object> publish = new LinkedHashMap<>();
      publish.put("rows", r.publishedRows());
      publish.put("c360", r.ours.get("publish").json());
      publish.put("copySeconds", r.copySeconds);
      publish.put("dfWriteJdbcSeconds", r.jdbcSeconds);
      publish.put("c360RowsPerSecondShareOfCopy", r.copySeconds / r.ours.get("publish").inStage);
      publish.put("c360RowsPerSecondOverDfWriteJdbc", r.jdbcSeconds / r.ours.get("publish").inStage);
      s.put("publish", publish);
      Map<String, Object> inc = new LinkedHashMap<>();
      inc.put("newRows", r.incrementalRows);
      r.incremental.forEach((stage, timing) -> inc.put(stage, timing.json()));
      inc.put("shareOfFullInStage", r.sum(r.incremental, false) / r.sum(r.ours, false));
      inc.put("shareOfFullWall", r.sum(r.incremental, true) / r.sum(r.ours, true));
      s.put("incremental", inc);
      if (r.goldRefresh != null) {
        Map<String, Object> refresh = new LinkedHashMap<>();
        refresh.put("goldFullRefresh", r.goldRefresh.json());
        r.refreshMatch.forEach((table, c) -> refresh.put(table, Map.of("onlyIncremental", c[0], "onlyFullRefresh",
            c[1], "incrementalRows", c[2], "fullRefreshRows", c[3])));
        s.put("goldFullRefreshVsIncremental", refresh);
      }
      s.put("c360MicrosPerRowBronzeToGold", r.microsPerRow());
      if (r.rerun != null) {
        s.put("rerunNothingNew", r.rerun.json());
      }
      Map<String, Object> plain = new LinkedHashMap<>();
      r.plain.forEach((stage, timing) -> plain.put(stage, timing.json()));
      Map<String, Object> plainGold = new LinkedHashMap<>();
      r.plainMatch.forEach((table, c) -> plainGold.put(table, Map.of("onlyInPlain", c[0], "onlyInC360", c[1],
          "plainRows", c[2], "c360Rows", c[3])));
      plain.put("goldComparison", plainGold);
      s.put("plainSpark", plain);
      list.add(s);
    }
    root.put("scales", list);
    if (demo != null) {
      root.put("demo", Map.of("demoWallSeconds", demo.demoWall, "statusWallSeconds", demo.statusWall,
          "quarantineWallSeconds", demo.quarantineWall));
    }
    if (memory != null) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("scale", memory.scale);
      m.put("heap", memory.heap);
      m.put("settings", Bench.SMALL_HEAP_SETTINGS);
      m.put("bronzeBytes", memory.bronzeBytes);
      m.put("bronzeOverHeap", (double) memory.bronzeBytes / memory.heapBytes);
      m.put("completed", memory.completed);
      m.put("wallSeconds", memory.wallSeconds);
      m.put("peakRssBytes", memory.peakRssBytes);
      root.put("memory", m);
    }
    return root;
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%,d MB", bytes >> 20);
  }

  /** Seconds of one step: in-stage (engine work), wall (whole child process) and the process's peak RSS. */
  static final class Timing {
    final double inStage;
    final double wall;
    final long peakRss;
    /** Spark jobs and Delta commits of a c360 run; null for references. */
    final RunCost cost;

    Timing(double inStage, double wall, long peakRss) {
      this(inStage, wall, peakRss, null);
    }

    Timing(double inStage, double wall, long peakRss, RunCost cost) {
      this.inStage = inStage;
      this.wall = wall;
      this.peakRss = peakRss;
      this.cost = cost;
    }

    Map<String, Object> json() {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("inStageSeconds", inStage);
      j.put("wallSeconds", wall);
      j.put("peakRssBytes", peakRss);
      if (cost != null) {
        j.put("cost", cost.json());
      }
      return j;
    }
  }

  static final class ScaleResult {
    final int scale;
    long bronzeBytes;
    long bronzeRows;
    long silverRows;
    long goldRows;
    long incrementalRows;
    String duckVersion = "";
    final Map<String, Timing> ours = new LinkedHashMap<>();
    final Map<String, Timing> duck = new LinkedHashMap<>();
    final Map<String, Timing> incremental = new LinkedHashMap<>();
    /** {@code run --stages gold --full-refresh} after the incremental run. */
    Timing goldRefresh;
    /** Per gold table after that refresh: onlyIncremental, onlyFullRefresh, incrementalRows, fullRefreshRows. */
    final Map<String, long[]> refreshMatch = new LinkedHashMap<>();
    /** Per gold table: rows only in DuckDB, only in c360, DuckDB rows, c360 rows. */
    final Map<String, long[]> goldMatch = new LinkedHashMap<>();
    double copySeconds;
    double jdbcSeconds;
    /** The plain-Spark reference's silver, gold and publish. */
    final Map<String, Timing> plain = new LinkedHashMap<>();
    /** Per gold table: rows only in plain Spark's gold, only in c360's, plain rows, c360 rows. */
    final Map<String, long[]> plainMatch = new LinkedHashMap<>();
    /** {@code run} of every stage again with nothing new. */
    Timing rerun;

    ScaleResult(int scale) {
      this.scale = scale;
    }

    Timing ours(String stage) {
      return stage.equals("bronze → gold") ? combined(ours.get("silver"), ours.get("gold"), true) : ours.get(stage);
    }

    /** DuckDB runs silver and gold in one process: the same wall and RSS for both and for the sum. */
    Timing duck(String stage) {
      return stage.equals("bronze → gold") ? combined(duck.get("silver"), duck.get("gold"), false) : duck.get(stage);
    }

    private static Timing combined(Timing a, Timing b, boolean separateProcesses) {
      return new Timing(a.inStage + b.inStage, separateProcesses ? a.wall + b.wall : a.wall,
          Math.max(a.peakRss, b.peakRss));
    }

    long publishedRows() {
      return silverRows + goldRows;
    }

    double sum(Map<String, Timing> stages, boolean wall) {
      double total = 0;
      for (Timing t : stages.values()) {
        total += wall ? t.wall : t.inStage;
      }
      return total;
    }

    double microsPerRow() {
      return 1e6 * ours("bronze → gold").inStage / bronzeRows;
    }

    String goldMatchSummary() {
      StringBuilder s = new StringBuilder();
      goldMatch.forEach((t, c) -> s.append(t).append(c[0] == 0 && c[1] == 0 && c[2] == c[3] ? " match; "
          : " MISMATCH (" + c[0] + " only in DuckDB, " + c[1] + " only in c360); "));
      return s.toString();
    }
  }

  /** Wall seconds of {@code c360 demo} on a fresh lake and of {@code status} and {@code quarantine} on it. */
  static final class DemoResult {
    final double demoWall;
    final double statusWall;
    final double quarantineWall;

    DemoResult(double demoWall, double statusWall, double quarantineWall) {
      this.demoWall = demoWall;
      this.statusWall = statusWall;
      this.quarantineWall = quarantineWall;
    }
  }

  static final class MemoryResult {
    final int scale;
    final String heap;
    final long heapBytes;
    final long bronzeBytes;
    final boolean completed;
    final double wallSeconds;
    final long peakRssBytes;

    MemoryResult(int scale, String heap, long heapBytes, long bronzeBytes, boolean completed, double wallSeconds,
        long peakRssBytes) {
      this.scale = scale;
      this.heap = heap;
      this.heapBytes = heapBytes;
      this.bronzeBytes = bronzeBytes;
      this.completed = completed;
      this.wallSeconds = wallSeconds;
      this.peakRssBytes = peakRssBytes;
    }
  }
}
