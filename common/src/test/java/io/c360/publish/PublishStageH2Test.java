package io.c360.publish;

/**
 * Publish into the default target: an H2 file database in {@code MODE=MSSQLServer}, which also runs the SQL Server
 * sink logic (staging, MERGE, replace) short of T-SQL-only syntax.
 */
class PublishStageH2Test extends PublishStageTestBase {

  @Override
  protected PublishTarget newDatabase(String name) {
    return PublishTarget.h2File(tmp.resolve("db-" + name).resolve("c360").toAbsolutePath().toString());
  }

  @Override
  protected String user() {
    return "sa";
  }
}
