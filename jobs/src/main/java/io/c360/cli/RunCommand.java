package io.c360.cli;

import io.c360.config.InvalidConfigException;
import io.c360.config.Settings;
import io.c360.gold.GoldStage;
import io.c360.lake.LakeLayout;
import io.c360.ledger.FileCounts;
import io.c360.ledger.LakeRun;
import io.c360.publish.PublishResult;
import io.c360.publish.PublishStage;
import io.c360.publish.PublishTarget;
import io.c360.secrets.SecretResolutionException;
import io.c360.secrets.Redaction;
import io.c360.secrets.SecretResolver;
import io.c360.silver.QualityRule;
import io.c360.silver.SilverResult;
import io.c360.silver.SilverStage;
import io.c360.silver.SilverStageResult;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
    description = "Run pipeline stages: bronze -> silver -> gold -> publish (SQL database).")
public final class RunCommand implements Callable<Integer> {
  static final List<String> STAGES = List.of("silver", "gold", "publish");

  @Mixin
  ConfigOptions config;

  @Option(names = "--stages", split = ",", paramLabel = "STAGE",
      description = "Comma-separated stages to run, of: ${COMPLETION-CANDIDATES}. Default: all.",
      completionCandidates = Stages.class)
  List<String> stages = STAGES;

  @Option(names = "--full-refresh", description = "Rebuild silver and quarantine by replaying bronze in ledger order.")
  boolean fullRefresh;

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
    Settings settings = config.load();
    Logging.configure(config.verbose);
    SparkSession spark = Lakes.spark(settings);
    LakeLayout layout = Lakes.layout(spark, settings);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("lake %s%n", layout);
    String command = "run --stages " + String.join(",", requested) + (fullRefresh ? " --full-refresh" : "");
    try (LakeRun run = LakeRun.start(spark, layout, settings.lake().lockTimeout(), command)) {
      try {
        return runStages(spark, layout, settings, run, requested, out);
      } catch (RuntimeException e) {
        run.failed(Redaction.scrub(e.getClass().getSimpleName() + ": " + e.getMessage()));
        throw e;
      }
    }
  }

  private int runStages(SparkSession spark, LakeLayout layout, Settings settings, LakeRun run, Set<String> requested,
      PrintWriter out) {
    int exit = C360.OK;
    if (requested.contains("silver")) {
      long started = System.nanoTime();
      SilverStageResult silver = SilverStage.of(spark, layout, run.ledger())
          .runId(run.id())
          .fullRefresh(fullRefresh)
          .maxRejectedFraction(settings.quality().maxRejectedFraction())
          .rules(t -> QualityRule.forTable(t, settings.quality().domainAction(), settings.quality().expectations()))
          .execute();
      printSilver(out, run.id(), silver, (System.nanoTime() - started) / 1e9);
      if (silver.hasErrors()) {
        exit = C360.DATA_QUALITY;
      }
    }
    if (requested.contains("gold") && exit == C360.OK) {
      long started = System.nanoTime();
      Map<String, Long> gold = GoldStage.of(spark, layout).percentileAccuracy(settings.percentileAccuracy()).execute();
      out.printf("gold in %.1f s%n", (System.nanoTime() - started) / 1e9);
      gold.forEach((table, rows) -> out.printf("%-28s %10d rows%n", table, rows));
    }
    if (requested.contains("publish") && exit == C360.OK) {
      long started = System.nanoTime();
      PublishTarget target = PublishTarget.from(settings.publish(), layout, password(settings));
      out.printf("publishing to %s%n", target);
      List<PublishResult> published = PublishStage.of(spark, layout, target).runId(run.id())
          .batchSize(settings.publish().batchSize()).parallelism(settings.publish().parallelism()).execute();
      out.printf("publish in %.1f s%n", (System.nanoTime() - started) / 1e9);
      out.printf("%-34s %-11s %8s %10s %10s%n", "table", "mode", "version", "staged", "written");
      for (PublishResult r : published) {
        out.printf("%-34s %-11s %8d %10d %10d%n", r.table(), r.mode().name().toLowerCase(Locale.ROOT),
            r.deltaVersion(), r.stagedRows(), r.writtenRows());
      }
    }
    if (exit == C360.OK) {
      run.succeeded();
    } else {
      run.failed("rejected files; see the ledger");
    }
    return exit;
  }

  /** The publish password, resolved if it is a secret reference; a resolution failure is a config error (exit 2). */
  private static String password(Settings settings) {
    try {
      return SecretResolver.create().resolve("c360.publish.password", settings.publish().password()).reveal();
    } catch (SecretResolutionException e) {
      throw new InvalidConfigException(e.getMessage());
    }
  }

  private static void printSilver(PrintWriter out, long runId, SilverStageResult result, double seconds) {
    out.printf("run %d: silver in %.1f s%n", runId, seconds);
    out.printf("%-28s %10s %10s %10s %10s %11s%n", "table", "read", "readmitted", "upserted", "duplicates",
        "quarantined");
    for (SilverResult table : result.tables()) {
      FileCounts c = table.total();
      out.printf("%-28s %10d %10d %10d %10d %11d%n", table.table().name(), c.read(), c.readmitted(), c.upserted(),
          c.duplicates(), c.quarantined());
    }
    if (result.tables().isEmpty()) {
      out.println("(no new bronze files and no orphan whose parent arrived: silver unchanged)");
    }
    for (String error : result.errors()) {
      out.println("error: " + error);
    }
  }
}
