package io.c360.cli;

import io.c360.catalog.Catalog;
import io.c360.catalog.Table;
import io.c360.lake.LakeLayout;
import io.c360.silver.QuarantineReader;
import io.c360.silver.QuarantineReader.Entry;
import io.c360.silver.Reason;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Collectors;
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
    LakeLayout layout = Lakes.withoutSpark(config).layout;
    CommandOutput out = new CommandOutput(spec.commandLine().getOut(), json).value("lake", layout.toString());
    out.line("lake %s", layout);

    QuarantineReader quarantine = new QuarantineReader(layout);
    Predicate<Entry> wanted = filter(reason);
    List<Entry> rows = quarantine.rows(tableName).stream().filter(wanted).collect(Collectors.toList());
    Map<List<String>, Long> counts = new TreeMap<>(Comparator.<List<String>, String>comparing(k -> k.get(0))
        .thenComparing(k -> k.get(1)));
    rows.forEach(r -> counts.merge(List.of(r.table(), r.reason()), 1L, Long::sum));
    long total = rows.size();
    out.line("%d quarantined rows%s", total, describe(tableName, reason)).value("total", total);
    if (total == 0 && !json) {
      List<String> present = quarantine.rows().stream().map(Entry::reason).distinct().sorted()
          .collect(Collectors.toList());
      out.line("%s", present.isEmpty() ? "(the quarantine is empty)" : "reasons in the quarantine: " + present);
      return out.finish(C360.OK);
    }
    TextTable byReason = new TextTable("table", "reason", "rows").right(2);
    counts.forEach((key, n) -> byReason.row(key.get(0), key.get(1), n));
    out.table("by_reason", byReason).line("")
        .line("%s:", total > limit ? "first " + limit + " rows (--limit)" : "rows");
    // Raw lines are shown shortened (a 5 MB line would fill the screen); the quarantine table keeps them whole.
    TextTable listing = json
        ? new TextTable("table", "reason", "file", "line", "readmitted", "raw line", "raw line chars").right(3, 6)
        : new TextTable("table", "reason", "file", "line", "readmitted", "raw line").right(3);
    rows.stream().sorted(Comparator.comparing(Entry::table).thenComparing(Entry::sourceFile)
        .thenComparingLong(Entry::sourceLine).thenComparing(Entry::reason)).limit(limit)
        .forEach(r -> {
          Object readmitted = r.readmittedRunId() == null ? "" : "run " + r.readmittedRunId();
          if (json) {
            listing.row(r.table(), r.reason(), r.sourceFile(), r.sourceLine(), readmitted,
                head(r.rawLine()), r.rawLine() == null ? null : (long) r.rawLine().length());
          } else {
            listing.row(r.table(), r.reason(), r.sourceFile(), r.sourceLine(), readmitted, shortened(r.rawLine()));
          }
        });
    return out.table("rows", listing).finish(C360.OK);
  }

  /** How many characters of a raw line {@code c360 quarantine} shows. */
  static final int RAW_LINE_SHOWN = 200;

  /** The first {@link #RAW_LINE_SHOWN} characters, not cutting a surrogate pair in two. */
  static String head(String raw) {
    if (raw == null || raw.length() <= RAW_LINE_SHOWN) {
      return raw;
    }
    int end = Character.isHighSurrogate(raw.charAt(RAW_LINE_SHOWN - 1)) ? RAW_LINE_SHOWN - 1 : RAW_LINE_SHOWN;
    return raw.substring(0, end);
  }

  /** The head of a long raw line and its length: {@code 7,NNN… (5,242,894 chars)}. */
  static String shortened(String raw) {
    if (raw == null || raw.length() <= RAW_LINE_SHOWN) {
      return raw;
    }
    return head(raw) + String.format(Locale.ROOT, "… (%,d chars)", raw.length());
  }

  /** {@code --reason}: the exact reason (case-insensitive), or a family such as ORPHAN, which selects all its codes. */
  static Predicate<Entry> filter(String reason) {
    if (reason == null || reason.isBlank()) {
      return r -> true;
    }
    String wanted = reason.strip().toUpperCase(Locale.ROOT);
    Optional<Reason.Kind> family = wanted.contains(":") ? Optional.empty() : Reason.Kind.find(wanted);
    return r -> family.map(kind -> kind.matches(r.reason()))
        .orElseGet(() -> r.reason().toUpperCase(Locale.ROOT).equals(wanted));
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
