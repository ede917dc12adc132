package io.c360.gold;

import static org.apache.spark.sql.functions.col;

import io.c360.catalog.Catalog;
import io.c360.catalog.ForeignKey;
import io.c360.catalog.Table;
import io.c360.lake.LakeLayout;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The customers and agents whose gold rows the silver changes since gold's recorded versions can affect: every
 * value of CustomerID (AgentID) in the change data feed of the changed silver tables, pre-images and post-images
 * alike (an order moved from one customer to another affects both), and for a table without that column the value
 * its parent row holds (a loyalty movement names its account, the account its customer). Empty when the feed
 * cannot answer — a silver table re-created (a silver full refresh) or gone, a version vacuumed, the feed off for
 * part of the range — and gold is then recomputed from all of silver.
 */
final class AffectedKeys implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AffectedKeys.class);

  private final Map<GoldQuery.Scope, Dataset<Row>> keys;
  private final Map<GoldQuery.Scope, Long> counts;
  private final Map<GoldQuery.Scope, KeyFilter> filters = new EnumMap<>(GoldQuery.Scope.class);

  private AffectedKeys(Map<GoldQuery.Scope, Dataset<Row>> keys, Map<GoldQuery.Scope, Long> counts) {
    this.keys = keys;
    this.counts = counts;
  }

  /**
   * The keys named by the changes of {@code changed} between {@code recorded} (exclusive) and {@code current}
   * versions ({@code id@version} or {@link GoldInputs#NONE}); {@code silver} reads parents at the current version.
   */
  static Optional<AffectedKeys> between(SparkSession spark, LakeLayout layout, Map<String, String> recorded,
      Map<String, String> current, Set<String> changed, SilverViews silver) {
    Map<GoldQuery.Scope, Dataset<Row>> keys = new EnumMap<>(GoldQuery.Scope.class);
    Map<GoldQuery.Scope, Long> counts = new EnumMap<>(GoldQuery.Scope.class);
    try {
      Map<String, Dataset<Row>> feeds = new java.util.LinkedHashMap<>();
      for (String name : changed) {
        Dataset<Row> feed = feed(spark, layout, name, recorded.get(name), current.get(name));
        if (feed == null) {
          return Optional.empty();
        }
        feeds.put(name, feed);
      }
      for (GoldQuery.Scope scope : new GoldQuery.Scope[] {GoldQuery.Scope.CUSTOMER, GoldQuery.Scope.AGENT}) {
        Dataset<Row> named = null;
        for (Map.Entry<String, Dataset<Row>> e : feeds.entrySet()) {
          Dataset<Row> values = values(Catalog.table(e.getKey()), e.getValue(), scope.column(), silver);
          if (values != null) {
            named = named == null ? values : named.union(values);
          }
        }
        if (named == null) {
          named = spark.createDataFrame(java.util.List.of(),
              new org.apache.spark.sql.types.StructType().add(scope.column(), "int"));
        }
        Dataset<Row> distinct = named.distinct().persist(StorageLevel.MEMORY_AND_DISK());
        keys.put(scope, distinct);
        // Counted here, inside the try: a vacuumed file of the feed fails now, not in the middle of a MERGE.
        counts.put(scope, distinct.count());
        LOG.info("gold: {} {}(s) affected by the silver changes", counts.get(scope), scope.column());
      }
      return Optional.of(new AffectedKeys(keys, counts));
    } catch (Exception e) { // Delta's AnalysisException is a checked exception, thrown undeclared from Scala
      keys.values().forEach(Dataset::unpersist);
      LOG.warn("gold: silver's change data feed cannot answer for {} ({}); recomputing from all of silver", changed,
          e.getMessage());
      return Optional.empty();
    }
  }

  /** The affected values of {@code scope}'s column, one column of that name. */
  Dataset<Row> of(GoldQuery.Scope scope) {
    Dataset<Row> found = keys.get(scope);
    if (found == null) {
      throw new IllegalArgumentException("no affected keys for scope " + scope + "; scopes with keys: " + keys.keySet());
    }
    return found;
  }

  /** The affected values of {@code scope}'s column as a filter, built once. */
  KeyFilter filter(GoldQuery.Scope scope) {
    return filters.computeIfAbsent(scope, s -> KeyFilter.of(of(s), s.column()));
  }

  /** How many values of {@code scope}'s column are affected: 0 means none of its rows can have changed. */
  long count(GoldQuery.Scope scope) {
    of(scope);
    return counts.get(scope);
  }

  @Override
  public void close() {
    keys.values().forEach(Dataset::unpersist);
  }

  /** The feed of one table over the range, or null if it cannot be read (re-created, gone, never recorded). */
  private static Dataset<Row> feed(SparkSession spark, LakeLayout layout, String table, String from, String to) {
    if (to == null || to.equals(GoldInputs.NONE) || from == null) {
      return null;
    }
    String id = to.substring(0, to.indexOf('@'));
    long end = Long.parseLong(to.substring(to.indexOf('@') + 1));
    long start;
    if (from.equals(GoldInputs.NONE)) {
      start = 0;
    } else if (from.startsWith(id + "@")) {
      start = Long.parseLong(from.substring(from.indexOf('@') + 1)) + 1;
    } else {
      LOG.info("gold: silver {} was re-created since gold read it", table);
      return null;
    }
    Dataset<Row> feed = spark.read().format("delta").option("readChangeFeed", "true")
        .option("startingVersion", start).option("endingVersion", end).load(layout.silver(Catalog.table(table)).toString());
    feed.schema();
    return feed;
  }

  /**
   * The values of {@code column} in {@code feed} of {@code table}: its own column, or through a foreign key the
   * column of the parent row (at the current version); null if the table reaches no such column.
   */
  private static Dataset<Row> values(Table table, Dataset<Row> feed, String column, SilverViews silver) {
    if (table.columnNames().contains(column)) {
      return feed.select(col(column));
    }
    for (ForeignKey fk : table.foreignKeys()) {
      Table parent = Catalog.table(fk.parentTable());
      if (parent.columnNames().contains(column)) {
        Dataset<Row> parents = silver.read(parent).select(col(fk.parentColumn()).as("_c360_parent"), col(column));
        return feed.select(col(fk.column())).join(parents, col(fk.column()).equalTo(col("_c360_parent")))
            .select(col(column));
      }
    }
    return null;
  }
}
