package io.c360.catalog;

import java.io.Serializable;
import java.util.Objects;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The SQL type of a catalog column. One of INT, DECIMAL(p,s), VARCHAR(n), DATE or DATETIME2 (a wall-clock
 * timestamp with no zone, {@code TIMESTAMP_NTZ} in Spark).
 */
public final class ColumnType implements Serializable {
  private static final long serialVersionUID = 1L;

  public enum Kind { INT, DECIMAL, VARCHAR, DATE, DATETIME }

  private final Kind kind;
  private final int length;
  private final int precision;
  private final int scale;

  private ColumnType(Kind kind, int length, int precision, int scale) {
    this.kind = kind;
    this.length = length;
    this.precision = precision;
    this.scale = scale;
  }

  public static ColumnType integer() {
    return new ColumnType(Kind.INT, 0, 0, 0);
  }

  public static ColumnType decimal(int precision, int scale) {
    return new ColumnType(Kind.DECIMAL, 0, precision, scale);
  }

  public static ColumnType varchar(int length) {
    return new ColumnType(Kind.VARCHAR, length, 0, 0);
  }

  public static ColumnType date() {
    return new ColumnType(Kind.DATE, 0, 0, 0);
  }

  public static ColumnType dateTime() {
    return new ColumnType(Kind.DATETIME, 0, 0, 0);
  }

  public Kind kind() {
    return kind;
  }

  /** Maximum length of a VARCHAR in UTF-16 code units (as NVARCHAR and H2 count; an emoji takes two). */
  public int length() {
    return length;
  }

  public int precision() {
    return precision;
  }

  public int scale() {
    return scale;
  }

  public DataType sparkType() {
    switch (kind) {
      case INT:
        return DataTypes.IntegerType;
      case DECIMAL:
        return DataTypes.createDecimalType(precision, scale);
      case VARCHAR:
        return DataTypes.StringType;
      case DATE:
        return DataTypes.DateType;
      case DATETIME:
        return DataTypes.TimestampNTZType;
      default:
        throw new IllegalStateException("unknown kind " + kind);
    }
  }

  /** The type as DESIGN §3 writes it, e.g. {@code DECIMAL(10,2)}; dialects map it to their own names. */
  @Override
  public String toString() {
    switch (kind) {
      case DECIMAL:
        return "DECIMAL(" + precision + "," + scale + ")";
      case VARCHAR:
        return "VARCHAR(" + length + ")";
      case DATETIME:
        return "DATETIME2";
      default:
        return kind.name();
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ColumnType)) {
      return false;
    }
    ColumnType that = (ColumnType) o;
    return kind == that.kind && length == that.length && precision == that.precision && scale == that.scale;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, length, precision, scale);
  }
}
