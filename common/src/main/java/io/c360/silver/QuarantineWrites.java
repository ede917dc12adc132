package io.c360.silver;

import io.c360.catalog.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The quarantine changes of the tables of one batch, collected while they load (from any thread) and written in
 * one commit by {@link #flush}: a stage costs one quarantine commit, not one or two per table. The rows are
 * read from the tables' persisted classified rows, which stay persisted until then.
 */
final class QuarantineWrites {
  private final Quarantine quarantine;
  private final List<Dataset<Row>> rejected = new ArrayList<>();
  private final List<Dataset<Row>> readmitted = new ArrayList<>();
  private final Map<String, List<BronzeFile>> fileVersions = new LinkedHashMap<>();
  private final List<Dataset<Row>> persisted = new ArrayList<>();

  QuarantineWrites(Quarantine quarantine) {
    this.quarantine = quarantine;
  }

  /** Rejected rows of {@code table} (see {@link Quarantine#rejected}) from the given new file versions. */
  synchronized void reject(Table table, List<BronzeFile> files, Dataset<Row> rows) {
    rejected.add(rows);
    fileVersions.computeIfAbsent(table.name(), t -> new ArrayList<>()).addAll(files);
  }

  /** Keys of pending orphans taken back into silver (see {@link Quarantine#readmittedKeys}). */
  synchronized void readmit(Dataset<Row> keys) {
    readmitted.add(keys);
  }

  /** A persisted dataset the collected rows read, released after the write. */
  synchronized void keepUntilWritten(Dataset<Row> dataset) {
    persisted.add(dataset);
  }

  /** Writes what was collected in one commit (none if nothing was), then releases the persisted inputs. */
  synchronized void flush(long runId) {
    try {
      if (!rejected.isEmpty() || !readmitted.isEmpty()) {
        quarantine.write(union(rejected), union(readmitted), fileVersions, runId);
      }
    } finally {
      rejected.clear();
      readmitted.clear();
      fileVersions.clear();
      release();
    }
  }

  /** Releases the persisted inputs without writing (when the batch failed before its write). */
  synchronized void release() {
    persisted.forEach(Dataset::unpersist);
    persisted.clear();
  }

  private static Dataset<Row> union(List<Dataset<Row>> parts) {
    Dataset<Row> all = null;
    for (Dataset<Row> part : parts) {
      all = all == null ? part : all.unionByName(part);
    }
    return all;
  }
}
