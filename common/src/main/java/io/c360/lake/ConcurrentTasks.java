package io.c360.lake;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs one task per item (typically a table) on at most {@code concurrency} threads that share the caller's
 * SparkSession, and returns the results in the items' order. Spark runs the jobs of concurrent threads side by
 * side, so one table's driver-side work (planning, Delta log reads and commits) overlaps another table's tasks;
 * for tables of up to a few hundred thousand rows that driver work is most of the time.
 *
 * <p>Every task runs to its end even when another fails, so no Spark job is still writing when this returns;
 * then the first failure in item order is thrown, with the others attached as suppressed.
 */
public final class ConcurrentTasks {
  private ConcurrentTasks() {
  }

  public static <T, R> List<R> map(List<T> items, int concurrency, String threadName, Function<T, R> task) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
    }
    if (concurrency == 1 || items.size() <= 1) {
      List<R> results = new ArrayList<>();
      items.forEach(item -> results.add(task.apply(item)));
      return results;
    }
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, items.size()), r -> {
      Thread thread = new Thread(r, threadName + "-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<R>> futures = new ArrayList<>();
      items.forEach(item -> futures.add(pool.submit(() -> task.apply(item))));
      List<R> results = new ArrayList<>();
      Throwable failure = null;
      for (Future<R> future : futures) {
        try {
          results.add(future.get());
        } catch (ExecutionException e) {
          if (failure == null) {
            failure = e.getCause();
          } else {
            failure.addSuppressed(e.getCause());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          futures.forEach(f -> f.cancel(true));
          throw new IllegalStateException("interrupted while waiting for " + threadName + " tasks", e);
        }
      }
      if (failure instanceof RuntimeException) {
        throw (RuntimeException) failure;
      }
      if (failure instanceof Error) {
        throw (Error) failure;
      }
      if (failure != null) {
        throw new IllegalStateException(threadName + " task failed: " + failure.getMessage(), failure);
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
