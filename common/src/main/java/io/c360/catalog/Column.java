package io.c360.catalog;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A column of a catalog table: name, SQL type and, for categorical columns, its domain of values. */
public final class Column implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final ColumnType type;
  private final List<String> domain;

  Column(String name, ColumnType type, List<String> domain) {
    this.name = name;
    this.type = type;
    this.domain = List.copyOf(domain);
  }

  public String name() {
    return name;
  }

  public ColumnType type() {
    return type;
  }

  /** Canonical spellings of a categorical column's values; empty for a free column. */
  public List<String> domain() {
    return domain;
  }

  public boolean isCategorical() {
    return !domain.isEmpty();
  }

  /** The canonical spelling of {@code value} in this column's domain, matched case-insensitively. */
  public Optional<String> canonical(String value) {
    String wanted = value.toLowerCase(Locale.ROOT);
    for (String member : domain) {
      if (member.toLowerCase(Locale.ROOT).equals(wanted)) {
        return Optional.of(member);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return name + " " + type;
  }
}
