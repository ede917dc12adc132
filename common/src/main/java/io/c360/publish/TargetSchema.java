package io.c360.publish;

import io.c360.catalog.Column;
import io.c360.catalog.ColumnType;
import io.c360.catalog.ForeignKey;
import io.c360.catalog.Table;
import io.c360.gold.GoldQuery;
import io.c360.sql.SqlTemplate;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The target database's tables (DESIGN §6): silver tables in the default schema with the catalog's columns, PK and
 * FK constraints, created parents first; gold tables in schema {@code gold} from {@code sql/publish/gold/}; the
 * tutorial's four views and View_Customer360; the publish state table. Existing tables are checked, never
 * altered: a silver table whose columns differ from the catalog fails with a diff.
 */
public final class TargetSchema {
  private static final Logger LOG = LoggerFactory.getLogger(TargetSchema.class);

  public static final String GOLD_SCHEMA = "gold";
  public static final String STATE_TABLE = "c360_publish_state";
  static final String STAGING_PREFIX = "c360_stage_";

  private final Dialect dialect;
  private final List<Table> silverTables;

  public TargetSchema(Dialect dialect, List<Table> silverTables) {
    this.dialect = dialect;
    this.silverTables = List.copyOf(silverTables);
  }

  /** {@code CREATE TABLE} of a silver table, generated from the catalog. */
  public String createTable(Table table) {
    StringJoiner body = new StringJoiner(",\n  ", "CREATE TABLE " + dialect.quote(table.name()) + " (\n  ", "\n)");
    for (Column column : table.columns()) {
      body.add(dialect.quote(column.name()) + " " + dialect.columnType(column.type())
          + (table.isPrimaryKey(column.name()) ? " NOT NULL" : ""));
    }
    body.add("CONSTRAINT " + dialect.quote("PK_" + table.name()) + " PRIMARY KEY (" + quotedList(table.primaryKey())
        + ")");
    for (ForeignKey fk : table.foreignKeys()) {
      body.add(foreignKey(table, fk));
    }
    return body.toString();
  }

  /** {@code ALTER TABLE} statements that drop a silver table's foreign keys, to add them back in one check each. */
  public List<String> dropForeignKeys(Table table) {
    List<String> statements = new ArrayList<>();
    for (ForeignKey fk : table.foreignKeys()) {
      statements.add("ALTER TABLE " + dialect.quote(table.name()) + " DROP CONSTRAINT " + foreignKeyName(table, fk));
    }
    return statements;
  }

  /** {@code ALTER TABLE} statements that add a silver table's foreign keys as {@link #createTable} declares them. */
  public List<String> addForeignKeys(Table table) {
    List<String> statements = new ArrayList<>();
    for (ForeignKey fk : table.foreignKeys()) {
      statements.add("ALTER TABLE " + dialect.quote(table.name()) + " ADD " + foreignKey(table, fk));
    }
    return statements;
  }

  private String foreignKey(Table table, ForeignKey fk) {
    return "CONSTRAINT " + foreignKeyName(table, fk) + " FOREIGN KEY (" + dialect.quote(fk.column()) + ") REFERENCES "
        + dialect.quote(fk.parentTable()) + " (" + dialect.quote(fk.parentColumn()) + ")";
  }

  private String foreignKeyName(Table table, ForeignKey fk) {
    return dialect.quote("FK_" + table.name() + "_" + fk.column());
  }

  /** Every statement {@link #ensure} would run on an empty database, in order; for review and parsing tests. */
  public List<String> createStatements() {
    List<String> statements = new ArrayList<>();
    statements.add(dialect.createSchema(GOLD_SCHEMA));
    statements.add(stateTableDdl());
    for (Table table : silverTables) {
      statements.add(createTable(table));
    }
    for (String gold : GoldQuery.TABLES) {
      statements.add(goldTableDdl(gold));
    }
    for (String gold : GoldQuery.TABLES) {
      statements.add(viewDdl(gold));
    }
    return statements;
  }

