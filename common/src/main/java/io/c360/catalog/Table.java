package io.c360.catalog;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** One table of the catalog: its bronze file name, columns in order, primary key and foreign keys. */
public final class Table implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final List<Column> columns;
  private final List<String> primaryKey;
  private final List<ForeignKey> foreignKeys;

  private Table(String name, List<Column> columns, List<String> primaryKey, List<ForeignKey> foreignKeys) {
    this.name = name;
    this.columns = List.copyOf(columns);
    this.primaryKey = List.copyOf(primaryKey);
    this.foreignKeys = List.copyOf(foreignKeys);
  }

  static Builder builder(String name) {
    return new Builder(name);
  }

  public String name() {
    return name;
  }

  /** The single bronze file of this table, relative to {@code bronze/}; a folder of that name may hold more. */
  public String bronzeFileName() {
    return name + ".csv";
  }

  public List<Column> columns() {
    return columns;
  }

  public List<String> columnNames() {
    return columns.stream().map(Column::name).collect(Collectors.toList());
  }

  public Column column(String columnName) {
    for (Column column : columns) {
      if (column.name().equalsIgnoreCase(columnName)) {
        return column;
      }
    }
    throw new IllegalArgumentException("table " + name + " has no column " + columnName + "; columns: " + columnNames());
  }

  public int columnIndex(String columnName) {
    return columns.indexOf(column(columnName));
  }

  public List<String> primaryKey() {
    return primaryKey;
  }

  public boolean isPrimaryKey(String columnName) {
    return primaryKey.stream().anyMatch(columnName::equalsIgnoreCase);
  }

  public List<ForeignKey> foreignKeys() {
    return foreignKeys;
  }

  /** The Spark schema of the table's data columns (no lineage columns), all nullable as in bronze. */
  public StructType sparkSchema() {
    List<StructField> fields = new ArrayList<>();
    for (Column column : columns) {
      fields.add(DataTypes.createStructField(column.name(), column.type().sparkType(), true));
    }
    return DataTypes.createStructType(fields);
  }

  @Override
  public String toString() {
    return name;
  }

  static final class Builder {
    private final String name;
    private final List<Column> columns = new ArrayList<>();
    private final List<String> primaryKey = new ArrayList<>();
    private final List<ForeignKey> foreignKeys = new ArrayList<>();

    private Builder(String name) {
      this.name = name;
    }

    Builder column(String columnName, ColumnType type) {
      columns.add(new Column(columnName, type, List.of()));
      return this;
    }

    Builder categorical(String columnName, int length, String... domain) {
      columns.add(new Column(columnName, ColumnType.varchar(length), List.of(domain)));
      return this;
    }

    Builder primaryKey(String... columnNames) {
      primaryKey.addAll(List.of(columnNames));
      return this;
    }

    Builder foreignKey(String columnName, Table parent) {
      if (parent.primaryKey().size() != 1) {
        throw new IllegalArgumentException("foreign key " + name + "." + columnName + " must reference a single-column key");
      }
      foreignKeys.add(new ForeignKey(columnName, parent.name(), parent.primaryKey().get(0)));
      return this;
    }

    Table build() {
      Table table = new Table(name, columns, primaryKey, foreignKeys);
      for (String key : primaryKey) {
        table.column(key);
      }
      for (ForeignKey fk : foreignKeys) {
        table.column(fk.column());
      }
      return table;
    }
  }
}
