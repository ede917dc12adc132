package io.c360.publish;

import io.c360.sql.SqlTemplate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code c360_publish_state} row of one target table: which Delta table (by its id) and version it holds. It is
 * written inside the transaction that changes the table, so the two can never disagree.
 */
final class PublishState {
  private static final String READ = SqlTemplate.load("sql/publish/publish-state-read.sql").render();
  private static final List<String> WRITE = SqlTemplate.load("sql/publish/publish-state-write.sql").statements();

  final String deltaTableId;
  final long deltaVersion;

  PublishState(String deltaTableId, long deltaVersion) {
    this.deltaTableId = deltaTableId;
    this.deltaVersion = deltaVersion;
  }

  /**
   * The state of every published table by target table name; empty for a database without a state table (never
   * published to), so that probing it is a read, not DDL.
   */
  static Map<String, PublishState> readAll(Connection connection) throws SQLException {
    Map<String, PublishState> states = new HashMap<>();
    try (Statement select = connection.createStatement(); ResultSet rs = select.executeQuery(READ)) {
      while (rs.next()) {
        states.put(rs.getString(1), new PublishState(rs.getString(2), rs.getLong(3)));
      }
    } catch (SQLException e) {
      if (e.getSQLState() == null || !e.getSQLState().startsWith("42")) {
        throw e;
      }
      // 42xxx: no such table yet (H2 42S02/42102, PostgreSQL 42P01, SQL Server 42S02).
      if (!connection.getAutoCommit()) {
        connection.rollback();
      }
      return Map.of();
    }
    return states;
  }

  void write(Connection connection, String targetTable) throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement(WRITE.get(0));
        PreparedStatement insert = connection.prepareStatement(WRITE.get(1))) {
      delete.setString(1, targetTable);
      delete.executeUpdate();
      insert.setString(1, targetTable);
      insert.setString(2, deltaTableId);
      insert.setLong(3, deltaVersion);
      insert.setObject(4, LocalDateTime.now(ZoneOffset.UTC));
      insert.executeUpdate();
    }
  }

  /** Whether {@code current} is the very version this state records. */
  boolean holds(PublishState current) {
    return current != null && deltaTableId.equals(current.deltaTableId) && deltaVersion == current.deltaVersion;
  }

  @Override
  public String toString() {
    return "Delta table " + deltaTableId + " version " + deltaVersion;
  }
}
