package io.c360.publish;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Publish into a real PostgreSQL 17 (embedded binaries), loading staging tables with COPY. */
class PublishStagePostgresTest extends PublishStageTestBase {
  private EmbeddedPostgres postgres;

  @BeforeAll
  void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  void stopPostgres() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Override
  protected PublishTarget newDatabase(String name) throws SQLException {
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE \"" + name + "\"");
    }
    return PublishTarget.of(Dialect.named("postgresql"), postgres.getJdbcUrl("postgres", name), "postgres", "", "");
  }

  @Override
  protected String user() {
    return "postgres";
  }
}
