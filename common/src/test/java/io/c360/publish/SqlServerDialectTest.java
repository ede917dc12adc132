package io.c360.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.catalog.Catalog;
import io.c360.sql.SqlTemplate;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.merge.Merge;
import org.junit.jupiter.api.Test;

/**
 * SQL Server cannot run here, so the T-SQL the sqlserver dialect generates is parsed with JSqlParser and checked
 * for the things Azure SQL needs: NVARCHAR strings, DATETIME2, constraints, MERGE WITH (HOLDLOCK) ending in ';'.
 * JSqlParser 5 knows neither {@code MERGE ... WITH (HOLDLOCK)} nor {@code CREATE OR ALTER VIEW}: those two
 * T-SQL spellings are checked as text and replaced by their standard forms before parsing.
 */
class SqlServerDialectTest {
  private final Dialect dialect = Dialect.named("sqlserver");
  private final TargetSchema schema = new TargetSchema(dialect, Catalog.tables());

  @Test
  void everyCreateStatementParses() throws Exception {
    List<String> statements = schema.createStatements();
    assertEquals("IF SCHEMA_ID('gold') IS NULL EXEC('CREATE SCHEMA \"gold\"')", statements.get(0));
    for (String sql : statements.subList(1, statements.size())) {
      Statement parsed = parseTsql(sql);
      if (parsed instanceof CreateTable) {
        assertTrue(!sql.contains(" VARCHAR(") && !sql.contains("TIMESTAMP"), sql);
      }
    }
  }

  @Test
  void silverTablesUseUnicodeStringsDatetime2AndKeepTheirConstraints() throws Exception {
    String ddl = schema.createTable(Catalog.LOYALTY_TRANSACTIONS);
    CreateTable parsed = (CreateTable) CCJSqlParserUtil.parse(ddl);
    assertEquals("\"LoyaltyTransactions\"", parsed.getTable().getName());
    assertEquals(List.of("\"LoyaltyID\"", "\"DateTime\"", "\"PointsChange\"", "\"Reason\""),
        parsed.getColumnDefinitions().stream().map(c -> c.getColumnName()).collect(java.util.stream.Collectors.toList()));
    assertEquals("DATETIME2", parsed.getColumnDefinitions().get(1).getColDataType().getDataType());
    assertEquals("NVARCHAR (50)", parsed.getColumnDefinitions().get(3).getColDataType().toString());
    assertTrue(ddl.contains("PRIMARY KEY (\"LoyaltyID\", \"DateTime\")"), ddl);
    assertTrue(ddl.contains("FOREIGN KEY (\"LoyaltyID\") REFERENCES \"LoyaltyAccounts\" (\"LoyaltyID\")"), ddl);
  }

  @Test
  void mergeHoldsItsLockAndEndsWithASemicolon() throws Exception {
    String merge = SqlTemplate.load("sql/publish/merge.sql").with(dialect.fragments())
        .with("target", "\"Customers\"").with("staging", "\"c360_stage_Customers_1\"")
        .with("key_match", "t.\"CustomerID\" = s.\"CustomerID\"").with("assignments", "\"Name\" = s.\"Name\"")
        .with("columns", "\"CustomerID\", \"Name\"").with("source_columns", "s.\"CustomerID\", s.\"Name\"")
        .render();
    assertTrue(merge.contains("MERGE INTO \"Customers\" WITH (HOLDLOCK) AS t"), merge);
    assertTrue(merge.strip().endsWith(";"), merge);
    Statement parsed = parseTsql(merge);
    assertTrue(parsed instanceof Merge, parsed.getClass().getName());
  }

  @Test
  void replaceAndStateStatementsParse() throws Exception {
    for (String sql : SqlTemplate.load("sql/publish/replace.sql").with("target", "\"gold\".\"PeakTimes\"")
        .with("staging", "\"gold\".\"c360_stage_PeakTimes_1\"").with("columns", "\"Channel\"").statements()) {
      CCJSqlParserUtil.parse(sql);
    }
    for (String sql : SqlTemplate.load("sql/publish/publish-state-write.sql").statements()) {
      CCJSqlParserUtil.parse(sql);
    }
    CCJSqlParserUtil.parse(dialect.createEmptyCopy("\"s\"", "\"t\""));
  }

