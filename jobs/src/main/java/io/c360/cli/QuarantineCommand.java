package io.c360.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.upper;
import static io.c360.silver.QuarantineSchema.RAW_LINE;
import static io.c360.silver.QuarantineSchema.READMITTED_RUN_ID;
import static io.c360.silver.QuarantineSchema.REASON;
import static io.c360.silver.QuarantineSchema.SOURCE_FILE;
import static io.c360.silver.QuarantineSchema.SOURCE_LINE;
import static io.c360.silver.QuarantineSchema.TABLE_NAME;

import io.c360.catalog.Catalog;
import io.c360.catalog.Table;
import io.c360.lake.LakeLayout;
import io.c360.silver.Quarantine;
import io.c360.silver.Reason;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
    PrintWriter out = spec.commandLine().getOut();
    out.printf("lake %s%n", layout);

    Dataset<Row> all = new Quarantine(spark, layout).rows();
    Dataset<Row> rows = all.filter(filter(tableName, reason)).cache();
    try {
      List<Row> counts = rows.groupBy(TABLE_NAME, REASON).count().orderBy(TABLE_NAME, REASON).collectAsList();
      long total = counts.stream().mapToLong(r -> r.getLong(2)).sum();
      out.printf("%d quarantined rows%s%n", total, describe(tableName, reason));
      if (total == 0) {
        List<String> present = all.select(REASON).distinct().orderBy(REASON).collectAsList().stream()
            .map(r -> r.getString(0)).collect(Collectors.toList());
        out.println(present.isEmpty() ? "(the quarantine is empty)" : "reasons in the quarantine: " + present);
        return C360.OK;
      }
      TextTable byReason = new TextTable("table", "reason", "rows").right(2);
      counts.forEach(r -> byReason.row(r.getString(0), r.getString(1), r.getLong(2)));
      byReason.print(out);
      out.println();
      out.printf("%s:%n", total > limit ? "first " + limit + " rows (--limit)" : "rows");
      TextTable listing = new TextTable("table", "reason", "file", "line", "readmitted", "raw line").right(3);
      for (Row r : rows.orderBy(TABLE_NAME, SOURCE_FILE, SOURCE_LINE, REASON).limit(limit)
          .select(TABLE_NAME, REASON, SOURCE_FILE, SOURCE_LINE, READMITTED_RUN_ID, RAW_LINE)
          .collectAsList()) {
        listing.row(r.getString(0), r.getString(1), r.getString(2), r.getLong(3),
            r.isNullAt(4) ? "" : "run " + r.getLong(4), r.getString(5));
      }
      listing.print(out);
      return C360.OK;
    } finally {
      rows.unpersist();
    }
  }

  static Column filter(String tableName, String reason) {
    Column filter = lit(true);
    if (tableName != null) {
      filter = filter.and(col(TABLE_NAME).equalTo(tableName));
    }
    if (reason != null && !reason.isBlank()) {
      String wanted = reason.strip().toUpperCase(Locale.ROOT);
      Column reasonColumn = upper(col(REASON));
      // A family name (ORPHAN) selects all its codes (ORPHAN:CustomerID, ...); a full code selects itself.
      Optional<Reason.Kind> family = wanted.contains(":") ? Optional.empty() : Reason.Kind.find(wanted);
      filter = filter.and(family.filter(Reason.Kind::detailed)
          .map(kind -> reasonColumn.startsWith(kind.prefix().toUpperCase(Locale.ROOT)))
          .orElse(reasonColumn.equalTo(wanted)));
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
