package io.c360.publish;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.StringJoiner;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.postgresql.PGConnection;

/**
 * Runs on the executors: loads one partition of rows into a staging table over the executor's own connection, in
 * batches of {@code batchSize} rows, each committed ({@code COPY} on PostgreSQL, JDBC batches elsewhere, sent as
 * bulk copy on SQL Server). The staging table has no constraints; the MERGE that follows is the real write.
 * Values go in as {@code LocalDate}/{@code LocalDateTime}, never {@code java.sql.Timestamp}, so no time zone
 * touches them.
 */
final class StagingLoader implements ForeachPartitionFunction<Row> {
  private static final long serialVersionUID = 1L;

  private final PublishTarget target;
  private final String staging;
  private final List<String> columns;
  private final List<String> key;
  private final int batchSize;
  private final LongAccumulator loaded;

  /**
   * {@code loaded} counts the rows loaded, so that the driver need not count the staging table; {@code key} are the
   * columns that name a row the target refuses ({@link RejectedRow}).
   */
  StagingLoader(PublishTarget target, String staging, List<String> columns, List<String> key, int batchSize,
      LongAccumulator loaded) {
    this.target = target;
    this.staging = staging;
    this.columns = List.copyOf(columns);
    this.key = List.copyOf(key);
    this.batchSize = batchSize;
    this.loaded = loaded;
  }

  @Override
  public void call(Iterator<Row> rows) throws SQLException, IOException {
    if (!rows.hasNext()) {
      return;
    }
    try (Connection connection = target.connect()) {
      connection.setAutoCommit(false);
      write(connection, rows);
    }
  }

  /**
   * Loads {@code rows} on the driver over {@code connection}, the publish's own (no second connection per table),
   * committing each batch as {@link #call} does; the connection's auto-commit is as it was afterwards, and a
   * failed batch is rolled back first (restoring auto-commit would commit it).
   */
  void load(Connection connection, Iterator<Row> rows) throws SQLException, IOException {
    if (!rows.hasNext()) {
      return;
    }
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      write(connection, rows);
    } catch (SQLException | IOException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private void write(Connection connection, Iterator<Row> rows) throws SQLException, IOException {
    if (target.dialect().loadsWithCopy()) {
      copy(connection, rows);
    } else {
      insert(connection, rows);
    }
  }

  private String quotedColumns() {
    StringJoiner joined = new StringJoiner(", ");
    columns.forEach(c -> joined.add(target.dialect().quote(c)));
    return joined.toString();
  }

  private void insert(Connection connection, Iterator<Row> rows) throws SQLException {
    StringJoiner marks = new StringJoiner(", ");
    columns.forEach(c -> marks.add("?"));
    String sql = "INSERT INTO " + staging + " (" + quotedColumns() + ") VALUES (" + marks + ")";
    try (PreparedStatement insert = connection.prepareStatement(sql)) {
      List<String> keys = new ArrayList<>();
      while (rows.hasNext()) {
        Row row = rows.next();
        for (int i = 0; i < columns.size(); i++) {
          insert.setObject(i + 1, JdbcValues.of(row.get(i)));
        }
        insert.addBatch();
        keys.add(describe(row));
        loaded.add(1);
        if (keys.size() == batchSize) {
          executeBatch(connection, insert, keys);
        }
      }
      if (!keys.isEmpty()) {
        executeBatch(connection, insert, keys);
      }
    }
  }

  private void executeBatch(Connection connection, PreparedStatement insert, List<String> keys) throws SQLException {
    try {
      insert.executeBatch();
    } catch (SQLException e) {
      throw RejectedRow.of(e, keys, columns);
    }
    connection.commit();
    keys.clear();
  }

  private void copyIn(Connection connection, org.postgresql.copy.CopyManager copy, String sql, StringBuilder csv,
      List<String> keys) throws SQLException, IOException {
    try {
      copy.copyIn(sql, new StringReader(csv.toString()));
    } catch (SQLException e) {
      throw RejectedRow.of(e, keys, columns);
    }
    connection.commit();
    csv.setLength(0);
    keys.clear();
  }

  /** The row as its key columns name it: {@code CustomerID=17}. */
  private String describe(Row row) {
    StringJoiner named = new StringJoiner(", ");
    for (String k : key) {
      int i = columns.indexOf(k);
      named.add(k + "=" + (i < 0 ? "?" : String.valueOf(row.get(i))));
    }
    return named.toString();
  }

  private void copy(Connection connection, Iterator<Row> rows) throws SQLException, IOException {
    String sql = "COPY " + staging + " (" + quotedColumns() + ") FROM STDIN (FORMAT csv)";
    org.postgresql.copy.CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
    StringBuilder csv = new StringBuilder();
    List<String> keys = new ArrayList<>();
    while (rows.hasNext()) {
      Row row = rows.next();
      for (int i = 0; i < columns.size(); i++) {
        if (i > 0) {
          csv.append(',');
        }
        appendCsv(csv, JdbcValues.of(row.get(i)));
      }
      csv.append('\n');
      keys.add(describe(row));
      loaded.add(1);
      if (keys.size() == batchSize) {
        copyIn(connection, copy, sql, csv, keys);
      }
    }
    if (!keys.isEmpty()) {
      copyIn(connection, copy, sql, csv, keys);
    }
  }

  /** CSV as PostgreSQL reads it: unquoted empty is NULL, a quoted empty string is "". */
  private static void appendCsv(StringBuilder csv, Object value) {
    if (value == null) {
      return;
    }
    if (value instanceof String) {
      csv.append('"').append(((String) value).replace("\"", "\"\"")).append('"');
    } else if (value instanceof BigDecimal) {
      csv.append(((BigDecimal) value).toPlainString());
    } else {
      csv.append(value);
    }
  }
}
