package io.c360.gold;

import static org.apache.spark.sql.functions.col;

import io.c360.catalog.Catalog;
import io.c360.catalog.ForeignKey;
import io.c360.catalog.Table;
import io.c360.lake.DeltaTableReader;
import io.c360.lake.LakeLayout;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
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
 *
 * <p>A feed of at most {@link DeltaTableReader#DRIVER_FEED_MAX_BYTES} is read on the driver ({@link
 * DeltaTableReader#changes}), its parents too when they are that small, and the keys become a local relation: no
 * Spark job (a 1% drop at scale 1,000: six feed scans and a count through Spark). A larger or unreadable feed is
 * read by Spark, as Delta's {@code readChangeFeed}.
 */
final class AffectedKeys implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AffectedKeys.class);
  private static final GoldQuery.Scope[] SCOPES = {GoldQuery.Scope.CUSTOMER, GoldQuery.Scope.AGENT};

  private final Map<GoldQuery.Scope, Dataset<Row>> keys;
  private final Map<GoldQuery.Scope, Long> counts;
  /** A scope's keys when they are all on the driver (NULL among them when it is one). */
  private final Map<GoldQuery.Scope, Set<Object>> onDriver;
  private final Map<GoldQuery.Scope, KeyFilter> filters = new EnumMap<>(GoldQuery.Scope.class);

  private AffectedKeys(Map<GoldQuery.Scope, Dataset<Row>> keys, Map<GoldQuery.Scope, Long> counts,
      Map<GoldQuery.Scope, Set<Object>> onDriver) {
    this.keys = keys;
    this.counts = counts;
    this.onDriver = onDriver;
  }

  /**
   * The keys named by the changes of {@code changed} between {@code recorded} (exclusive) and {@code current}
   * versions ({@code id@version} or {@link GoldInputs#NONE}); {@code silver} reads parents at the current version.
   */
  static Optional<AffectedKeys> between(SparkSession spark, LakeLayout layout, Map<String, String> recorded,
      Map<String, String> current, Set<String> changed, SilverViews silver) {
    return between(spark, layout, recorded, current, changed, silver, DeltaTableReader.DRIVER_FEED_MAX_BYTES);
  }

  /** {@link #between} reading feeds and parents of at most {@code driverMaxBytes} on the driver (tests: -1, none). */
  static Optional<AffectedKeys> between(SparkSession spark, LakeLayout layout, Map<String, String> recorded,
      Map<String, String> current, Set<String> changed, SilverViews silver, long driverMaxBytes) {
    Map<GoldQuery.Scope, Set<Object>> known = new EnumMap<>(GoldQuery.Scope.class);
    Map<GoldQuery.Scope, List<Dataset<Row>>> fromSpark = new EnumMap<>(GoldQuery.Scope.class);
    for (GoldQuery.Scope scope : SCOPES) {
      known.put(scope, new HashSet<>());
      fromSpark.put(scope, new ArrayList<>());
    }
    Map<GoldQuery.Scope, Dataset<Row>> keys = new EnumMap<>(GoldQuery.Scope.class);
    try {
      for (String name : changed) {
        Optional<Range> range = Range.of(name, recorded.get(name), current.get(name));
        if (range.isEmpty()) {
          return Optional.empty();
        }
        Table table = Catalog.table(name);
        Optional<Map<GoldQuery.Scope, Set<Object>>> read = onDriver(layout, table, range.get(), current,
            driverMaxBytes);
        if (read.isPresent()) {
          read.get().forEach((scope, values) -> known.get(scope).addAll(values));
          continue;
        }
        Dataset<Row> feed = range.get().read(spark, layout);
        for (GoldQuery.Scope scope : SCOPES) {
          Dataset<Row> values = values(table, feed, scope.column(), silver);
          if (values != null) {
            fromSpark.get(scope).add(values);
          }
        }
      }
      Map<GoldQuery.Scope, Long> counts = new EnumMap<>(GoldQuery.Scope.class);
      Map<GoldQuery.Scope, Set<Object>> allOnDriver = new EnumMap<>(GoldQuery.Scope.class);
      for (GoldQuery.Scope scope : SCOPES) {
        Dataset<Row> local = localRelation(spark, scope.column(), known.get(scope));
        if (fromSpark.get(scope).isEmpty()) {
          keys.put(scope, local);
          counts.put(scope, (long) known.get(scope).size());
          allOnDriver.put(scope, known.get(scope));
        } else {
          Dataset<Row> named = local;
          for (Dataset<Row> values : fromSpark.get(scope)) {
            named = named.union(values);
          }
          Dataset<Row> distinct = named.distinct().persist(StorageLevel.MEMORY_AND_DISK());
          keys.put(scope, distinct);
          // Counted here, inside the try: a vacuumed file of the feed fails now, not in the middle of a MERGE.
          counts.put(scope, distinct.count());
        }
        LOG.info("gold: {} {}(s) affected by the silver changes", counts.get(scope), scope.column());
      }
      return Optional.of(new AffectedKeys(keys, counts, allOnDriver));
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
    return filters.computeIfAbsent(scope, s -> onDriver.containsKey(s)
        ? KeyFilter.of(of(s), s.column(), onDriver.get(s)) : KeyFilter.of(of(s), s.column()));
  }

  /** How many values of {@code scope}'s column are affected: 0 means none of its rows can have changed. */
  long count(GoldQuery.Scope scope) {
    of(scope);
    return counts.get(scope);
  }

  /** Whether {@code scope}'s keys were all read on the driver (no Spark job found them). */
  boolean readOnDriver(GoldQuery.Scope scope) {
    of(scope);
    return onDriver.containsKey(scope);
  }

  @Override
  public void close() {
    keys.values().forEach(Dataset::unpersist);
  }

  /** The versions of one silver table whose changes count: after {@code start - 1} up to {@code end}. */
  private static final class Range {
    final String table;
    final String id;
    final long start;
    final long end;

    private Range(String table, String id, long start, long end) {
      this.table = table;
      this.id = id;
      this.start = start;
      this.end = end;
    }

    /** The range between two recorded versions, or empty if its feed cannot tell (re-created, gone, unrecorded). */
    static Optional<Range> of(String table, String from, String to) {
      if (to == null || to.equals(GoldInputs.NONE) || from == null) {
        return Optional.empty();
      }
      String id = GoldInputs.tableId(to);
      long end = GoldInputs.version(to);
      if (from.equals(GoldInputs.NONE)) {
        return Optional.of(new Range(table, id, 0, end));
      }
      if (GoldInputs.tableId(from).equals(id)) {
        return Optional.of(new Range(table, id, GoldInputs.version(from) + 1, end));
      }
      LOG.info("gold: silver {} was re-created since gold read it", table);
      return Optional.empty();
    }

    Dataset<Row> read(SparkSession spark, LakeLayout layout) {
      Dataset<Row> feed = spark.read().format("delta").option("readChangeFeed", "true")
          .option("startingVersion", start).option("endingVersion", end)
          .load(layout.silver(Catalog.table(table)).toString());
      feed.schema();
      return feed;
    }
  }

  /**
   * Each scope's values named by {@code table}'s feed over {@code range}, read on the driver; empty when the feed,
   * or a parent it is resolved through, is too large or cannot be read there exactly.
   */
  private static Optional<Map<GoldQuery.Scope, Set<Object>>> onDriver(LakeLayout layout, Table table, Range range,
      Map<String, String> current, long maxBytes) {
    List<String> columns = new ArrayList<>();
    for (GoldQuery.Scope scope : SCOPES) {
      feedColumn(table, scope.column()).filter(c -> !columns.contains(c)).ifPresent(columns::add);
    }
    Map<GoldQuery.Scope, Set<Object>> found = new EnumMap<>(GoldQuery.Scope.class);
    if (columns.isEmpty()) {
      return Optional.of(found); // a table reaching neither column names no key
    }
    Optional<List<Object[]>> changes = at(layout, table, range.id, range.end, maxBytes)
        .flatMap(log -> log.changes(range.start - 1, range.end, columns, maxBytes));
    if (changes.isEmpty()) {
      return Optional.empty();
    }
    for (GoldQuery.Scope scope : SCOPES) {
      Optional<String> column = feedColumn(table, scope.column());
      if (column.isEmpty()) {
        continue;
      }
      Set<Object> named = new HashSet<>();
      int index = columns.indexOf(column.get());
      changes.get().forEach(row -> named.add(row[index]));
      if (table.columnNames().contains(scope.column())) {
        found.put(scope, named);
        continue;
      }
      Optional<Set<Object>> throughParent = throughParent(layout, parentKey(table, scope.column()), named,
          scope.column(), current, maxBytes);
      if (throughParent.isEmpty()) {
        return Optional.empty();
      }
      found.put(scope, throughParent.get());
    }
    return Optional.of(found);
  }

  /**
   * The values of {@code column} in the parent rows (at their current version) that {@code fk} of the changed rows
   * names in {@code children}, as the inner join of the Spark route finds them; empty if the parent is too large.
   */
  private static Optional<Set<Object>> throughParent(LakeLayout layout, ForeignKey fk, Set<Object> children,
      String column, Map<String, String> current, long maxBytes) {
    Table parent = Catalog.table(fk.parentTable());
    String version = current.get(parent.name());
    if (version == null || version.equals(GoldInputs.NONE)) {
      return Optional.of(Set.of()); // no parent rows: the join finds none
    }
    long at = GoldInputs.version(version);
    Optional<DeltaTableReader> log = at(layout, parent, GoldInputs.tableId(version), at, maxBytes)
        .filter(p -> p.version() == at && p.sizeInBytes() <= maxBytes);
    if (log.isEmpty()) {
      return Optional.empty();
    }
    Set<Object> values = new LinkedHashSet<>();
    for (Object[] row : log.get().rows(List.of(fk.parentColumn(), column))) {
      if (row[0] != null && children.contains(row[0])) {
        values.add(row[1]);
      }
    }
    return Optional.of(values);
  }

  /** The latest snapshot of silver {@code table} if it is the table {@code id} and has version {@code end}. */
  private static Optional<DeltaTableReader> at(LakeLayout layout, Table table, String id, long end, long maxBytes) {
    if (maxBytes < 0) {
      return Optional.empty();
    }
    return DeltaTableReader.open(layout.fileSystem(), layout.silver(table))
        .filter(log -> log.id().equals(id) && log.version() >= end);
  }

  /** The column of {@code table}'s feed that names {@code column}'s values: its own, or a foreign key's. */
  private static Optional<String> feedColumn(Table table, String column) {
    if (table.columnNames().contains(column)) {
      return Optional.of(column);
    }
    ForeignKey fk = parentKey(table, column);
    return fk == null ? Optional.empty() : Optional.of(fk.column());
  }

  /** The foreign key of {@code table} whose parent holds {@code column}, or null. */
  private static ForeignKey parentKey(Table table, String column) {
    for (ForeignKey fk : table.foreignKeys()) {
      if (Catalog.table(fk.parentTable()).columnNames().contains(column)) {
        return fk;
      }
    }
    return null;
  }

  private static Dataset<Row> localRelation(SparkSession spark, String column, Set<Object> values) {
    List<Row> rows = new ArrayList<>(values.size());
    values.forEach(v -> rows.add(RowFactory.create(v)));
    return spark.createDataFrame(rows, new StructType().add(column, DataTypes.IntegerType));
  }

  /**
   * The values of {@code column} in {@code feed} of {@code table}: its own column, or through a foreign key the
   * column of the parent row (at the current version); null if the table reaches no such column.
   */
  private static Dataset<Row> values(Table table, Dataset<Row> feed, String column, SilverViews silver) {
    if (table.columnNames().contains(column)) {
      return feed.select(col(column));
    }
    ForeignKey fk = parentKey(table, column);
    if (fk == null) {
      return null;
    }
    Dataset<Row> parents = silver.read(Catalog.table(fk.parentTable()))
        .select(col(fk.parentColumn()).as("_c360_parent"), col(column));
    return feed.select(col(fk.column())).join(parents, col(fk.column()).equalTo(col("_c360_parent")))
        .select(col(column));
  }
}
