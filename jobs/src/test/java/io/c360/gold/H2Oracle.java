package io.c360.gold;

import io.c360.catalog.Catalog;
import io.c360.catalog.Column;
import io.c360.catalog.ColumnType;
import io.c360.catalog.ForeignKey;
import io.c360.catalog.Table;
import io.c360.lake.DeltaTableReader;
import io.c360.lake.LakeLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The independent recomputation of gold: a lake's silver tables loaded into an in-memory H2 database and the gold
 * tables computed there by separately written SQL (test resources {@code oracle/<Table>.sql}). Rows on both sides
 * become one comparable text each ({@link #rows}), sorted.
 */
final class H2Oracle implements AutoCloseable {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private final Connection h2;

  private H2Oracle(Connection h2) {
    this.h2 = h2;
  }

  /**
   * H2 holding the silver tables of the lake at {@code lake} as they are now, read on the driver by {@link
   * DeltaTableReader}: no Spark job, and not through the reads gold makes.
   */
  static H2Oracle ofSilver(SparkSession spark, Path lake) throws SQLException {
    H2Oracle oracle = new H2Oracle(
        DriverManager.getConnection("jdbc:h2:mem:oracle" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1"));
    LakeLayout layout = LakeLayout.at(lake.toString(), spark.sparkContext().hadoopConfiguration());
    for (Table table : Catalog.tables()) {
      DeltaTableReader silver = DeltaTableReader.open(layout.fileSystem(), layout.silver(table))
          .orElseThrow(() -> new IllegalStateException("no silver table " + table.name() + " in " + lake));
      oracle.load(table, silver.rows(table.columnNames()));
    }
    oracle.execute(statements(resource("oracle/home_stores.sql")));
    return oracle;
  }

  /** Gold {@code table} as the oracle computes it, sorted. */
  List<String> gold(String table) throws SQLException {
    return query(resource("oracle/" + table + ".sql"));
  }

  /** Runs the statements of {@code script} (separated by ";") and returns the last one's rows as text, sorted. */
  List<String> query(String script) throws SQLException {
    List<String> statements = statements(script);
    execute(statements.subList(0, statements.size() - 1));
    String sql = statements.get(statements.size() - 1);
    List<String> rows = new ArrayList<>();
    try (Statement s = h2.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> values = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          // Wall-clock timestamps as LocalDateTime, like Spark's TIMESTAMP_NTZ: no zone on either side.
          values.add(rs.getMetaData().getColumnType(i) == java.sql.Types.TIMESTAMP
              ? rs.getObject(i, java.time.LocalDateTime.class) : rs.getObject(i));
        }
        rows.add(text(values));
      }
    }
    rows.sort(null);
    return rows;
  }

  private void execute(List<String> statements) throws SQLException {
    try (Statement s = h2.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  /** The statements of {@code script}, separated by ";" at a line's end. */
  private static List<String> statements(String script) {
    return List.of(script.split(";\\s*\\n"));
  }

  /** Spark rows as the oracle's texts, sorted. */
  static List<String> rows(List<Row> rows) {
    List<Object[]> values = new ArrayList<>();
    for (Row row : rows) {
      Object[] value = new Object[row.length()];
      for (int i = 0; i < row.length(); i++) {
        value[i] = row.get(i);
      }
      values.add(value);
    }
    return valueRows(values);
  }

  /** {@link #rows} of rows given as arrays of Java values (what {@code DeltaTableReader} returns). */
  static List<String> valueRows(List<Object[]> rows) {
    List<String> texts = new ArrayList<>();
    for (Object[] row : rows) {
      texts.add(text(java.util.Arrays.asList(row)));
    }
    texts.sort(null);
    return texts;
  }

  @Override
  public void close() throws SQLException {
    try (Statement s = h2.createStatement()) {
      s.execute("SHUTDOWN");
    } finally {
      h2.close();
    }
  }

  private void load(Table table, List<Object[]> silver) throws SQLException {
    StringBuilder ddl = new StringBuilder("CREATE TABLE " + table.name() + " (");
    for (Column c : table.columns()) {
      ddl.append(c.name()).append(' ').append(h2Type(c.type())).append(", ");
    }
    // Silver holds one row per key: the primary key says so, and gives the oracle's joins to a parent an index.
    ddl.append("PRIMARY KEY (").append(String.join(", ", table.primaryKey())).append(')');
    try (Statement s = h2.createStatement()) {
      s.execute(ddl.append(')').toString());
      for (ForeignKey fk : table.foreignKeys()) {
        s.execute("CREATE INDEX ON " + table.name() + "(" + fk.column() + ")");
      }
    }
    String insert = "INSERT INTO " + table.name() + " VALUES ("
        + table.columns().stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
    try (PreparedStatement p = h2.prepareStatement(insert)) {
      int batched = 0;
      for (Object[] row : silver) {
        for (int i = 0; i < row.length; i++) {
          p.setObject(i + 1, row[i]);
        }
        p.addBatch();
        if (++batched % 5000 == 0) {
          p.executeBatch();
        }
      }
      p.executeBatch();
    }
  }

  private static String h2Type(ColumnType type) {
    switch (type.kind()) {
      case DATETIME:
        return "TIMESTAMP";
      default:
        return type.toString();
    }
  }

  /** One comparable text per row: decimals without exponent, integers of any width alike. */
  private static String text(List<Object> values) {
    return values.stream().map(v -> v instanceof BigDecimal ? ((BigDecimal) v).toPlainString()
        : v instanceof Number ? Long.toString(((Number) v).longValue()) : String.valueOf(v))
        .collect(Collectors.joining("|"));
  }

  private static String resource(String name) {
    try (InputStream in = H2Oracle.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
