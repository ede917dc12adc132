package io.c360.bench;

import io.c360.catalog.Catalog;
import io.c360.catalog.Column;
import io.c360.catalog.ColumnType;
import io.c360.catalog.ForeignKey;
import io.c360.catalog.Table;
import io.c360.gold.GoldQuery;
import io.c360.sql.SqlTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The benchmark's reference engine (DESIGN §11): DuckDB, through its JDBC driver, computes the same silver and the
 * same four gold tables from the same bronze CSVs with SQL of its own ({@code bench/duckdb/*.sql}), then compares
 * its gold with c360's (exported as Parquet) and exports silver and gold as CSV for the PostgreSQL {@code COPY}
 * baseline. Runs in a child JVM of {@link Bench} so that its wall time and peak RSS compare with c360's stages.
 *
 * <p>Prints {@code BENCH key=value} lines: {@code silver_seconds}, {@code gold_seconds}, {@code silver_rows},
 * {@code compare.<Table>=onlyReference,onlyOurs,referenceRows,ourRows}, {@code version}.
 *
 * <pre>
 * java ... io.c360.bench.DuckDbReference BRONZE_DIR OUR_GOLD_PARQUET_DIR|- CSV_EXPORT_DIR|-
 * </pre>
 */
public final class DuckDbReference {
  private static final String SQL = "bench/duckdb/";

  private final Connection duck;

  private DuckDbReference(Connection duck) {
    this.duck = duck;
  }

  public static void main(String[] args) throws Exception {
    Path bronze = Path.of(args[0]);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
      DuckDbReference reference = new DuckDbReference(c);
      System.out.println("BENCH version=" + reference.single("SELECT version()"));
      long started = System.nanoTime();
      long rows = reference.silver(bronze);
      System.out.printf(Locale.ROOT, "BENCH silver_seconds=%.3f%nBENCH silver_rows=%d%n", seconds(started), rows);
      started = System.nanoTime();
      reference.gold();
      System.out.printf(Locale.ROOT, "BENCH gold_seconds=%.3f%n", seconds(started));
      if (args.length > 1 && !args[1].equals("-")) {
        for (String table : GoldQuery.TABLES) {
          System.out.println("BENCH compare." + table + "=" + reference.compare(table, Path.of(args[1])));
        }
      }
      if (args.length > 2 && !args[2].equals("-")) {
        reference.export(Path.of(args[2]));
      }
    }
  }

  /** Builds every silver table, parents first; returns the silver rows in all. */
  long silver(Path bronze) throws SQLException, IOException {
    long rows = 0;
    for (Table table : Catalog.tables()) {
      execute(SqlTemplate.load(SQL + "silver.sql")
          .with("table", table.name())
          .with("files", fileList(bronze, table))
          .with("columns", columnTypes(table))
          .with("cleaned", table.columns().stream().map(DuckDbReference::cleaned).collect(Collectors.joining(", ")))
          .with("column_list", String.join(", ", table.columnNames()))
          .with("keys_present", table.primaryKey().stream().map(k -> k + " IS NOT NULL")
              .collect(Collectors.joining(" AND ")))
          .with("parents_present", table.foreignKeys().stream().map(DuckDbReference::parentPresent)
              .collect(Collectors.joining(" ")))
          .with("key", String.join(", ", table.primaryKey()))
          .render());
      rows += Long.parseLong(single("SELECT count(*) FROM " + table.name()));
    }
    return rows;
  }

  /** Runs each gold script; its last statement becomes table {@code ref_<Table>}. */
  void gold() throws SQLException {
    for (String table : GoldQuery.TABLES) {
      String[] statements = SqlTemplate.load(SQL + table + ".sql").render().split(";\\s*\\n");
      for (int i = 0; i < statements.length - 1; i++) {
        execute(statements[i]);
      }
      execute("CREATE OR REPLACE TABLE ref_" + table + " AS " + statements[statements.length - 1]);
    }
  }

  String compare(String table, Path ourGold) throws SQLException {
    String sql = SqlTemplate.load(SQL + "compare.sql").with("table", table)
        .with("parquet", ourGold.resolve(table).toAbsolutePath() + "/*.parquet").render();
    try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1) + "," + rs.getLong(2) + "," + rs.getLong(3) + "," + rs.getLong(4);
    }
  }

  /** Silver and reference gold as headerless CSV, one file per table, for PostgreSQL COPY (not timed). */
  void export(Path directory) throws SQLException, IOException {
    Files.createDirectories(directory);
    List<String> tables = new ArrayList<>(Catalog.tables().stream().map(Table::name).collect(Collectors.toList()));
    GoldQuery.TABLES.forEach(t -> tables.add("ref_" + t));
    for (String table : tables) {
      execute("COPY " + table + " TO '" + directory.resolve(table.replace("ref_", "gold.") + ".csv").toAbsolutePath()
          + "' (FORMAT csv, HEADER false, TIMESTAMPFORMAT '%Y-%m-%d %H:%M:%S')");
    }
  }

  /** The table's bronze files in lexicographic path order, as a DuckDB list literal. */
  private static String fileList(Path bronze, Table table) throws IOException {
    List<String> files = new ArrayList<>();
    Path single = bronze.resolve(table.bronzeFileName());
    if (Files.isRegularFile(single)) {
      files.add(single.toAbsolutePath().toString());
    }
    Path folder = bronze.resolve(table.name());
    if (Files.isDirectory(folder)) {
      try (Stream<Path> walk = Files.walk(folder)) {
        walk.filter(p -> p.toString().endsWith(".csv")).map(p -> p.toAbsolutePath().toString()).forEach(files::add);
      }
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no bronze files for " + table.name() + " under " + bronze);
    }
    files.sort(null);
    return files.stream().map(f -> "'" + f.replace("'", "''") + "'").collect(Collectors.joining(", ", "[", "]"));
  }

  /** read_csv's {@code columns} struct: every column with its DuckDB type, from the catalog. */
  private static String columnTypes(Table table) {
    return table.columns().stream().map(c -> "'" + c.name() + "': '" + duckType(c.type()) + "'")
        .collect(Collectors.joining(", ", "{", "}"));
  }

  private static String duckType(ColumnType type) {
    switch (type.kind()) {
      case INT:
        return "INTEGER";
      case DECIMAL:
        return "DECIMAL(" + type.precision() + "," + type.scale() + ")";
      case DATE:
        return "DATE";
      case DATETIME:
        return "TIMESTAMP";
      default:
        return "VARCHAR";
    }
  }

  /** Text trimmed, empty to NULL, a categorical value in its domain's spelling (outside the domain: kept). */
  private static String cleaned(Column column) {
    if (column.type().kind() != ColumnType.Kind.VARCHAR) {
      return column.name();
    }
    String trimmed = "NULLIF(trim(" + column.name() + "), '')";
    if (!column.isCategorical()) {
      return trimmed + " AS " + column.name();
    }
    StringBuilder canonical = new StringBuilder("COALESCE(CASE lower(trim(" + column.name() + "))");
    for (String value : column.domain()) {
      canonical.append(" WHEN '").append(value.toLowerCase(Locale.ROOT).replace("'", "''")).append("' THEN '")
          .append(value.replace("'", "''")).append('\'');
    }
    return canonical.append(" END, ").append(trimmed).append(") AS ").append(column.name()).toString();
  }

  /** A NULL foreign key passes; a non-NULL one needs its parent in (already built) silver. */
  private static String parentPresent(ForeignKey fk) {
    return "AND (" + fk.column() + " IS NULL OR EXISTS (SELECT 1 FROM " + fk.parentTable() + " parent WHERE parent."
        + fk.parentColumn() + " = cleaned." + fk.column() + "))";
  }

  private void execute(String sql) throws SQLException {
    try (Statement s = duck.createStatement()) {
      s.execute(sql);
    }
  }

  private String single(String sql) throws SQLException {
    try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }
}
