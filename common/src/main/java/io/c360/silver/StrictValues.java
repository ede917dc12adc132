package io.c360.silver;

import io.c360.catalog.Column;
import io.c360.catalog.ColumnType;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.regex.Pattern;

/**
 * Strict checks of a normalised field against its catalog type (DESIGN §4): no silent rounding of money,
 * integer literals in range, zero-padded valid dates and timestamps, text within the column's length in UTF-16
 * code units and free of NUL and unpaired surrogates.
 * Returns the value in the canonical text form Spark casts exactly, or {@code null} when it does not parse.
 */
final class StrictValues {

  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+)(?:\\.(\\d+))?");
  private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
  private static final Pattern DATE_TIME =
      Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2})");

  private StrictValues() {
  }

  static String check(Column column, String value) {
    ColumnType type = column.type();
    switch (type.kind()) {
      case INT:
        return integer(value);
      case DECIMAL:
        return decimal(value, type.precision(), type.scale());
      case DATE:
        return date(value);
      case DATETIME:
        return dateTime(value);
      case VARCHAR:
        return text(value, type.length());
      default:
        throw new IllegalStateException("unknown kind " + type.kind());
    }
  }

  /**
   * Text that every target can hold: at most {@code length} UTF-16 code units (what {@code NVARCHAR(n)} and H2's
   * {@code VARCHAR(n)} count, so an emoji takes two), no NUL (PostgreSQL refuses it) and no unpaired surrogate
   * (it has no encoding in UTF-8).
   */
  private static String text(String value, int length) {
    if (value.length() > length) {
      return null;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\0') {
        return null;
      }
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return null;
      }
    }
    return value;
  }

  private static String integer(String value) {
    if (!INTEGER.matcher(value).matches() || value.length() > 12) {
      return null;
    }
    long parsed = Long.parseLong(value);
    return parsed >= Integer.MIN_VALUE && parsed <= Integer.MAX_VALUE ? Long.toString(parsed) : null;
  }

  private static String decimal(String value, int precision, int scale) {
    java.util.regex.Matcher m = DECIMAL.matcher(value);
    if (!m.matches()) {
      return null;
    }
    String fraction = m.group(2) == null ? "" : m.group(2);
    BigDecimal parsed = new BigDecimal(value);
    // Trailing zeros beyond the scale lose nothing ("7.50" fits 2 places); any other extra digit would be rounded.
    if (fraction.length() > scale && parsed.stripTrailingZeros().scale() > scale) {
      return null;
    }
    BigDecimal scaled = parsed.setScale(scale);
    return scaled.precision() - scaled.scale() <= precision - scale ? scaled.toPlainString() : null;
  }

  private static String date(String value) {
    java.util.regex.Matcher m = DATE.matcher(value);
    if (!m.matches()) {
      return null;
    }
    try {
      LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
      return value;
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static String dateTime(String value) {
    java.util.regex.Matcher m = DATE_TIME.matcher(value);
    if (!m.matches()) {
      return null;
    }
    try {
      LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
          Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)));
      return value;
    } catch (DateTimeException e) {
      return null;
    }
  }
}
