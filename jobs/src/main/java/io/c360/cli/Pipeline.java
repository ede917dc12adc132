package io.c360.cli;

import io.c360.config.InvalidConfigException;
import io.c360.config.Settings;
import io.c360.gold.GoldStage;
import io.c360.gold.GoldStageResult;
import io.c360.catalog.Catalog;
import io.c360.gold.GoldQuery;
import io.c360.lake.CodeGeneration;
import io.c360.lake.LakeLayout;
import io.c360.lake.TableRegistry;
import io.c360.ledger.FileCounts;
import io.c360.ledger.LakeRun;
import io.c360.publish.PublishResult;
import io.c360.publish.PublishStage;
import io.c360.publish.PublishTarget;
import io.c360.secrets.SecretResolutionException;
import io.c360.silver.BronzeFormat;
import io.c360.silver.QualityRule;
import io.c360.silver.SilverStage;
import io.c360.silver.SilverStageResult;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The stages of one run against one lake — silver, gold, publish, in that order — with a progress line per table
 * and the {@link RunSummary}. Gold and publish run only if silver refused no file.
 */
final class Pipeline {
  /** The quarantine's name in c360.lake.database. */
  static final String QUARANTINE_TABLE = "Quarantine";
  private final SparkSession spark;
  private final LakeLayout layout;
  private final Settings settings;
  private final PrintWriter out;
  private final CodeGeneration codeGeneration;
  private final long started = System.nanoTime();
  private boolean rehash;

  Pipeline(SparkSession spark, LakeLayout layout, Settings settings, PrintWriter out) {
    this.spark = spark;
    this.layout = layout;
    this.settings = settings;
    this.out = out;
    this.codeGeneration = CodeGeneration.of(spark, settings.spark().codegenMinInputBytes(), settings.spark().conf());
  }

  /** Hash every bronze file in silver, not only those whose size or modification time changed. */
  Pipeline rehash(boolean value) {
    this.rehash = value;
    return this;
  }

  /** Runs {@code stages} in {@code run}; returns the exit code (0, or 1 for refused files). */
  int execute(LakeRun run, Set<String> stages, boolean fullRefresh, RunSummary summary) {
    int exit = C360.OK;
    if (stages.contains("silver")) {
      progress("silver", "reading new bronze files");
      SilverStageResult silver = SilverStage.of(spark, layout, run.ledger())
          .runId(run.id())
          .fullRefresh(fullRefresh)
          .rehash(rehash)
          .format(BronzeFormat.of(settings.bronze()))
          .maxRejectedFraction(settings.quality().maxRejectedFraction())
          .concurrentTables(settings.spark().concurrentTables())
          .codeGeneration(codeGeneration)
          .rules(t -> QualityRule.forTable(t, settings.quality().domainAction(), settings.quality().expectations()))
          .onTable(r -> {
            summary.silver(r);
            FileCounts c = r.total();
            progress("silver", String.format(Locale.ROOT, "%s: %d file(s), %,d rows read, %,d upserted, "
                + "%,d quarantined", r.table().name(), r.files().size(), c.read(), c.upserted(), c.quarantined()));
          })
          .execute();
      if (silver.refreshReason() != null) {
        progress("silver", "full refresh: " + silver.refreshReason());
      }
      if (silver.tables().isEmpty()) {
        progress("silver", "no new bronze files and no orphan whose parent arrived: silver unchanged");
      }
      // A file no table reads is a warning, not a failure: the tables' own files are all there (README).
      silver.warnings().forEach(summary::warning);
      silver.errors().forEach(summary::error);
      if (silver.hasErrors()) {
        exit = C360.DATA_QUALITY;
      }
    }
    if (stages.contains("gold") && exit == C360.OK) {
      // A --full-refresh recomputes gold from all of silver too (with --stages gold, gold alone).
      GoldStageResult gold = GoldStage.of(spark, layout).percentileAccuracy(settings.percentileAccuracy())
          .fullRefresh(fullRefresh).codeGeneration(codeGeneration).onProgress(line -> progress("gold", line)).execute();
      summary.gold(gold.rows());
      progress("gold", gold.mode() == GoldStageResult.Mode.CURRENT
          ? "silver unchanged since gold was computed: 0 tables written"
          : String.format(Locale.ROOT, "%d tables written (%s), %d unchanged", gold.written().size(),
              gold.mode() == GoldStageResult.Mode.FULL ? "recomputed from all of silver"
                  : "incremental, from silver's change data feed", gold.rows().size() - gold.written().size()));
    }
    if (stages.contains("publish") && exit == C360.OK) {
      PublishTarget target = PublishTarget.from(settings.publish(), layout, password(settings));
      progress("publish", "to " + target);
      List<PublishResult> results = PublishStage.of(spark, layout, target).runId(run.id())
          .batchSize(settings.publish().batchSize()).parallelism(settings.publish().parallelism())
          .codeGeneration(codeGeneration)
          .onTable(r -> {
            summary.published(r);
            progress("publish", String.format(Locale.ROOT, "%s: %s, %,d rows written", r.table(),
                r.mode().name().toLowerCase(Locale.ROOT), r.writtenRows()));
          })
          .execute();
      if (results.isEmpty()) {
        progress("publish", "nothing to publish");
      }
    }
    if (!settings.lake().database().isEmpty()) {
      register(settings.lake().database());
    }
    return exit;
  }

  /** Silver, gold and quarantine by name in c360.lake.database (DESIGN §4), whichever exist so far. */
  private void register(String database) {
    Map<String, Path> tables = new LinkedHashMap<>();
    Catalog.tables().forEach(t -> tables.put(t.name(), layout.silver(t)));
    GoldQuery.TABLES.forEach(t -> tables.put(t, layout.gold(t)));
    tables.put(QUARANTINE_TABLE, layout.quarantine());
    List<String> registered = TableRegistry.in(spark, database).register(tables);
    progress("catalog", registered.isEmpty() ? "tables already registered in " + database
        : registered.size() + " table(s) registered in " + database + ": " + String.join(", ", registered));
  }

  private void progress(String stage, String message) {
    out.printf(Locale.ROOT, "[%6.1f s] %-7s %s%n", elapsed(), stage, message);
    out.flush();
  }

  private double elapsed() {
    return (System.nanoTime() - started) / 1e9;
  }

  /** The publish password, resolved if it is a secret reference; a resolution failure is a config error (exit 2). */
  private static String password(Settings settings) {
    try {
      return settings.secrets().resolver().resolve("c360.publish.password", settings.publish().password()).reveal();
    } catch (SecretResolutionException e) {
      throw new InvalidConfigException(e.getMessage());
    }
  }
}
