package io.c360.publish;

/** PostgreSQL 15+ (standard MERGE); staging tables are loaded with {@code COPY ... FROM STDIN}. */
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
}
