package io.c360.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrentTasksTest {

  @Test
  void resultsComeInItemOrderAndTasksOverlap() {
    // Each task waits until three are running at once: run one after another, the barrier would time out.
    CyclicBarrier allRunning = new CyclicBarrier(3);
    List<Integer> squares = ConcurrentTasks.map(List.of(3, 1, 2), 3, "test", i -> {
      try {
        allRunning.await(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return i * i;
    });
    assertEquals(List.of(9, 1, 4), squares);
  }

  @Test
  void concurrencyOneRunsOnTheCallersThread() {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    ConcurrentTasks.map(List.of(1, 2, 3), 1, "test", i -> threads.add(Thread.currentThread().getName()));
    assertEquals(Set.of(Thread.currentThread().getName()), threads);
  }

  @Test
  void everyTaskFinishesAndTheFirstFailureInItemOrderIsThrown() {
    Set<Integer> finished = ConcurrentHashMap.newKeySet();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> ConcurrentTasks.map(List.of(1, 2, 3, 4), 2, "test", i -> {
          if (i == 4) {
            throw new IllegalArgumentException("table 4 failed");
          }
          if (i == 2) {
            sleep(200);
            throw new IllegalStateException("table 2 failed");
          }
          sleep(300);
          finished.add(i);
          return i;
        }));
    assertEquals("table 2 failed", e.getMessage());
    assertEquals(1, e.getSuppressed().length);
    assertEquals("table 4 failed", e.getSuppressed()[0].getMessage());
    assertEquals(Set.of(1, 3), finished, "tasks after the failure still ran to their end");
  }

  @Test
  void concurrencyBelowOneIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ConcurrentTasks.map(List.of(1), 0, "test", i -> i));
    assertEquals("concurrency must be at least 1: 0", e.getMessage());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
