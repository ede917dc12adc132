package io.c360.ledger;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakeLockTest {

  @TempDir
  Path tmp;

  private FileSystem fs() throws Exception {
    return FileSystem.getLocal(new Configuration());
  }

  private org.apache.hadoop.fs.Path ledger() {
    return new org.apache.hadoop.fs.Path(tmp.resolve("_ledger").toUri());
  }

  @Test
  void secondRunFailsFastNamingTheHolder() throws Exception {
    try (LakeLock first = LakeLock.acquire(fs(), ledger(), Duration.ofHours(1), "run --stages silver")) {
      LakeBusyException busy = assertThrows(LakeBusyException.class,
          () -> LakeLock.acquire(fs(), ledger(), Duration.ofHours(1), "run"));
      assertTrue(busy.getMessage().contains("run --stages silver"), busy.getMessage());
      assertTrue(busy.getMessage().contains("_lock"), busy.getMessage());
    }
    LakeLock.acquire(fs(), ledger(), Duration.ofHours(1), "after release").close();
  }

  @Test
  void expiredLockOfACrashedRunIsTakenOver() throws Exception {
    LakeLock crashed = LakeLock.acquire(fs(), ledger(), Duration.ofMillis(1), "crashed run");
    Thread.sleep(20);
    try (LakeLock next = LakeLock.acquire(fs(), ledger(), Duration.ofHours(1), "next run")) {
      assertThrows(LakeBusyException.class, () -> LakeLock.acquire(fs(), ledger(), Duration.ofHours(1), "third"));
    }
    // The crashed run's late release must not free a lock it no longer owns.
    crashed.close();
  }
}
