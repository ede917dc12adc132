package io.c360.lake;

import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Names the Spark jobs a stage starts for one table — job group {@code c360-<stage>-<table>}, description
 * {@code c360 <stage> <table>} — so that the Spark UI, the event log and the status tracker say what each job is.
 * Spark keeps these per thread; the previous values are put back afterwards, so nested and concurrent tables
 * (each on its own {@link ConcurrentTasks} thread) do not mislabel each other. A storage failure in the work
 * (a full disk under a Spark task or a Delta commit) comes out as a {@link StorageFailure} naming stage and table.
 */
public final class JobDescription {
  private static final String GROUP = "spark.jobGroup.id";
  private static final String DESCRIPTION = "spark.job.description";
  private static final String INTERRUPT = "spark.job.interruptOnCancel";

  /** Work that may throw a checked exception, such as a JDBC call. */
  @FunctionalInterface
  public interface Work<R, E extends Exception> {
    R run() throws E;
  }

  private JobDescription() {
  }

  /** Runs {@code work} with its Spark jobs labelled as {@code stage} work on {@code table}. */
  public static <R, E extends Exception> R run(SparkSession spark, String stage, String table, Work<R, E> work)
      throws E {
    SparkContext context = spark.sparkContext();
    String group = context.getLocalProperty(GROUP);
    String description = context.getLocalProperty(DESCRIPTION);
    String interrupt = context.getLocalProperty(INTERRUPT);
    context.setJobGroup(group(stage, table), "c360 " + stage + " " + table, false);
    try {
      return work.run();
    } catch (Exception | Error e) {
      // Here the stage and table are known: an I/O failure leaves as one line naming them. (Exception, not
      // RuntimeException: Spark's job failures are SparkExceptions, checked in Java, thrown undeclared.)
      java.util.Optional<StorageFailure> storage = StorageFailure.of(stage + " " + table, e);
      if (storage.isPresent()) {
        throw storage.get();
      }
      throw e;
    } finally {
      context.setLocalProperty(GROUP, group);
      context.setLocalProperty(DESCRIPTION, description);
      context.setLocalProperty(INTERRUPT, interrupt);
    }
  }

  /** The job group of {@code stage} work on {@code table}: {@code c360-silver-Customers}. */
  public static String group(String stage, String table) {
    return "c360-" + stage + "-" + table;
  }
}
