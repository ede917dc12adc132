package io.c360.publish;

/**
 * The embedded default target: an H2 file database in {@code MODE=MSSQLServer} (DESIGN §6), so the SQL that
 * works here is close to what Azure SQL runs. H2 cannot parse {@code WITH (HOLDLOCK)}; it locks the rows a MERGE
 * touches anyway.
 */
final class H2Dialect extends Dialect {
  private static final long serialVersionUID = 1L;

  /** Settings appended to a file URL: SQL Server compatibility with the catalog's mixed-case names kept. */
  static final String URL_SETTINGS = ";MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;CASE_INSENSITIVE_IDENTIFIERS=TRUE";

  @Override
  public String name() {
    return "h2";
  }

  /** H2 compares {@code IS NOT DISTINCT FROM} through an index (the gold tables' keys). */
  @Override
  public String nullSafeEquals(String left, String right, String zero) {
    return left + " IS NOT DISTINCT FROM " + right;
  }

  /** The default database of a lake whose root is the local folder {@code lakeRoot}. */
  static String fileUrl(String databasePath) {
    return "jdbc:h2:file:" + databasePath + URL_SETTINGS;
  }
}
