package io.c360.publish;

import java.util.Map;
import java.util.Properties;

/**
 * Azure SQL / SQL Server through mssql-jdbc: NVARCHAR strings (names are Unicode), DATETIME2, {@code MERGE ... WITH
 * (HOLDLOCK)} against the MERGE race, batch inserts sent as bulk copy, encryption on unless the URL says otherwise.
 */
final class SqlServerDialect extends Dialect {
  private static final long serialVersionUID = 1L;

  @Override
  public String name() {
    return "sqlserver";
  }

  @Override
  protected String stringType() {
    return "NVARCHAR";
  }

  @Override
  protected String timestampType() {
    return "DATETIME2";
  }

  @Override
  public String createSchema(String schema) {
    return "IF SCHEMA_ID('" + schema + "') IS NULL EXEC('CREATE SCHEMA " + quote(schema) + "')";
  }

  @Override
  public String createEmptyCopy(String target, String source) {
    return "SELECT * INTO " + target + " FROM " + source + " WHERE 1 = 0";
  }

  @Override
  public Map<String, String> fragments() {
    return Map.of("nvarchar", stringType(), "timestamp", timestampType(), "create_view", "CREATE OR ALTER VIEW",
        "merge_hint", "WITH (HOLDLOCK)", "terminator", ";");
  }

  @Override
  public Properties connectionDefaults() {
    Properties defaults = new Properties();
    defaults.setProperty("encrypt", "true");
    defaults.setProperty("useBulkCopyForBatchInsert", "true");
    defaults.setProperty("sendTimeAsDatetime", "false");
    return defaults;
  }
}