  /**
   * Creates what is missing, parents first, and checks what exists; views are (re)created every time so they
   * follow the gold tables. Runs in auto-commit: DDL commits on its own in H2 anyway.
   */
  public void ensure(Connection connection) throws SQLException {
    String defaultSchema = connection.getSchema();
    try (Statement statement = connection.createStatement()) {
      statement.execute(dialect.createSchema(GOLD_SCHEMA));
      if (columns(connection, defaultSchema, STATE_TABLE).isEmpty()) {
        statement.execute(stateTableDdl());
      }
      for (Table table : silverTables) {
        Map<String, ColumnInfo> existing = columns(connection, defaultSchema, table.name());
        if (existing.isEmpty()) {
          LOG.info("creating table {} in {}", table.name(), dialect);
          statement.execute(createTable(table));
        } else {
          checkColumns(table, existing);
        }
      }
      for (String gold : GoldQuery.TABLES) {
        if (columns(connection, GOLD_SCHEMA, gold).isEmpty()) {
          statement.execute(goldTableDdl(gold));
        }
      }
      for (String gold : GoldQuery.TABLES) {
        statement.execute(viewDdl(gold));
      }
    }
  }

  /** Drops staging tables that a crashed run left behind, in both schemas. */
  public List<String> dropLeftoverStaging(Connection connection) throws SQLException {
    List<String> dropped = new ArrayList<>();
    for (String schema : new String[] {connection.getSchema(), GOLD_SCHEMA}) {
      List<String> names = new ArrayList<>();
      try (ResultSet tables = connection.getMetaData().getTables(null, schema,
          null, new String[] {"TABLE"})) {
        while (tables.next()) {
          String name = tables.getString("TABLE_NAME");
          if (name.toLowerCase(Locale.ROOT).startsWith(STAGING_PREFIX)) {
            names.add(name);
          }
        }
      }
      try (Statement statement = connection.createStatement()) {
        for (String name : names) {
          statement.execute("DROP TABLE " + dialect.qualified(schema, name));
          dropped.add(schema + "." + name);
        }
      }
    }
    if (!dropped.isEmpty()) {
      LOG.warn("dropped staging tables left by an interrupted publish: {}", dropped);
    }
    return dropped;
  }

  /** The columns of a table as the database reports them, by upper-cased name; empty if there is no table. */
  static Map<String, ColumnInfo> columns(Connection connection, String schema, String table) throws SQLException {
    Map<String, ColumnInfo> columns = new LinkedHashMap<>();
    DatabaseMetaData meta = connection.getMetaData();
    try (ResultSet rs = meta.getColumns(null, schema, table, null)) {
      while (rs.next()) {
        String name = rs.getString("COLUMN_NAME");
        columns.put(name.toUpperCase(Locale.ROOT), new ColumnInfo(name, rs.getInt("DATA_TYPE"),
            rs.getString("TYPE_NAME"), rs.getInt("COLUMN_SIZE"), rs.getInt("DECIMAL_DIGITS"),
            rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls));
      }
    }
    return columns;
  }

