package io.c360.ledger;

import io.c360.lake.LakeLayout;
import java.time.Duration;
import org.apache.spark.sql.SparkSession;

/**
 * One run against a lake: holds the lake lock, has a run id from the ledger and records how it ended.
 * <pre>
 * try (LakeRun run = LakeRun.start(spark, layout, Duration.ofHours(2), "run --stages silver")) {
 *   ... stages using run.id() and run.ledger() ...
 *   run.succeeded();
 * }
 * </pre>
 * A run closed without {@link #succeeded()} or {@link #failed(String)} is recorded as failed.
 */
public final class LakeRun implements AutoCloseable {
  private final LakeLock lock;
  private final Ledger ledger;
  private final long id;
  private boolean finished;

  private LakeRun(LakeLock lock, Ledger ledger, long id) {
    this.lock = lock;
    this.ledger = ledger;
    this.id = id;
  }

  public static LakeRun start(SparkSession spark, LakeLayout layout, Duration lockTimeout, String command) {
    LakeLock lock = LakeLock.acquire(layout.fileSystem(), layout.ledger(), lockTimeout, command);
    try {
      Ledger ledger = new Ledger(spark, layout);
      return new LakeRun(lock, ledger, ledger.startRun(command));
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  public long id() {
    return id;
  }

  public Ledger ledger() {
    return ledger;
  }

  public void succeeded() {
    finish(Ledger.SUCCEEDED, null);
  }

  public void failed(String message) {
    finish(Ledger.FAILED, message);
  }

  private void finish(String status, String message) {
    if (!finished) {
      finished = true;
      ledger.finishRun(id, status, message);
    }
  }

  @Override
  public void close() {
    try {
      finish(Ledger.FAILED, "run ended without completing");
    } finally {
      lock.close();
    }
  }
}
