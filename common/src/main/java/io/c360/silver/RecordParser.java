package io.c360.silver;

import io.c360.catalog.Column;
import io.c360.catalog.Table;
import java.io.Serializable;
import java.util.List;

/**
 * Turns one raw bronze record into normalised field values or a rejection reason, applying DESIGN §4 steps
 * 2–4 up to {@code NULL_KEY}: {@code MALFORMED}, then {@code BAD_VALUE:<column>} (first bad column in catalog
 * order), then {@code NULL_KEY}. Orphans and expectations need other tables and are judged later, in Spark.
 */
public final class RecordParser implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final String MALFORMED = Reason.MALFORMED.code();
  private static final String NULL_KEY = Reason.NULL_KEY.code();

  private final Table table;
  private final boolean[] primaryKey;
  private final String[] badValue;

  public RecordParser(Table table) {
    this.table = table;
    List<Column> columns = table.columns();
    this.primaryKey = new boolean[columns.size()];
    this.badValue = new String[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      primaryKey[i] = table.isPrimaryKey(columns.get(i).name());
      badValue[i] = Reason.badValue(columns.get(i).name()).code();
    }
  }

  public Table table() {
    return table;
  }

  /** A parsed line: values in catalog order as canonical text (NULL as {@code null}), and the reason if rejected. */
  public static final class Parsed {
    private final String[] values;
    private final String reason;

    Parsed(String[] values, String reason) {
      this.values = values;
      this.reason = reason;
    }

    public String[] values() {
      return values;
    }

    /** The rejection reason's {@link Reason#code()}, or {@code null} for a row that passed. */
    public String reason() {
      return reason;
    }
  }

  /** A record (or spoiled line) that is not CSV at all: no values, {@code MALFORMED}. */
  public Parsed malformed() {
    return new Parsed(new String[table.columns().size()], MALFORMED);
  }

  /** Parses one record; a quoted field may hold line breaks. */
  public Parsed parse(String line) {
    List<Column> columns = table.columns();
    String[] values = new String[columns.size()];
    List<String> fields = CsvLine.split(line);
    if (fields == null || fields.size() != columns.size()) {
      return malformed();
    }
    String reason = null;
    for (int i = 0; i < values.length; i++) {
      Column column = columns.get(i);
      String value = fields.get(i).strip();
      if (value.isEmpty()) {
        continue;
      }
      if (column.isCategorical()) {
        value = column.canonical(value).orElse(value);
      }
      String checked = StrictValues.check(column, value);
      if (checked == null) {
        if (reason == null) {
          reason = badValue[i];
        }
        continue;
      }
      values[i] = checked;
    }
    if (reason == null) {
      for (int i = 0; i < values.length; i++) {
        if (primaryKey[i] && values[i] == null) {
          reason = NULL_KEY;
          break;
        }
      }
    }
    return new Parsed(values, reason);
  }
}
