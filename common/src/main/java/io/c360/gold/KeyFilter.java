package io.c360.gold;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Restricts rows to those whose scope column (CustomerID, AgentID) holds one of the affected keys, NULL-safely (an
 * order without a customer is a group of its own). Up to {@link #LITERAL_KEYS} keys are brought to the driver once
 * and become a plain {@code IN} filter: no join and no broadcast job per restricted read, and Delta prunes files by
 * their min/max statistics. More stay a Dataset, joined (left semi, broadcast).
 */
final class KeyFilter {
  /** At most this many keys become literals (an incremental run at scale 16,000 names about 90,000 customers). */
  static final int LITERAL_KEYS = 200_000;
  private static final String SCOPE_KEY = "_c360_scope";

  private final String column;
  private final Dataset<Row> keys;
  /** The non-NULL keys, or null when there are more than {@link #LITERAL_KEYS}. */
  private final List<Object> values;
  private final boolean hasNull;

  private KeyFilter(String column, Dataset<Row> keys, List<Object> values, boolean hasNull) {
    this.column = column;
    this.keys = keys;
    this.values = values;
    this.hasNull = hasNull;
  }

  /** The keys in {@code keys}' column {@code column} (one row per key). */
  static KeyFilter of(Dataset<Row> keys, String column) {
    return of(keys, column, LITERAL_KEYS);
  }

  /** {@link #of(Dataset, String)} with at most {@code literalKeys} literals (tests: the joined route). */
  static KeyFilter of(Dataset<Row> keys, String column, int literalKeys) {
    List<Row> found = keys.select(col(column)).limit(literalKeys + 1).collectAsList();
    List<Object> values = new ArrayList<>();
    found.forEach(r -> values.add(r.get(0)));
    return of(keys, column, values, literalKeys);
  }

  /**
   * The keys {@code values} (NULL among them when it is a key), already on the driver, that {@code keys} holds as
   * a Dataset: no Spark job to build the filter.
   */
  static KeyFilter of(Dataset<Row> keys, String column, Collection<?> values) {
    return of(keys, column, values, LITERAL_KEYS);
  }

  private static KeyFilter of(Dataset<Row> keys, String column, Collection<?> found, int literalKeys) {
    if (found.size() > literalKeys) {
      return new KeyFilter(column, keys, null, false);
    }
    List<Object> values = new ArrayList<>();
    boolean hasNull = false;
    for (Object value : found) {
      if (value == null) {
        hasNull = true;
      } else {
        values.add(value);
      }
    }
    return new KeyFilter(column, keys, values, hasNull);
  }

  String column() {
    return column;
  }

  /** The rows of {@code rows} whose column of this filter's name is among the keys. */
  Dataset<Row> apply(Dataset<Row> rows) {
    if (values == null) {
      Dataset<Row> wanted = broadcast(keys.select(col(column).as(SCOPE_KEY)));
      return rows.join(wanted, rows.col(column).eqNullSafe(wanted.col(SCOPE_KEY)), "left_semi");
    }
    return rows.filter(condition(rows.col(column)));
  }

  /**
   * The condition "{@code value} is among the keys" when they are literals, for a MERGE's target to prune files
   * by; else always true.
   */
  Column condition(Column value) {
    if (values == null) {
      return lit(true);
    }
    Column in = values.isEmpty() ? lit(false) : value.isInCollection(values);
    return hasNull ? in.or(value.isNull()) : in;
  }
}
