package io.c360.silver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Counts rows per group in one Spark job without a shuffle: each partition counts its rows per value of the
 * first {@code keys} columns and how many of them hold true in each later (boolean) column; the driver adds
 * the partitions up. Meant for the few groups of a table's run (files, readmitted flag, reason).
 */
final class GroupCounts {

  private GroupCounts() {
  }

  /** Group key (the first {@code keys} values) to {rows, true count of each later column}. */
  static Map<List<Object>, long[]> of(Dataset<Row> rows, int keys) {
    int flags = rows.columns().length - keys;
    Map<List<Object>, long[]> total = new HashMap<>();
    for (HashMap<List<Object>, long[]> partial : rows.javaRDD()
        .mapPartitions((Iterator<Row> partition) -> List.of(partition(partition, keys, flags)).iterator())
        .collect()) {
      partial.forEach((key, counts) -> total.merge(key, counts, GroupCounts::plus));
    }
    return total;
  }

  private static HashMap<List<Object>, long[]> partition(Iterator<Row> rows, int keys, int flags) {
    HashMap<List<Object>, long[]> groups = new HashMap<>();
    while (rows.hasNext()) {
      Row row = rows.next();
      List<Object> key = new ArrayList<>(keys);
      for (int k = 0; k < keys; k++) {
        key.add(row.get(k));
      }
      long[] counts = groups.computeIfAbsent(key, k -> new long[1 + flags]);
      counts[0]++;
      for (int f = 0; f < flags; f++) {
        if (!row.isNullAt(keys + f) && row.getBoolean(keys + f)) {
          counts[1 + f]++;
        }
      }
    }
    return groups;
  }

  private static long[] plus(long[] a, long[] b) {
    long[] sum = a.clone();
    for (int i = 0; i < b.length; i++) {
      sum[i] += b[i];
    }
    return sum;
  }
}
