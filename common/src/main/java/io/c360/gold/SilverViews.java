package io.c360.gold;

import io.c360.catalog.Catalog;
import io.c360.catalog.Table;
import io.c360.lake.LakeLayout;
import io.c360.lake.SnapshotScan;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Registers each silver table (catalog columns, no lineage), pinned to the version gold works from, as a temporary
 * view under its catalog name, which is how the gold SQL reads it; a table that never received a file is an empty
 * view, so gold still has every customer and agent. Restricted, the tables with a scope's column hold only the rows
 * of the given customers or agents (matched NULL-safely: an order without a customer is a group of its own).
 */
final class SilverViews {
  private final SparkSession spark;
  private final LakeLayout layout;
  private final Map<String, String> versions;
  /** Each table read once per run: a pinned Delta read resolves a snapshot, and gold registers the views 8 times. */
  private final Map<String, Dataset<Row>> read = new HashMap<>();

  /** {@code versions}: per silver table {@code id@version} or {@link GoldInputs#NONE}. */
  SilverViews(SparkSession spark, LakeLayout layout, Map<String, String> versions) {
    this.spark = spark;
    this.layout = layout;
    this.versions = versions;
  }

  /** Every silver table whole. */
  void registerAll() {
    for (Table table : Catalog.tables()) {
      read(table).createOrReplaceTempView(table.name());
    }
  }

  /** The tables that have {@code keys}' column restricted to the rows whose value is among them, the others whole. */
  void registerRestricted(GoldQuery.Scope scope, KeyFilter keys) {
    List<Table> restricted = GoldQuery.scoped(scope);
    for (Table table : Catalog.tables()) {
      Dataset<Row> rows = read(table);
      if (restricted.contains(table)) {
        rows = keys.apply(rows);
      }
      rows.createOrReplaceTempView(table.name());
    }
  }

  /** The silver table at the pinned version, catalog columns in catalog order. */
  Dataset<Row> read(Table table) {
    return read.computeIfAbsent(table.name(), name -> pinned(table));
  }

  private Dataset<Row> pinned(Table table) {
    String version = versions.get(table.name());
    if (version == null || version.equals(GoldInputs.NONE)) {
      return spark.createDataFrame(List.of(), table.sparkSchema());
    }
    String[] columns = table.columnNames().toArray(new String[0]);
    return SnapshotScan.read(spark, layout.fileSystem(), layout.silver(table),
            GoldInputs.version(version))
        .select(columns[0], Arrays.copyOfRange(columns, 1, columns.length));
  }
}
