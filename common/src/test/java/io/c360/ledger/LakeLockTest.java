package io.c360.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakeLockTest {
  private static final Duration TWO_HOURS = Duration.ofHours(2);

  @TempDir
  Path tmp;

  private final List<Process> children = new ArrayList<>();
  private final java.util.Map<Process, BufferedReader> outputs = new java.util.HashMap<>();

  @AfterEach
  void killChildren() {
    children.forEach(p -> {
      signal(p, "CONT");
      p.destroyForcibly();
    });
  }

  private FileSystem fs() throws Exception {
    return FileSystem.getLocal(new Configuration());
  }

  private org.apache.hadoop.fs.Path ledger() {
    return new org.apache.hadoop.fs.Path(tmp.resolve("_ledger").toUri());
  }

  @Test
  void secondRunFailsFastNamingTheHolder() throws Exception {
    try (LakeLock first = LakeLock.acquire(fs(), ledger(), TWO_HOURS, "run --stages silver")) {
      LakeBusyException busy = assertThrows(LakeBusyException.class,
          () -> LakeLock.acquire(fs(), ledger(), TWO_HOURS, "run"));
      assertTrue(busy.getMessage().contains("run --stages silver"), busy.getMessage());
      assertTrue(busy.getMessage().contains("_lock.1"), busy.getMessage());
      assertTrue(busy.getMessage().contains("process " + ProcessHandle.current().pid()), busy.getMessage());
      assertFalse(busy.getMessage().contains("delete"), "no manual step is asked for: " + busy.getMessage());
    }
    LakeLock.acquire(fs(), ledger(), TWO_HOURS, "after release").close();
    assertEquals(List.of(), lockFiles(), "a released lock leaves no file");
  }

  @Test
  void lockOfAKilledProcessIsTakenOverAtOnceDespiteTheTimeout() throws Exception {
    Process crashed = startChild(TWO_HOURS, "crashed run");
    crashed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    try (LakeLock next = LakeLock.acquire(fs(), ledger(), TWO_HOURS, "next run")) {
      assertEquals(List.of("_lock.2"), lockFiles(), "generation 1 of the killed run is removed");
      LakeBusyException busy = assertThrows(LakeBusyException.class,
          () -> LakeLock.acquire(fs(), ledger(), TWO_HOURS, "third"));
      assertTrue(busy.getMessage().contains("next run"), busy.getMessage());
    }
  }

  @Test
  void liveRunsLockIsRenewedSoItOutlastsTheTimeout() throws Exception {
    Duration timeout = Duration.ofMillis(400);
    try (LakeLock running = LakeLock.acquire(fs(), ledger(), timeout, "long run")) {
      Thread.sleep(4 * timeout.toMillis());
      assertThrows(LakeBusyException.class, () -> LakeLock.acquire(fs(), ledger(), timeout, "second run"));
      assertFalse(running.lost());
    }
  }

  @Test
  void hungHoldersLockIsTakenOverAfterTheTimeoutAndItsLateReleaseKeepsTheNewLock() throws Exception {
    Duration timeout = Duration.ofMillis(1500);
    Process hung = startChild(timeout, "hung run");
    assertThrows(LakeBusyException.class, () -> LakeLock.acquire(fs(), ledger(), timeout, "too early"));
    signal(hung, "STOP");
    Thread.sleep(timeout.toMillis() + 1000);
    try (LakeLock next = LakeLock.acquire(fs(), ledger(), timeout, "next run")) {
      signal(hung, "CONT");
      Thread.sleep(LakeLock.renewalPeriod(timeout).toMillis() * 2);
      tell(hung, "release");
      assertTrue(readLine(hung).startsWith("released"));
      assertTrue(hung.waitFor(30, TimeUnit.SECONDS));
      LakeBusyException busy = assertThrows(LakeBusyException.class,
          () -> LakeLock.acquire(fs(), ledger(), timeout, "third"));
      assertTrue(busy.getMessage().contains("next run"), busy.getMessage());
      assertEquals(List.of("_lock.2"), lockFiles());
    }
  }

  @Test
  void ofRunsFindingTheSameDeadLockExactlyOneWins() throws Exception {
    for (int round = 0; round < 3; round++) {
      Process crashed = startChild(TWO_HOURS, "crashed run " + round);
      crashed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      int contenders = 6;
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(contenders);
      List<Future<LakeLock>> attempts = new ArrayList<>();
      for (int i = 0; i < contenders; i++) {
        String purpose = "contender " + i;
        Callable<LakeLock> attempt = () -> {
          start.await();
          try {
            return LakeLock.acquire(fs(), ledger(), TWO_HOURS, purpose);
          } catch (LakeBusyException e) {
            return null;
          }
        };
        attempts.add(pool.submit(attempt));
      }
      start.countDown();
      List<LakeLock> winners = new ArrayList<>();
      for (Future<LakeLock> attempt : attempts) {
        LakeLock lock = attempt.get(60, TimeUnit.SECONDS);
        if (lock != null) {
          winners.add(lock);
        }
      }
      pool.shutdown();
      assertEquals(1, winners.size(), "round " + round + ": exactly one contender takes the dead lock");
      winners.get(0).close();
    }
  }

  @Test
  void lockOfAnOlderC360IsReadAndTakenOverWhenItsProcessIsGone() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Files.createDirectories(tmp.resolve("_ledger"));
    Files.writeString(tmp.resolve("_ledger/_lock"), "owner=" + gone.pid() + "@" + java.net.InetAddress.getLocalHost()
        .getHostName() + "@" + java.net.InetAddress.getLocalHost().getHostName() + " 2026-11-01T00\\:00\\:00Z\n"
        + "purpose=run\nexpires=2999-01-01T00\\:00\\:00Z\n");
    try (LakeLock next = LakeLock.acquire(fs(), ledger(), TWO_HOURS, "next run")) {
      assertEquals(List.of("_lock.1"), lockFiles());
    }
  }

  private List<String> lockFiles() throws Exception {
    try (Stream<Path> files = Files.list(tmp.resolve("_ledger"))) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("_lock")).sorted()
          .collect(Collectors.toList());
    }
  }

  private Process startChild(Duration timeout, String purpose) throws Exception {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        LakeLockChild.class.getName(), ledger().toString(), Long.toString(timeout.toMillis()), purpose)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    children.add(child);
    assertEquals("locked", readLine(child));
    return child;
  }

  /** The child's next answer; its log lines (the test logging configuration writes to stdout) are skipped. */
  private String readLine(Process child) throws Exception {
    BufferedReader out = outputs.computeIfAbsent(child, c -> new BufferedReader(
        new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8)));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.equals("locked") || line.startsWith("released")) {
        return line;
      }
    }
    return "";
  }

  private static void tell(Process child, String line) throws Exception {
    Writer in = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
    in.write(line + "\n");
    in.flush();
  }

  private static void signal(Process child, String signal) {
    try {
      new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start().waitFor();
    } catch (Exception e) {
      throw new IllegalStateException("cannot send SIG" + signal + " to " + child.pid(), e);
    }
  }
}
