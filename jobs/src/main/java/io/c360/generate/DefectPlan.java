package io.c360.generate;

import io.c360.catalog.Column;
import io.c360.catalog.ColumnType;
import io.c360.catalog.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * Which defect each row gets: every class that applies to a table is forced once near the top of the table
 * (every fourth row), so small scales still show them all; beyond that about 4% of rows get a random one.
 */
final class DefectPlan {
  private static final double RATE = 0.04;
  private static final int STRIDE = 4;

  private final long seed;
  private final boolean dirty;

  DefectPlan(long seed, boolean dirty) {
    this.seed = seed;
    this.dirty = dirty;
  }

  boolean dirty() {
    return dirty;
  }

  static List<Defect> applicable(Table table) {
    List<Defect> classes = new ArrayList<>();
    boolean categorical = table.columns().stream().anyMatch(Column::isCategorical);
    for (Defect d : Defect.values()) {
      if (d == Defect.NONE
          || (d == Defect.NORMALISE || d == Defect.WARN_DOMAIN) && !categorical
          || (d == Defect.ORPHAN || d == Defect.NULL_FK) && table.foreignKeys().isEmpty()
          || d == Defect.WARN_NEGATIVE && moneyColumn(table) == null
          || d == Defect.EMPTY_OPTIONAL && optionalColumns(table).isEmpty()) {
        continue;
      }
      classes.add(d);
    }
    return classes;
  }

  Defect defect(Table table, long row) {
    if (!dirty) {
      return Defect.NONE;
    }
    List<Defect> classes = applicable(table);
    int id = CleanRows.tableId(table);
    if (row % STRIDE == 1 && row / STRIDE < classes.size()) {
      return classes.get((int) (row / STRIDE));
    }
    if (Hash.unit(seed, id, row, 100) >= RATE) {
      return Defect.NONE;
    }
    return classes.get(Hash.below(seed, id, row, 101, classes.size()));
  }

  /** The DECIMAL column an expectation keeps non-negative: Amount or Price. */
  static Column moneyColumn(Table table) {
    for (Column c : table.columns()) {
      if (c.type().kind() == ColumnType.Kind.DECIMAL) {
        return c;
      }
    }
    return null;
  }

  /** Columns that may be empty without rejecting the row: neither key nor foreign key. */
  static List<Column> optionalColumns(Table table) {
    List<Column> columns = new ArrayList<>();
    for (Column c : table.columns()) {
      boolean foreign = table.foreignKeys().stream().anyMatch(fk -> fk.column().equals(c.name()));
      if (!table.isPrimaryKey(c.name()) && !foreign) {
        columns.add(c);
      }
    }
    return columns;
  }
}
