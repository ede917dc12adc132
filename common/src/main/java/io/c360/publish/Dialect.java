package io.c360.publish;

import io.c360.catalog.ColumnType;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * What differs between the SQL targets of DESIGN §6: type names, a few statement fragments, connection defaults and
 * how executors bulk-load a staging table. Everything else (DDL shape, MERGE, replace) is shared SQL in
 * {@code sql/publish/}. Identifiers are always double-quoted, which all three accept (SQL Server with its default
 * {@code QUOTED_IDENTIFIER ON}).
 */
public abstract class Dialect implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final List<String> NAMES = List.of("h2", "postgresql", "sqlserver");

  /** The dialect called {@code name} in {@code c360.publish.target}. */
  public static Dialect named(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "h2":
        return new H2Dialect();
      case "postgresql":
        return new PostgresDialect();
      case "sqlserver":
        return new SqlServerDialect();
      default:
        throw new IllegalArgumentException("unknown publish target '" + name + "'; targets are " + NAMES);
    }
  }

  public abstract String name();

  public String quote(String identifier) {
    if (identifier.indexOf('"') >= 0) {
      throw new IllegalArgumentException("identifier with a double quote: " + identifier);
    }
    return '"' + identifier + '"';
  }

  public String qualified(String schema, String table) {
    return schema == null ? quote(table) : quote(schema) + "." + quote(table);
  }

  /** The column type of a catalog column in this dialect. */
  public String columnType(ColumnType type) {
    switch (type.kind()) {
      case INT:
        return "INT";
      case DECIMAL:
        return "DECIMAL(" + type.precision() + ", " + type.scale() + ")";
      case VARCHAR:
        return stringType() + "(" + type.length() + ")";
      case DATE:
        return "DATE";
      case DATETIME:
        return timestampType();
      default:
        throw new IllegalStateException("unknown kind " + type.kind());
    }
  }

  /** VARCHAR, or NVARCHAR where plain VARCHAR is not Unicode. */
  protected String stringType() {
    return "VARCHAR";
  }

  /** A wall-clock timestamp without time zone. */
  protected String timestampType() {
    return "TIMESTAMP";
  }

  /** Statement that creates {@code schema} if it does not exist. */
  public String createSchema(String schema) {
    return "CREATE SCHEMA IF NOT EXISTS " + quote(schema);
  }

  /**
   * Statement that creates an empty, constraint-free staging table with the columns of {@code source}, a table or a
   * parenthesised query with an alias.
   */
  public String createEmptyCopy(String target, String source) {
    return "CREATE " + stagingTableKind() + "TABLE " + target + " AS SELECT * FROM " + source + " WHERE 1 = 0";
  }

  /** What goes between CREATE and TABLE for a staging table, e.g. {@code UNLOGGED }. */
  protected String stagingTableKind() {
    return "";
  }

  /**
   * A condition true when {@code left} and {@code right} are equal or both NULL. {@code zero} is a literal of their
   * type (null if none), for dialects whose planner can hash a COALESCE but not a NULL-safe comparison.
   */
  public String nullSafeEquals(String left, String right, String zero) {
    return "(" + left + " = " + right + " OR " + left + " IS NULL AND " + right + " IS NULL)";
  }

  /** The placeholders of {@code sql/publish/} files that depend on the dialect. */
  public Map<String, String> fragments() {
    return Map.of("nvarchar", stringType(), "timestamp", timestampType(), "create_view", "CREATE OR REPLACE VIEW",
        "merge_hint", "", "terminator", "");
  }

  /** Connection properties this dialect needs on top of the configured ones. */
  public Properties connectionDefaults() {
    return new Properties();
  }

  /** Whether a staging table is loaded with PostgreSQL's COPY rather than JDBC batches. */
  public boolean loadsWithCopy() {
    return false;
  }

  /**
   * Whether a full publish may drop a table's foreign keys and add them back in the same transaction: the database
   * must roll DDL back with the rest, and checking a key once for all rows must beat a check per inserted row.
   */
  public boolean checksForeignKeysInBulk() {
    return false;
  }

  @Override
  public String toString() {
    return name();
  }
}
