package io.c360.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run at a time per lake (DESIGN §4). The lock is a generation of files {@code _ledger/_lock.<n>}: the highest
 * generation is the lock, created exclusively, so of two runs that find the same dead holder only the one that
 * creates generation n + 1 wins — taking over never deletes a file somebody else may be creating. The holder renews
 * its file while it runs; a lock is dead when its process on this host no longer exists, or when it was not renewed
 * within the lock timeout (another host, a hung process), and a dead lock is taken over with a message.
 */
public final class LakeLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LakeLock.class);
  static final String PREFIX = "_lock.";
  /** Attempts to take a lock that others are taking over at the same moment before reporting it busy. */
  private static final int ATTEMPTS = 3;

  private final FileSystem fileSystem;
  private final Path ledgerDir;
  private final long generation;
  private final LockHolder holder;
  private final ScheduledExecutorService renewal;
  private volatile boolean lost;

  private LakeLock(FileSystem fileSystem, Path ledgerDir, long generation, LockHolder holder, Duration timeout) {
    this.fileSystem = fileSystem;
    this.ledgerDir = ledgerDir;
    this.generation = generation;
    this.holder = holder;
    this.renewal = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "c360-lake-lock-renewal");
      thread.setDaemon(true);
      return thread;
    });
    long period = renewalPeriod(timeout).toMillis();
    renewal.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
  }

  /** Renewed four times per timeout, at most once a minute and at least every 10 ms. */
  static Duration renewalPeriod(Duration timeout) {
    long millis = Math.max(10, Math.min(Duration.ofMinutes(1).toMillis(), timeout.toMillis() / 4));
    return Duration.ofMillis(millis);
  }

  /** Takes the lock, taking over a dead one, or fails at once naming the live holder. */
  public static LakeLock acquire(FileSystem lakeFileSystem, Path ledgerDir, Duration timeout, String purpose) {
    // The lock's few bytes need no checksum files, and the raw local file system allows an exclusive create.
    FileSystem fileSystem = lakeFileSystem instanceof LocalFileSystem ? ((LocalFileSystem) lakeFileSystem).getRaw()
        : lakeFileSystem;
    try {
      fileSystem.mkdirs(ledgerDir);
      LockHolder self = LockHolder.self(purpose);
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        Optional<Generation> top = topGeneration(fileSystem, ledgerDir);
        long next = top.map(g -> g.number + 1).orElse(1L);
        if (top.isPresent()) {
          LockHolder current = top.get().holder(fileSystem);
          if (current.isAlive(timeout, Instant.now())) {
            throw busy(top.get().path, current, timeout);
          }
          if (!self.writeNew(fileSystem, path(ledgerDir, next))) {
            continue;
          }
          LOG.warn("took over the lake lock {}: {}", top.get().path, current.whyDead(timeout, Instant.now()));
          removeBelow(fileSystem, ledgerDir, next);
        } else if (!self.writeNew(fileSystem, path(ledgerDir, next))) {
          continue;
        }
        return new LakeLock(fileSystem, ledgerDir, next, self, timeout);
      }
      Generation winner = topGeneration(fileSystem, ledgerDir).orElseThrow();
      throw busy(winner.path, winner.holder(fileSystem), timeout);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot take the lake lock in " + ledgerDir + ": " + e.getMessage(), e);
    }
  }

  private static LakeBusyException busy(Path path, LockHolder holder, Duration timeout) {
    return new LakeBusyException(String.format(
        "another c360 run holds the lake lock %s: %s; wait for it to finish (a lock whose process has ended, or "
            + "that is not renewed for c360.lake.lock-timeout = %s, is taken over by the next run)",
        path, holder.describe(), timeout));
  }

  static Path path(Path ledgerDir, long generation) {
    return new Path(ledgerDir, PREFIX + generation);
  }

  /** The highest generation present; an older c360's {@code _lock} file counts as generation 0. */
  private static Optional<Generation> topGeneration(FileSystem fs, Path ledgerDir) throws IOException {
    Generation top = null;
    for (FileStatus status : fs.listStatus(ledgerDir)) {
      long number = generationOf(status.getPath().getName());
      if (number >= 0 && (top == null || number > top.number)) {
        top = new Generation(number, status.getPath(), status.getModificationTime());
      }
    }
    return Optional.ofNullable(top);
  }

  static long generationOf(String name) {
    if (name.equals("_lock")) {
      return 0;
    }
    if (!name.startsWith(PREFIX)) {
      return -1;
    }
    try {
      return Long.parseLong(name.substring(PREFIX.length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Generations the new holder superseded; a leftover one is harmless, only the highest counts. */
  private static void removeBelow(FileSystem fs, Path ledgerDir, long generation) throws IOException {
    for (FileStatus status : fs.listStatus(ledgerDir)) {
      long number = generationOf(status.getPath().getName());
      if (number >= 0 && number < generation) {
        fs.delete(status.getPath(), false);
      }
    }
  }

  private void renew() {
    try {
      Optional<Generation> top = topGeneration(fileSystem, ledgerDir);
      if (top.isEmpty() || top.get().number != generation) {
        if (!lost) {
          lost = true;
          LOG.error("the lake lock {} was taken over by another run ({}); this run no longer holds the lake",
              path(ledgerDir, generation), top.map(g -> g.holder(fileSystem).describe()).orElse("no lock left"));
        }
        renewal.shutdown();
        return;
      }
      holder.renewed(Instant.now()).overwrite(fileSystem, path(ledgerDir, generation));
    } catch (IOException | RuntimeException e) {
      // A missed renewal is retried at the next tick; only a timeout's worth of misses loses the lock.
      LOG.warn("cannot renew the lake lock {}: {}", path(ledgerDir, generation), e.getMessage());
    }
  }

  /** Whether another run took this lock over (this run stalled for longer than the lock timeout). */
  public boolean lost() {
    return lost;
  }

  @Override
  public void close() {
    renewal.shutdownNow();
    try {
      renewal.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      // Only this run ever writes this generation, and a run that took over never reuses it.
      fileSystem.delete(path(ledgerDir, generation), false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release the lake lock " + path(ledgerDir, generation) + ": "
          + e.getMessage(), e);
    }
  }

  /** One lock file as listed. */
  private static final class Generation {
    final long number;
    final Path path;
    final long modified;

    Generation(long number, Path path, long modified) {
      this.number = number;
      this.path = path;
      this.modified = modified;
    }

    LockHolder holder(FileSystem fs) {
      return LockHolder.read(fs, path, Instant.ofEpochMilli(modified));
    }
  }
}
