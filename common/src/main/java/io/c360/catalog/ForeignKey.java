package io.c360.catalog;

import java.io.Serializable;

/** A single-column foreign key: {@code column} references the primary key of {@code parentTable}. */
public final class ForeignKey implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String column;
  private final String parentTable;
  private final String parentColumn;

  ForeignKey(String column, String parentTable, String parentColumn) {
    this.column = column;
    this.parentTable = parentTable;
    this.parentColumn = parentColumn;
  }

  public String column() {
    return column;
  }

  public String parentTable() {
    return parentTable;
  }

  public String parentColumn() {
    return parentColumn;
  }

  @Override
  public String toString() {
    return column + " -> " + parentTable + "(" + parentColumn + ")";
  }
}
