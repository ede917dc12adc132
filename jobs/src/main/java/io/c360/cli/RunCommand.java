package io.c360.cli;

import io.c360.config.Settings;
import io.c360.lake.LakeLayout;
import io.c360.ledger.LakeRun;
import io.c360.secrets.Redaction;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code c360 run}: runs the pipeline's stages against the configured lake. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run pipeline stages: bronze -> silver -> gold -> publish (SQL database). Prints progress, then a "
        + "summary per table that is also written to <lake>/_ledger/summaries/run-<id>.json.")
public final class RunCommand implements Callable<Integer> {
  static final List<String> STAGES = List.of("silver", "gold", "publish");

  @Mixin
  ConfigOptions config;

  @Option(names = {"--stages", "stages"}, split = ",", paramLabel = "STAGE",
      description = "Comma-separated stages to run, of: ${COMPLETION-CANDIDATES}. Default: all. Also: stages=....",
      completionCandidates = Stages.class)
  List<String> stages = STAGES;

  @Option(names = {"--full-refresh", "full-refresh"},
      description = "Rebuild silver and quarantine by replaying bronze in ledger order, and recompute gold from all of "
          + "silver (with --stages gold: gold only).")
  boolean fullRefresh;

  @Option(names = {"--rehash", "rehash"}, description = "Read and hash every bronze file, also those whose size and modification "
      + "time equal their latest ledger record (which are otherwise taken as unchanged without being read).")
  boolean rehash;

  @Option(names = {"--json", "json"},
      description = "Print the run summary as JSON on stdout (progress and the table go to stderr).")
  boolean json;

  @Spec
  CommandSpec spec;

  static final class Stages extends java.util.ArrayList<String> {
    private static final long serialVersionUID = 1L;

    Stages() {
      super(STAGES);
    }
  }

  @Override
  public Integer call() {
    Set<String> requested = new LinkedHashSet<>();
    for (String stage : stages) {
      String name = stage.strip().toLowerCase(Locale.ROOT);
      if (!STAGES.contains(name)) {
        throw new IllegalArgumentException("unknown stage '" + stage + "'; available stages: " + STAGES);
      }
      requested.add(name);
    }
    Lakes lake = Lakes.open(config);
    Settings settings = lake.settings;
    SparkSession spark = lake.spark;
    LakeLayout layout = lake.layout;
    // With --json stdout carries the summary only: what people read goes to stderr.
    PrintWriter out = json ? spec.commandLine().getErr() : spec.commandLine().getOut();
    out.printf("lake %s%n", layout);
    Outcome outcome = run(spark, layout, settings, requested, fullRefresh, rehash, lake.startup, out);
    if (json) {
      CommandOutput.print(spec.commandLine().getOut(), outcome.summary.toMap());
    }
    return outcome.exit;
  }

  /** The exit code and summary of one run. */
  static final class Outcome {
    final int exit;
    final RunSummary summary;
    final String summaryFile;

    Outcome(int exit, RunSummary summary, String summaryFile) {
      this.exit = exit;
      this.summary = summary;
      this.summaryFile = summaryFile;
    }
  }

  /** One run of {@code requested} stages under the lake's lock, recorded in the ledger; used by {@code demo} too. */
  static Outcome run(SparkSession spark, LakeLayout layout, Settings settings, Set<String> requested,
      boolean fullRefresh, PrintWriter out) {
    return run(spark, layout, settings, requested, fullRefresh, false, null, out);
  }

  /** Runs {@code requested} in one ledger run; prints the start-up line first when {@code startup} is given. */
  static Outcome run(SparkSession spark, LakeLayout layout, Settings settings, Set<String> requested,
      boolean fullRefresh, boolean rehash, StartupTimes startup, PrintWriter out) {
    String command = "run --stages " + String.join(",", requested) + (fullRefresh ? " --full-refresh" : "")
        + (rehash ? " --rehash" : "");
    try (LakeRun run = LakeRun.start(spark, layout, settings.lake().lockTimeout(), command)) {
      if (startup != null) {
        out.println(startup.mark("lock and run record").line());
      }
      RunSummary summary = new RunSummary(run.id());
      try {
        int exit = new Pipeline(spark, layout, settings, out).rehash(rehash)
            .execute(run, requested, fullRefresh, summary);
        summary.outcome(exit == C360.OK ? "SUCCEEDED" : "FAILED");
        out.printf("run %d %s in %.1f s%n", run.id(), exit == C360.OK ? "succeeded" : "failed",
            summary.elapsedSeconds());
        summary.print(out);
        String file = summary.write(layout);
        out.printf("summary: %s%n", file);
        if (exit == C360.OK) {
          run.succeeded();
        } else {
          run.failed("rejected files; see the ledger");
        }
        return new Outcome(exit, summary, file);
      } catch (Exception | Error e) {
        // Exception: a failed Spark job is a SparkException, checked in Java and thrown undeclared.
        try {
          run.failed(Redaction.scrub(e.getClass().getSimpleName() + ": " + e.getMessage()));
        } catch (RuntimeException | Error unrecorded) {
          // A full disk refuses the ledger too: the cause the user must see is the first failure.
          e.addSuppressed(unrecorded);
        }
        throw e;
      }
    }
  }
}