  @Test
  void aGoldChangeMergeMatchesNullableGroupingColumnsNullSafelyAndEndsWithASemicolon() throws Exception {
    Map<String, TargetSchema.ColumnInfo> columns = new LinkedHashMap<>();
    columns.put("PRODUCTID", new TargetSchema.ColumnInfo("ProductID", Types.INTEGER, "int", 10, 0, true));
    columns.put("ORDERCOUNT", new TargetSchema.ColumnInfo("OrderCount", Types.BIGINT, "bigint", 19, 0, false));
    PublishSql sql = new PublishSql(dialect);
    String merge = sql.goldMerge("\"gold\".\"AverageOrderValue\"", "\"gold\".\"c360_stage_AverageOrderValue_1\"",
        List.of("ProductID", "OrderCount"), List.of("ProductID"), columns);
    assertTrue(merge.contains("MERGE INTO \"gold\".\"AverageOrderValue\" WITH (HOLDLOCK) AS t"), merge);
    assertTrue(merge.contains("ON (t.\"ProductID\" = s.\"ProductID\" OR t.\"ProductID\" IS NULL AND "
        + "s.\"ProductID\" IS NULL)"), merge);
    assertTrue(merge.contains("WHEN MATCHED AND s.\"c360_delete\" = 1 THEN DELETE"), merge);
    assertTrue(merge.strip().endsWith(";"), merge);
    assertTrue(parseTsql(merge) instanceof Merge, merge);
    CCJSqlParserUtil.parse(dialect.createEmptyCopy("\"gold\".\"s\"", sql.goldChangeShape("\"gold\".\"t\"")));
  }

  @Test
  void aFullPublishDeletesVanishedRowsOfChildrenBeforeTheirParent() throws Exception {
    List<String> deletes = new PublishSql(dialect).deleteVanished(Catalog.CUSTOMERS, "\"c360_stage_Customers_1\"");
    List<String> targets = new java.util.ArrayList<>();
    for (String delete : deletes) {
      CCJSqlParserUtil.parse(delete);
      targets.add(delete.substring("DELETE FROM ".length(), delete.indexOf(' ', "DELETE FROM ".length())));
    }
    assertTrue(targets.indexOf("\"LoyaltyTransactions\"") < targets.indexOf("\"LoyaltyAccounts\""), targets.toString());
    assertEquals("\"Customers\"", targets.get(targets.size() - 1), targets.toString());
    assertEquals(List.of("\"OnlineTransactions\"", "\"InStoreTransactions\"", "\"CustomerServiceInteractions\"",
        "\"LoyaltyTransactions\"", "\"LoyaltyAccounts\"", "\"Customers\""), targets);
  }

  @Test
  void viewsAreCreatedOrAltered() {
    List<String> statements = schema.createStatements();
    List<String> views = statements.subList(statements.size() - 5, statements.size());
    String[] names = {"View_AverageOrderValue", "View_CustomerSegmentation", "View_PeakTimes",
        "View_AgentPerformance", "View_Customer360"};
    for (int i = 0; i < names.length; i++) {
      assertTrue(views.get(i).contains("CREATE OR ALTER VIEW \"" + names[i] + "\" AS"), views.get(i));
    }
    assertTrue(views.get(4).contains("FROM \"gold\".\"CustomerProfile\""), views.get(4));
  }

  @Test
  void customerProfileUsesUnicodeStringsAndDatetime2() throws Exception {
    String ddl = schema.createStatements().stream().filter(s -> s.contains("\"gold\".\"CustomerProfile\" ("))
        .findFirst().orElseThrow();
    CreateTable parsed = (CreateTable) CCJSqlParserUtil.parse(ddl);
    assertEquals(20, parsed.getColumnDefinitions().size());
    assertEquals("DATETIME2", parsed.getColumnDefinitions().get(8).getColDataType().getDataType(), ddl);
    assertEquals("NVARCHAR (100)", parsed.getColumnDefinitions().get(2).getColDataType().toString(), ddl);
  }

  private static Statement parseTsql(String sql) throws Exception {
    return CCJSqlParserUtil.parse(sql.replace(" WITH (HOLDLOCK)", "")
        .replace("CREATE OR ALTER VIEW", "CREATE OR REPLACE VIEW"));
  }

  @Test
  void connectionsEncryptAndBulkCopyByDefault() {
    assertEquals("true", dialect.connectionDefaults().getProperty("encrypt"));
    assertEquals("true", dialect.connectionDefaults().getProperty("useBulkCopyForBatchInsert"));
  }
}
