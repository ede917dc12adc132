package io.c360.silver;

import io.c360.lake.DeltaTableReader;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.CommitInfo;

/**
 * What a Delta commit did, read from the table's log on the driver: the latest version and the operation
 * metrics of one commit. Cheaper than {@code DeltaTable.history}, which plans a Spark job per call.
 */
final class DeltaCommits {

  private DeltaCommits() {
  }

  /** The table's latest version, or -1 if it has none (no Spark job: a listing of {@code _delta_log}). */
  static long latestVersion(FileSystem fs, Path table) {
    return DeltaTableReader.latestVersion(fs, table);
  }

  /** The operation metrics (e.g. {@code numTargetRowsInserted}) of commit {@code version}. */
  static Map<String, Long> metrics(SparkSession spark, String path, long version) {
    Map<String, Long> metrics = new HashMap<>();
    scala.collection.Iterator<scala.Tuple2<Object, scala.collection.Seq<Action>>> changes =
        DeltaLog.forTable(spark, path).getChanges(version, false);
    if (changes.hasNext()) {
      scala.Tuple2<Object, scala.collection.Seq<Action>> commit = changes.next();
      if ((Long) commit._1() != version) {
        throw new IllegalStateException("Delta table " + path + ": version " + version + " is not in its log");
      }
      scala.collection.Iterator<Action> actions = commit._2().iterator();
      while (actions.hasNext()) {
        Action action = actions.next();
        if (action instanceof CommitInfo && ((CommitInfo) action).operationMetrics().isDefined()) {
          scala.collection.JavaConverters.mapAsJavaMap(((CommitInfo) action).operationMetrics().get())
              .forEach((name, value) -> metrics.put(name, Long.parseLong(value)));
        }
      }
    }
    return metrics;
  }
}
