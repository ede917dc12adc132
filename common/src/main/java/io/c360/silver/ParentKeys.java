package io.c360.silver;

import static org.apache.spark.sql.functions.col;

import io.c360.catalog.Table;
import io.c360.lake.DeltaTableReader;
import io.c360.lake.LakeLayout;
import io.c360.lake.SnapshotScan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * The primary keys of parent silver tables, for the orphan check (DESIGN §4 step 4). Read once per parent and
 * Delta version and broadcast as a sorted array, so the children of one level share one read and check their
 * foreign keys without a join; a parent that did not change is not read again. Parent keys are single INT
 * columns, as every foreign key of the catalog is.
 */
public final class ParentKeys {
  /**
   * Parents of up to this many rows are read on the driver (their key column only, 4 bytes a key in the broadcast):
   * at scale 1,000 the three parents of a drop's two tables cost 2.0 s of Spark jobs (a Delta log job and a collect
   * each) of a 12.5 s silver stage.
   */
  static final long DRIVER_MAX_KEYS = 5_000_000;
  private final SparkSession spark;
  private final LakeLayout layout;
  private final Map<String, Snapshot> cache = new HashMap<>();
  private long driverMaxKeys = DRIVER_MAX_KEYS;

  private static final class Snapshot {
    final long version;
    final Broadcast<int[]> keys;

    Snapshot(long version, Broadcast<int[]> keys) {
      this.version = version;
      this.keys = keys;
    }
  }

  public ParentKeys(SparkSession spark, LakeLayout layout) {
    this.spark = spark;
    this.layout = layout;
  }

  /** Reads parents of more than {@code rows} rows by a Spark job (tests: 0, every parent). */
  ParentKeys driverMaxKeys(long rows) {
    this.driverMaxKeys = rows;
    return this;
  }

  /** The sorted keys of {@code parent}'s current silver version; empty while it has no silver table. */
  synchronized Optional<Broadcast<int[]>> of(Table parent) {
    if (parent.primaryKey().size() != 1
        || parent.column(parent.primaryKey().get(0)).type().sparkType() != DataTypes.IntegerType) {
      throw new IllegalArgumentException("table " + parent + ": a foreign key's parent must have a single INT "
          + "primary key, got " + parent.primaryKey());
    }
    // The version and the keys come from one read of the parent's log on the driver: no Delta log job.
    Optional<DeltaTableReader> snapshot = DeltaTableReader.open(layout.fileSystem(), layout.silver(parent));
    if (snapshot.isEmpty()) {
      return Optional.empty();
    }
    Snapshot cached = cache.get(parent.name());
    if (cached == null || cached.version != snapshot.get().version()) {
      if (cached != null) {
        cached.keys.destroy();
      }
      cached = new Snapshot(snapshot.get().version(), JavaSparkContext.fromSparkContext(spark.sparkContext())
          .broadcast(read(snapshot.get(), parent.primaryKey().get(0))));
      cache.put(parent.name(), cached);
    }
    return Optional.of(cached.keys);
  }

  /**
   * The keys, sorted: up to {@link #driverMaxKeys} rows (the log's file statistics) read on the driver, only the key
   * column, without a Spark job; more by one Spark job.
   */
  private int[] read(DeltaTableReader snapshot, String key) {
    OptionalLong rows = snapshot.numRecords();
    int[] keys = rows.isPresent() && rows.getAsLong() <= driverMaxKeys ? snapshot.intValues(key)
        : readBySpark(snapshot, key);
    Arrays.sort(keys);
    return keys;
  }

  /** One job: each partition's keys as one primitive array, merged on the driver. */
  private int[] readBySpark(DeltaTableReader snapshot, String key) {
    List<int[]> parts = SnapshotScan.of(spark, snapshot).select(col(key)).javaRDD()
        .mapPartitions((Iterator<Row> rows) -> {
          int[] keys = new int[1024];
          int n = 0;
          while (rows.hasNext()) {
            Row row = rows.next();
            if (n == keys.length) {
              keys = Arrays.copyOf(keys, n * 2);
            }
            keys[n++] = row.getInt(0);
          }
          return List.of(Arrays.copyOf(keys, n)).iterator();
        }).collect();
    int[] all = new int[parts.stream().mapToInt(p -> p.length).sum()];
    int at = 0;
    for (int[] part : new ArrayList<>(parts)) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }

  /** Releases the broadcasts. */
  public synchronized void close() {
    cache.values().forEach(s -> s.keys.destroy());
    cache.clear();
  }
}
