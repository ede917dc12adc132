package io.c360.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.upper;

import io.c360.catalog.Catalog;
import io.c360.catalog.Table;
import io.c360.lake.LakeLayout;
import io.c360.silver.Quarantine;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code c360 quarantine}: rejected rows with their reason, source file, line and raw text. */
@Command(name = "quarantine", mixinStandardHelpOptions = true,
    description = {"Rejected rows from the quarantine: counts by table and reason, then the rows themselves "
        + "(table, reason, source file, line, raw line), in file and line order.",
        "A reason without ':' selects its family: ORPHAN matches ORPHAN:CustomerID, ORPHAN:ProductID, ..."})
public final class QuarantineCommand implements Callable<Integer> {

  @Mixin
  ConfigOptions config;

  @Option(names = "--table", paramLabel = "T", description = "Only rows of this table (a catalog table name).")
  String table;

  @Option(names = "--reason", paramLabel = "R",
      description = "Only rows with this reason, e.g. MALFORMED, NULL_KEY, BAD_VALUE:Amount, ORPHAN (case-insensitive).")
  String reason;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
      description = "How many rows to list (default ${DEFAULT-VALUE}); the counts cover every match.")
  int limit;

  @Option(names = "--json",
      description = "Print {lake, total, by_reason: [...], rows: [...]} as JSON instead of tables.")
  boolean json;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    Lakes.checkPositive("--limit", limit);
    String tableName = null;
    if (table != null) {
      tableName = Catalog.find(table.strip()).map(Table::name).orElseThrow(() -> new IllegalArgumentException(
          "unknown table '" + table + "'; tables: "
              + Catalog.tables().stream().map(Table::name).collect(Collectors.joining(", "))));
    }
    Lakes lake = Lakes.open(config);
    SparkSession spark = lake.spark;
    LakeLayout layout = lake.layout;
    CommandOutput out = new CommandOutput(spec.commandLine().getOut(), json).value("lake", layout.toString());
    out.line("lake %s", layout);

    Dataset<Row> all = new Quarantine(spark, layout).rows();
    Dataset<Row> rows = all.filter(filter(tableName, reason)).cache();
    try {
      List<Row> counts = rows.groupBy("table_name", "reason").count().orderBy("table_name", "reason").collectAsList();
      long total = counts.stream().mapToLong(r -> r.getLong(2)).sum();
      out.line("%d quarantined rows%s", total, describe(tableName, reason)).value("total", total);
      if (total == 0 && !json) {
        List<String> present = all.select("reason").distinct().orderBy("reason").collectAsList().stream()
            .map(r -> r.getString(0)).collect(Collectors.toList());
        out.line("%s", present.isEmpty() ? "(the quarantine is empty)" : "reasons in the quarantine: " + present);
        return out.finish(C360.OK);
      }
      TextTable byReason = new TextTable("table", "reason", "rows").right(2);
      counts.forEach(r -> byReason.row(r.getString(0), r.getString(1), r.getLong(2)));
      out.table("by_reason", byReason).line("")
          .line("%s:", total > limit ? "first " + limit + " rows (--limit)" : "rows");
      TextTable listing = new TextTable("table", "reason", "file", "line", "readmitted", "raw line").right(3);
      for (Row r : rows.orderBy("table_name", "source_file", "source_line", "reason").limit(limit)
          .select("table_name", "reason", "source_file", "source_line", "readmitted_run_id", "raw_line")
          .collectAsList()) {
        listing.row(r.getString(0), r.getString(1), r.getString(2), r.getLong(3),
            r.isNullAt(4) ? "" : "run " + r.getLong(4), r.getString(5));
      }
      return out.table("rows", listing).finish(C360.OK);
    } finally {
      rows.unpersist();
    }
  }

  static Column filter(String tableName, String reason) {
    Column filter = lit(true);
    if (tableName != null) {
      filter = filter.and(col("table_name").equalTo(tableName));
    }
    if (reason != null && !reason.isBlank()) {
      String wanted = reason.strip().toUpperCase(Locale.ROOT);
      Column reasonColumn = upper(col("reason"));
      filter = filter.and(wanted.contains(":") ? reasonColumn.equalTo(wanted)
          : reasonColumn.equalTo(wanted).or(reasonColumn.startsWith(wanted + ":")));
    }
    return filter;
  }

  private static String describe(String tableName, String reason) {
    StringBuilder s = new StringBuilder();
    if (tableName != null) {
      s.append(" in ").append(tableName);
    }
    if (reason != null && !reason.isBlank()) {
      s.append(" with reason ").append(reason.strip());
    }
    return s.toString();
  }
}
