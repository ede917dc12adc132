package io.c360.silver;

import static org.apache.spark.sql.functions.col;

import io.c360.catalog.Table;
import io.c360.lake.LakeLayout;
import io.c360.lake.SnapshotScan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
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
  private final SparkSession spark;
  private final LakeLayout layout;
  private final Map<String, Snapshot> cache = new HashMap<>();

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

  /** The sorted keys of {@code parent}'s current silver version; empty while it has no silver table. */
  synchronized Optional<Broadcast<int[]>> of(Table parent) {
    if (parent.primaryKey().size() != 1
        || parent.column(parent.primaryKey().get(0)).type().sparkType() != DataTypes.IntegerType) {
      throw new IllegalArgumentException("table " + parent + ": a foreign key's parent must have a single INT "
          + "primary key, got " + parent.primaryKey());
    }
    String path = layout.silver(parent).toString();
    if (!layout.exists(layout.silver(parent))) {
      return Optional.empty();
    }
    long version = DeltaCommits.latestVersion(spark, path);
    if (version < 0) {
      return Optional.empty();
    }
    Snapshot cached = cache.get(parent.name());
    if (cached == null || cached.version != version) {
      if (cached != null) {
        cached.keys.destroy();
      }
      cached = new Snapshot(version, JavaSparkContext.fromSparkContext(spark.sparkContext())
          .broadcast(read(layout.silver(parent), parent.primaryKey().get(0))));
      cache.put(parent.name(), cached);
    }
    return Optional.of(cached.keys);
  }

  /** One job: each partition's keys as one primitive array, merged and sorted on the driver. */
  private int[] read(Path path, String key) {
    List<int[]> parts = SnapshotScan.latest(spark, layout.fileSystem(), path).select(col(key)).javaRDD()
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
    Arrays.sort(all);
    return all;
  }

  /** Releases the broadcasts. */
  public synchronized void close() {
    cache.values().forEach(s -> s.keys.destroy());
    cache.clear();
  }
}
