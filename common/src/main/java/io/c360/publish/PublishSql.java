package io.c360.publish;

import io.c360.catalog.Catalog;
import io.c360.catalog.ForeignKey;
import io.c360.catalog.Table;
import io.c360.sql.SqlTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * The data statements of a publish, rendered from {@code sql/publish/} with identifiers from the catalog or the
 * target's metadata, quoted by the dialect: the silver MERGE, the deletes of rows silver no longer has, the gold
 * change MERGE and the gold replace.
 */
final class PublishSql {
  private final Dialect dialect;

  PublishSql(Dialect dialect) {
    this.dialect = dialect;
  }

  /** The upsert of silver {@code table} from {@code staging}, matched on the primary key. */
  String silverMerge(Table table, String staging) {
    List<String> nonKey = new ArrayList<>(table.columnNames());
    nonKey.removeAll(table.primaryKey());
    return SqlTemplate.load("sql/publish/merge.sql").with(dialect.fragments())
        .with("target", dialect.quote(table.name()))
        .with("staging", staging)
        .with("key_match", join(table.primaryKey(), " AND ", c -> "t." + dialect.quote(c) + " = s." + dialect.quote(c)))
        .with("assignments", join(nonKey, ", ", c -> dialect.quote(c) + " = s." + dialect.quote(c)))
        .with("columns", join(table.columnNames(), ", ", dialect::quote))
        .with("source_columns", join(table.columnNames(), ", ", c -> "s." + dialect.quote(c)))
        .render();
  }

  /**
   * The DELETEs that remove {@code table}'s target rows its (full) staging table lacks, preceded by the DELETEs of
   * the rows of its child tables, deepest first, that reference them: the foreign keys hold after every statement.
   */
  List<String> deleteVanished(Table table, String staging) {
    String removed = SqlTemplate.load("sql/publish/vanished.sql")
        .with("staging", staging)
        .with("key_match", join(table.primaryKey(), " AND ",
            c -> "s." + dialect.quote(c) + " = " + dialect.quote(table.name()) + "." + dialect.quote(c)))
        .statements().get(0);
    List<String> statements = new ArrayList<>();
    deleteRemoved(table, removed, statements);
    return statements;
  }

  private void deleteRemoved(Table table, String removed, List<String> statements) {
    for (Table child : Catalog.tables()) {
      for (ForeignKey fk : child.foreignKeys()) {
        if (fk.parentTable().equals(table.name())) {
          deleteRemoved(child, SqlTemplate.load("sql/publish/referencing.sql")
              .with("child_column", dialect.quote(child.name()) + "." + dialect.quote(fk.column()))
              .with("parent_column", dialect.quote(table.name()) + "." + dialect.quote(fk.parentColumn()))
              .with("parent", dialect.quote(table.name()))
              .with("parent_removed", removed)
              .statements().get(0), statements);
        }
      }
    }
    statements.add(SqlTemplate.load("sql/publish/delete-removed.sql")
        .with("target", dialect.quote(table.name())).with("removed", removed).statements().get(0));
  }

  /**
   * The MERGE of a gold change from {@code staging} (the columns, then {@link ChangeFeed#DELETE_FLAG}) on the
   * grouping columns {@code key}; a grouping column the target declares nullable is compared NULL-safely.
   */
  String goldMerge(String target, String staging, List<String> columns, List<String> key,
      Map<String, TargetSchema.ColumnInfo> targetColumns) {
    List<String> nonKey = new ArrayList<>(columns);
    nonKey.removeAll(key);
    return SqlTemplate.load("sql/publish/gold-merge.sql").with(dialect.fragments())
        .with("target", target)
        .with("staging", staging)
        .with("key_match", join(key, " AND ", c -> keyMatch(c, targetColumns.get(c.toUpperCase(Locale.ROOT)))))
        .with("assignments", join(nonKey, ", ", c -> dialect.quote(c) + " = s." + dialect.quote(c)))
        .with("columns", join(columns, ", ", dialect::quote))
        .with("source_columns", join(columns, ", ", c -> "s." + dialect.quote(c)))
        .render();
  }

  /** The source of a gold change's staging table: the target's columns and the delete flag. */
  String goldChangeShape(String target) {
    return "(SELECT *, 0 AS " + dialect.quote(ChangeFeed.DELETE_FLAG) + " FROM " + target + ") AS g";
  }

  /** DELETE + INSERT ... SELECT of a whole gold table from {@code staging}. */
  List<String> goldReplace(String target, String staging, List<String> columns) {
    return SqlTemplate.load("sql/publish/replace.sql")
        .with("target", target)
        .with("staging", staging)
        .with("columns", join(columns, ", ", dialect::quote))
        .statements();
  }

  private String keyMatch(String column, TargetSchema.ColumnInfo info) {
    String t = "t." + dialect.quote(column);
    String s = "s." + dialect.quote(column);
    return info == null || info.nullable ? dialect.nullSafeEquals(t, s, info == null ? null : info.zero())
        : t + " = " + s;
  }

  private static String join(List<String> names, String separator, Function<String, String> f) {
    StringJoiner joined = new StringJoiner(separator);
    names.forEach(n -> joined.add(f.apply(n)));
    return joined.toString();
  }
}
