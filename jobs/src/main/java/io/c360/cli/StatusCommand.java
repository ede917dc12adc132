package io.c360.cli;

import io.c360.lake.LakeLayout;
import io.c360.ledger.FileRecord;
import io.c360.ledger.LedgerReader;
import io.c360.ledger.LedgerReader.RunState;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code c360 status}: the most recent runs recorded in the ledger, newest first, and the bronze files that are
 * there but not ingested.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Recent runs from the ledger, newest first: run id, command, start (UTC), duration, outcome, error; "
        + "then the bronze files not ingested (refused, or read by no table) with the ledger's message.")
public final class StatusCommand implements Callable<Integer> {
  private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
      .withZone(ZoneOffset.UTC);

  @Mixin
  ConfigOptions config;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "10",
      description = "How many runs to show (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "Print {lake, runs: [...]} as JSON instead of a table.")
  boolean json;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    Lakes.checkPositive("--limit", limit);
    LakeLayout layout = Lakes.withoutSpark(config).layout;
    CommandOutput out = new CommandOutput(spec.commandLine().getOut(), json).value("lake", layout.toString());
    out.line("lake %s", layout);
    List<RunState> runs = new LedgerReader(layout).runs();
    runs = runs.subList(0, Math.min(limit, runs.size()));
    if (runs.isEmpty()) {
      out.line("no runs recorded yet in %s", layout.ledger());
    }
    TextTable table = new TextTable("run", "command", "started (UTC)", "duration", "outcome", "error").right(0, 3);
    for (RunState run : runs) {
      String started = run.startedAt();
      String finished = run.finishedAt();
      table.row(run.runId(), run.command(), started == null ? "" : START.format(Instant.parse(started)),
          duration(started, finished), run.status(), run.message());
    }
    if (!runs.isEmpty() || json) {
      out.table("runs", table);
    }
    TextTable files = notIngested(layout);
    if (!files.records().isEmpty()) {
      out.line("");
      out.line("bronze files not ingested (unknown: no table reads them; rejected: retried every run):");
    }
    if (!files.records().isEmpty() || json) {
      out.table("bronze_files", files);
    }
    return out.finish(C360.OK);
  }

  /**
   * The bronze files still there whose latest ledger record says they were not ingested: refused (by name, header
   * or share of bad rows) or read by no table. A renamed, fixed or deleted file drops off the list.
   */
  private static TextTable notIngested(LakeLayout layout) {
    TextTable table = new TextTable("file", "table", "status", "run", "message").right(3);
    Map<String, FileRecord> latest = new TreeMap<>();
    LedgerReader.latest(new LedgerReader(layout).files()).values().forEach(byPath -> byPath.values()
        .forEach(r -> latest.merge(r.path(), r, (a, b) -> b.runId() >= a.runId() ? b : a)));
    for (FileRecord r : latest.values()) {
      // The path as one string: a relative name holding ':' would be read as a URI scheme by Path(parent, child).
      if (r.status() != FileRecord.Status.INGESTED && layout.exists(new Path(layout.bronze() + "/" + r.path()))) {
        table.row(r.path(), r.table(), r.status().name(), r.runId(), r.message());
      }
    }
    return table;
  }

  /** "12.3 s", "4 min 05 s", "2 h 03 min"; a run without an end is still running or was killed. */
  static String duration(String started, String finished) {
    if (started == null || finished == null) {
      return "-";
    }
    Duration d = Duration.between(Instant.parse(started), Instant.parse(finished));
    long seconds = d.getSeconds();
    if (seconds < 60) {
      return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
    if (seconds < 3600) {
      return String.format(java.util.Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
    }
    return String.format(java.util.Locale.ROOT, "%d h %02d min", seconds / 3600, seconds % 3600 / 60);
  }
}