  /**
   * The columns a gold table's rows are grouped by, as the target declares them: its primary key, else its first
   * unique constraint (AverageOrderValue's grouping columns may be NULL); empty if it declares neither, and then
   * the table is replaced whole on every publish.
   */
  static List<String> groupingKey(Connection connection, String schema, String table) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    Map<Short, String> key = new java.util.TreeMap<>();
    try (ResultSet rs = meta.getPrimaryKeys(null, schema, table)) {
      while (rs.next()) {
        key.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME"));
      }
    }
    if (key.isEmpty()) {
      String index = null;
      try (ResultSet rs = meta.getIndexInfo(null, schema, table, true, false)) {
        while (rs.next()) {
          String name = rs.getString("INDEX_NAME");
          if (name == null || rs.getBoolean("NON_UNIQUE") || index != null && !index.equals(name)) {
            continue;
          }
          index = name;
          key.put(rs.getShort("ORDINAL_POSITION"), rs.getString("COLUMN_NAME"));
        }
      }
    }
    return new ArrayList<>(key.values());
  }

  private void checkColumns(Table table, Map<String, ColumnInfo> existing) {
    List<String> problems = new ArrayList<>();
    Map<String, ColumnInfo> unexpected = new LinkedHashMap<>(existing);
    for (Column column : table.columns()) {
      ColumnInfo found = unexpected.remove(column.name().toUpperCase(Locale.ROOT));
      if (found == null) {
        problems.add("missing column " + column.name() + " " + dialect.columnType(column.type()));
      } else if (!found.matches(column.type())) {
        problems.add("column " + column.name() + " is " + found + ", the catalog says "
            + dialect.columnType(column.type()));
      }
    }
    for (ColumnInfo extra : unexpected.values()) {
      problems.add("unexpected column " + extra.name + " " + extra);
    }
    if (!problems.isEmpty()) {
      throw new SchemaMismatchException("target table " + table.name() + " (" + dialect
          + ") differs from the catalog and is never altered by c360; fix or drop it:\n  - "
          + String.join("\n  - ", problems));
    }
  }

  private String stateTableDdl() {
    return SqlTemplate.load("sql/publish/publish-state.sql").with(dialect.fragments()).render();
  }

  private String goldTableDdl(String gold) {
    return SqlTemplate.load("sql/publish/gold/" + gold + ".sql").with(dialect.fragments()).render();
  }

  private String viewDdl(String gold) {
    return SqlTemplate.load("sql/publish/views/" + GoldQuery.targetView(gold) + ".sql").with(dialect.fragments())
        .render();
  }

  private String quotedList(List<String> names) {
    StringJoiner joined = new StringJoiner(", ");
    names.forEach(n -> joined.add(dialect.quote(n)));
    return joined.toString();
  }

  /** A column as JDBC metadata describes it. */
  static final class ColumnInfo {
    final String name;
    final int jdbcType;
    final String typeName;
    final int size;
    final int digits;
    final boolean nullable;

    ColumnInfo(String name, int jdbcType, String typeName, int size, int digits, boolean nullable) {
      this.name = name;
      this.jdbcType = jdbcType;
      this.typeName = typeName;
      this.size = size;
      this.digits = digits;
      this.nullable = nullable;
    }

    /** A literal of this column's type, for a NULL-safe comparison the database can hash; null if none. */
    String zero() {
      switch (jdbcType) {
        case Types.INTEGER:
        case Types.BIGINT:
        case Types.SMALLINT:
        case Types.TINYINT:
        case Types.DECIMAL:
        case Types.NUMERIC:
          return "0";
        case Types.VARCHAR:
        case Types.NVARCHAR:
        case Types.CHAR:
        case Types.NCHAR:
          return "''";
        default:
          return null;
      }
    }

    boolean matches(ColumnType type) {
      switch (type.kind()) {
        case INT:
          return jdbcType == Types.INTEGER;
        case DECIMAL:
          return (jdbcType == Types.DECIMAL || jdbcType == Types.NUMERIC) && size == type.precision()
              && digits == type.scale();
        case VARCHAR:
          return (jdbcType == Types.VARCHAR || jdbcType == Types.NVARCHAR) && size == type.length();
        case DATE:
          return jdbcType == Types.DATE;
        case DATETIME:
          return jdbcType == Types.TIMESTAMP;
        default:
          return false;
      }
    }

    @Override
    public String toString() {
      return typeName + (jdbcType == Types.DECIMAL || jdbcType == Types.NUMERIC ? "(" + size + "," + digits + ")"
          : jdbcType == Types.VARCHAR || jdbcType == Types.NVARCHAR ? "(" + size + ")" : "");
    }
  }
}
