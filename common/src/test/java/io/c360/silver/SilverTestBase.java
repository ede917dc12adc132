package io.c360.silver;

import io.c360.catalog.Table;
import io.c360.config.Expectation;
import io.c360.config.ExpectationAction;
import io.c360.lake.SparkTestBase;
import io.c360.ledger.LakeRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/** Runs the silver stage on the test lake the way {@code c360 run --stages silver} does. */
public abstract class SilverTestBase extends SparkTestBase {

  protected final List<Expectation> expectations = new ArrayList<>();
  protected ExpectationAction domainAction = ExpectationAction.WARN;
  protected double maxRejectedFraction = 1.0;
  protected BronzeFormat format = BronzeFormat.DEFAULT;
  protected long lastRunId;

  protected SilverStageResult runSilver() {
    return runSilver(false);
  }

  protected SilverStageResult runSilver(boolean fullRefresh) {
    try (LakeRun run = LakeRun.start(spark, lake, Duration.ofMinutes(5), "test")) {
      lastRunId = run.id();
      SilverStageResult result = SilverStage.of(spark, lake, run.ledger())
          .runId(run.id())
          .fullRefresh(fullRefresh)
          .maxRejectedFraction(maxRejectedFraction)
          .format(format)
          .concurrentTables(4)
          .rules(t -> QualityRule.forTable(t, domainAction, expectations))
          .execute();
      run.succeeded();
      return result;
    }
  }

  protected static SilverResult result(SilverStageResult stage, Table table) {
    SilverResult last = null;
    for (SilverResult r : stage.tables()) {
      if (r.table().equals(table)) {
        last = r;
      }
    }
    return last;
  }

  /** Quarantine rows of a table as (file, line, reason, raw line), in file and line order. */
  protected List<List<Object>> quarantined(Table table) {
    List<List<Object>> rows = new ArrayList<>();
    for (Row r : new Quarantine(spark, lake).rows()
        .filter(org.apache.spark.sql.functions.col(QuarantineSchema.TABLE_NAME).equalTo(table.name()))
        .orderBy(QuarantineSchema.SOURCE_FILE, QuarantineSchema.SOURCE_LINE, QuarantineSchema.REASON)
        .select(QuarantineSchema.SOURCE_FILE, QuarantineSchema.SOURCE_LINE, QuarantineSchema.REASON,
            QuarantineSchema.RAW_LINE).collectAsList()) {
      rows.add(values(r));
    }
    return rows;
  }

  /** The bronze header line of a table: its catalog columns. */
  protected static String header(Table table) {
    return String.join(",", table.columnNames());
  }

  protected long silverVersion(Table table) {
    return io.delta.tables.DeltaTable.forPath(spark, lake.silver(table).toString()).history(1)
        .select("version").first().getLong(0);
  }
}
