package io.c360.publish;

/**
 * PostgreSQL 15+ (standard MERGE); staging tables are {@code UNLOGGED} (rebuilt by any rerun, so not worth the WAL)
 * and loaded with {@code COPY ... FROM STDIN}. DDL is transactional, and a foreign key added to a filled table is
 * checked with one join instead of a trigger per row. A NULL-safe comparison carries a COALESCE equality so that
 * the planner can hash-join a gold change with its target instead of looping over every pair.
 */
final class PostgresDialect extends Dialect {
  private static final long serialVersionUID = 1L;

  @Override
  public String name() {
    return "postgresql";
  }

  @Override
  protected String stagingTableKind() {
    return "UNLOGGED ";
  }

  @Override
  public String nullSafeEquals(String left, String right, String zero) {
    String exact = left + " IS NOT DISTINCT FROM " + right;
    return zero == null ? exact
        : "COALESCE(" + left + ", " + zero + ") = COALESCE(" + right + ", " + zero + ") AND " + exact;
  }

  @Override
  public boolean loadsWithCopy() {
    return true;
  }

  @Override
  public boolean checksForeignKeysInBulk() {
    return true;
  }
}
