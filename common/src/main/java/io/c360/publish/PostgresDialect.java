package io.c360.publish;

/**
 * PostgreSQL 15+ (standard MERGE); staging tables are loaded with {@code COPY ... FROM STDIN}. DDL is transactional,
 * and a foreign key added to a filled table is checked with one join instead of a trigger per row.
 */
final class PostgresDialect extends Dialect {
  private static final long serialVersionUID = 1L;

  @Override
  public String name() {
    return "postgresql";
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
