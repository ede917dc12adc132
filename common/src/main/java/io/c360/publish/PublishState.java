package io.c360.publish;

import io.c360.sql.SqlTemplate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

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

  static Optional<PublishState> read(Connection connection, String targetTable) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(READ)) {
      select.setString(1, targetTable);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? Optional.of(new PublishState(rs.getString(1), rs.getLong(2))) : Optional.empty();
      }
    }
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
    return deltaTableId.equals(current.deltaTableId) && deltaVersion == current.deltaVersion;
  }

  @Override
  public String toString() {
    return "Delta table " + deltaTableId + " version " + deltaVersion;
  }
}
