package io.c360.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.junit.jupiter.api.Test;

/** Each table's Spark jobs carry its stage and table, also on concurrent threads, and nothing is left behind. */
class JobDescriptionTest extends SparkTestBase {

  @Test
  void jobsAreLabelledByStageAndTableAndTheThreadsLabelsComeBack() throws Exception {
    Map<String, String> descriptionByGroup = new ConcurrentHashMap<>();
    SparkListener listener = new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart start) {
        String group = start.properties().getProperty("spark.jobGroup.id");
        if (group != null && group.startsWith("c360-")) {
          descriptionByGroup.put(group, start.properties().getProperty("spark.job.description"));
        }
      }
    };
    spark.sparkContext().addSparkListener(listener);
    try {
      spark.sparkContext().setJobDescription("outer");
      List<Long> counts = ConcurrentTasks.map(List.of("Customers", "Stores"), 2, "test",
          table -> JobDescription.run(spark, "silver", table, () -> spark.range(3).count()));
      assertEquals(List.of(3L, 3L), counts);
      assertEquals(5L, (long) JobDescription.run(spark, "gold", "PeakTimes", () -> spark.range(5).count()));
      assertEquals("outer", spark.sparkContext().getLocalProperty("spark.job.description"));
      assertNull(spark.sparkContext().getLocalProperty("spark.jobGroup.id"));
      spark.sparkContext().listenerBus().waitUntilEmpty();
      assertEquals(Map.of("c360-silver-Customers", "c360 silver Customers", "c360-silver-Stores", "c360 silver Stores",
          "c360-gold-PeakTimes", "c360 gold PeakTimes"), descriptionByGroup);
    } finally {
      spark.sparkContext().setJobDescription(null);
      spark.sparkContext().removeSparkListener(listener);
    }
  }
}
