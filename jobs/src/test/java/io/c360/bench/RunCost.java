package io.c360.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.c360.lake.JobDescription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What one c360 run cost besides time (DESIGN §11): Spark jobs, counted in Spark's event log
 * ({@code SparkListenerJobStart} events), and Delta commits, counted as new {@code _delta_log/*.json} files per
 * table (silver tables, quarantine, ledger tables), with the silver tables the run wrote.
 */
final class RunCost {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SILVER_GROUP = JobDescription.group("silver", "");

  final long sparkJobs;
  /**
   * Spark jobs per silver table, from the job group each table's work runs in ({@link JobDescription}); the rest of
   * {@link #sparkJobs} is the stage's own (ledger, quarantine, the run record).
   */
  final Map<String, Long> silverTableJobs;
  /** New commits per table, keyed like {@code silver/Customers}, {@code quarantine}, {@code _ledger/runs}. */
  final Map<String, Long> commits;

  private RunCost(long sparkJobs, Map<String, Long> silverTableJobs, Map<String, Long> commits) {
    this.sparkJobs = sparkJobs;
    this.silverTableJobs = silverTableJobs;
    this.commits = commits;
  }

  /** The run's cost from its event log folder and the commit counts of the lake before and after it. */
  static RunCost of(Path eventLogs, Map<String, Long> before, Map<String, Long> after) throws IOException {
    long jobs = 0;
    Map<String, Long> silverTableJobs = new TreeMap<>();
    try (Stream<Path> files = Files.list(eventLogs)) {
      for (Path file : files.collect(Collectors.toList())) {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
          for (String line : (Iterable<String>) lines.filter(l -> l.startsWith("{\"Event\":\"SparkListenerJobStart\""))
              ::iterator) {
            jobs++;
            String group = JSON.readTree(line).path("Properties").path("spark.jobGroup.id").asText("");
            if (group.startsWith(SILVER_GROUP)) {
              silverTableJobs.merge(group.substring(SILVER_GROUP.length()), 1L, Long::sum);
            }
          }
        }
      }
    }
    Map<String, Long> commits = new TreeMap<>();
    after.forEach((table, n) -> {
      long added = n - before.getOrDefault(table, 0L);
      if (added > 0) {
        commits.put(table, added);
      }
    });
    return new RunCost(jobs, silverTableJobs, commits);
  }

  /** Commit files per Delta table of the lake (silver/*, gold/*, quarantine, _ledger/*). */
  static Map<String, Long> commits(Path lake) throws IOException {
    Map<String, Long> commits = new TreeMap<>();
    for (String parent : List.of("silver", "gold", "_ledger")) {
      Path folder = lake.resolve(parent);
      if (Files.isDirectory(folder)) {
        try (Stream<Path> tables = Files.list(folder)) {
          for (Path table : tables.collect(Collectors.toList())) {
            count(commits, parent + "/" + table.getFileName(), table);
          }
        }
      }
    }
    count(commits, "quarantine", lake.resolve("quarantine"));
    return commits;
  }

  private static void count(Map<String, Long> commits, String name, Path table) throws IOException {
    Path log = table.resolve("_delta_log");
    if (Files.isDirectory(log)) {
      try (Stream<Path> files = Files.list(log)) {
        commits.put(name, files.filter(f -> f.getFileName().toString().matches("\\d{20}\\.json")).count());
      }
    }
  }

  int silverTablesWritten() {
    return (int) commits.keySet().stream().filter(t -> t.startsWith("silver/")).count();
  }

  long totalCommits() {
    return commits.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Spark jobs per silver table written, or NaN when the run wrote none. */
  double jobsPerSilverTable() {
    return silverTablesWritten() == 0 ? Double.NaN : (double) sparkJobs / silverTablesWritten();
  }

  /** The most Spark jobs one silver table's own work ran, or 0 when no table ran any. */
  long maxSilverTableJobs() {
    return silverTableJobs.values().stream().mapToLong(Long::longValue).max().orElse(0);
  }

  Map<String, Object> json() {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("sparkJobs", sparkJobs);
    j.put("sparkJobsBySilverTable", silverTableJobs);
    j.put("silverTablesWritten", silverTablesWritten());
    j.put("deltaCommits", totalCommits());
    j.put("deltaCommitsByTable", commits);
    return j;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%d Spark jobs, %d Delta commits (%d silver tables written)", sparkJobs,
        totalCommits(), silverTablesWritten());
  }
}
