package io.c360.lake;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * Fault injection for {@code scripts/chaos} only (DESIGN §12): with the environment variable {@code C360_KILL_AT}
 * unset — always, outside the chaos matrix — every call here does nothing. Set, the process halts with exit 137,
 * as after {@code kill -9} (no shutdown hooks, no finally blocks, no flushes), at a named point:
 * <ul>
 *   <li>{@code <point>} or {@code <point>@<n>}: the n-th time (default first) the code {@link #reach reaches} it,
 *   e.g. {@code silver-table@3}, after the third silver table committed;
 *   <li>{@code job:<group>} or {@code job:<group>@<n>}: when the n-th task of a Spark job in job group
 *   {@code <group>} ({@link JobDescription#group}) ends, e.g. {@code job:c360-silver-OnlineTransactions}: in the
 *   middle of that table's MERGE, its first files written and nothing committed.
 * </ul>
 */
public final class KillPoint {
  /** The environment variable that names the point. */
  public static final String VARIABLE = "C360_KILL_AT";
  private static final String TARGET = System.getenv(VARIABLE);
  private static final ConcurrentHashMap<String, AtomicInteger> REACHED = new ConcurrentHashMap<>();

  private KillPoint() {
  }

  /** Halts here if {@code C360_KILL_AT} names {@code point} and this is the time it counts. */
  public static void reach(String point) {
    if (TARGET == null || TARGET.startsWith("job:")) {
      return;
    }
    if (point.equals(name(TARGET)) && REACHED.computeIfAbsent(point, p -> new AtomicInteger()).incrementAndGet()
        == times(TARGET)) {
      halt(point);
    }
  }

  /** Watches {@code spark}'s tasks if {@code C360_KILL_AT} names a job group; call once a session exists. */
  public static void watch(SparkSession spark) {
    if (TARGET == null || !TARGET.startsWith("job:")) {
      return;
    }
    String group = name(TARGET).substring("job:".length());
    int times = times(TARGET);
    ConcurrentHashMap<Integer, Boolean> stages = new ConcurrentHashMap<>();
    AtomicInteger ended = new AtomicInteger();
    spark.sparkContext().addSparkListener(new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart job) {
        if (job.properties() != null && group.equals(job.properties().getProperty("spark.jobGroup.id"))) {
          scala.collection.Iterator<Object> ids = job.stageIds().iterator();
          while (ids.hasNext()) {
            stages.put((Integer) ids.next(), true);
          }
        }
      }

      @Override
      public void onTaskEnd(SparkListenerTaskEnd task) {
        if (stages.containsKey(task.stageId()) && ended.incrementAndGet() == times) {
          halt(TARGET);
        }
      }
    });
  }

  private static String name(String target) {
    int at = target.lastIndexOf('@');
    return at < 0 ? target : target.substring(0, at);
  }

  private static int times(String target) {
    int at = target.lastIndexOf('@');
    return at < 0 ? 1 : Integer.parseInt(target.substring(at + 1));
  }

  private static void halt(String point) {
    System.err.println("c360: killed at " + point + " (" + VARIABLE + ")");
    System.err.flush();
    Runtime.getRuntime().halt(137);
  }
}
