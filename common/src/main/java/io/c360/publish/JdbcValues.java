package io.c360.publish;

/** Spark row values as JDBC parameters: dates as {@code LocalDate}, wall-clock timestamps as {@code LocalDateTime}. */
final class JdbcValues {
  private JdbcValues() {
  }

  static Object of(Object sparkValue) {
    if (sparkValue instanceof java.sql.Date) {
      return ((java.sql.Date) sparkValue).toLocalDate();
    }
    if (sparkValue instanceof java.sql.Timestamp) {
      throw new IllegalStateException("a zoned timestamp reached publish: catalog timestamps are TIMESTAMP_NTZ");
    }
    return sparkValue;
  }
}
