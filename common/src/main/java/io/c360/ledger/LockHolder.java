package io.c360.ledger;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * Who holds a lake lock: process id, its start time and host (to tell a dead process on this host at once),
 * what it runs, and when it last renewed the lock (to tell a dead or hung holder anywhere after the timeout).
 */
final class LockHolder {
  private static final String HOST = host();
  /** Start instants of one process read twice may differ by clock rounding; a reused pid differs by far more. */
  private static final Duration SAME_START = Duration.ofSeconds(2);

  private final long pid;
  private final Instant processStart;
  private final String host;
  private final String purpose;
  private final Instant renewed;

  private LockHolder(long pid, Instant processStart, String host, String purpose, Instant renewed) {
    this.pid = pid;
    this.processStart = processStart;
    this.host = host;
    this.purpose = purpose;
    this.renewed = renewed;
  }

  static LockHolder self(String purpose) {
    ProcessHandle self = ProcessHandle.current();
    return new LockHolder(self.pid(), self.info().startInstant().orElse(null), HOST, purpose, Instant.now());
  }

  LockHolder renewed(Instant at) {
    return new LockHolder(pid, processStart, host, purpose, at);
  }

  /**
   * Reads a lock file. A file being rewritten by its renewal may read empty or torn: then only its modification
   * time is known, and it counts as renewed then. An older c360's {@code _lock} (owner {@code pid@host...}) reads
   * the same way, with the pid and host from its owner.
   */
  static LockHolder read(FileSystem fs, Path path, Instant modified) {
    Properties p = new Properties();
    try (FSDataInputStream in = fs.open(path)) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException | IllegalArgumentException e) {
      // Torn, being renewed, or released meanwhile: judged by its modification time alone.
    }
    String owner = p.getProperty("owner", "");
    long pid = parseLong(p.getProperty("pid", owner.contains("@") ? owner.substring(0, owner.indexOf('@')) : ""));
    String host = p.getProperty("host", owner.contains(" ") ? owner.substring(owner.lastIndexOf('@') + 1,
        owner.indexOf(' ')) : null);
    return new LockHolder(pid, parseInstant(p.getProperty("process-start")).orElse(null), host,
        p.getProperty("purpose", "unknown"), parseInstant(p.getProperty("renewed")).orElse(modified));
  }

  /**
   * Creates the lock file exclusively; false when it exists already (somebody else got this generation). Hadoop's
   * local file system checks and then creates, which two runs can both pass, so a local lock uses the operating
   * system's exclusive create; HDFS and ABFS create exclusively themselves.
   */
  boolean writeNew(FileSystem fs, Path path) throws IOException {
    if (fs instanceof RawLocalFileSystem) {
      try {
        Files.write(((RawLocalFileSystem) fs).pathToFile(path).toPath(), content(), StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
        return true;
      } catch (java.nio.file.FileAlreadyExistsException e) {
        return false;
      }
    }
    try (FSDataOutputStream out = fs.create(path, false)) {
      out.write(content());
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      // Some file systems report an existing file with a plain IOException.
      if (fs.exists(path)) {
        return false;
      }
      throw e;
    }
  }

  void overwrite(FileSystem fs, Path path) throws IOException {
    try (FSDataOutputStream out = fs.create(path, true)) {
      out.write(content());
    }
  }

  private byte[] content() throws IOException {
    Properties p = new Properties();
    p.setProperty("pid", Long.toString(pid));
    if (processStart != null) {
      p.setProperty("process-start", processStart.toString());
    }
    p.setProperty("host", host);
    p.setProperty("purpose", purpose);
    p.setProperty("renewed", renewed.toString());
    StringWriter text = new StringWriter();
    p.store(text, "c360 lake lock");
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  boolean isAlive(Duration timeout, Instant now) {
    return whyDead(timeout, now) == null;
  }

  /** Why this holder is dead, or null when it may still be running. */
  String whyDead(Duration timeout, Instant now) {
    if (renewed.plus(timeout).isBefore(now)) {
      return String.format("%s was last renewed at %s, longer ago than c360.lake.lock-timeout = %s", describe(),
          renewed, timeout);
    }
    if (pid > 0 && HOST.equals(host)) {
      Optional<ProcessHandle> process = ProcessHandle.of(pid);
      if (process.isEmpty() || !process.get().isAlive()) {
        return describe() + ": that process no longer exists";
      }
      Optional<Instant> start = process.get().info().startInstant();
      if (processStart != null && start.isPresent()
          && Duration.between(processStart, start.get()).abs().compareTo(SAME_START) > 0) {
        return describe() + ": that process ended (its pid now belongs to a process started at " + start.get() + ")";
      }
    }
    return null;
  }

  String describe() {
    return String.format("'%s' by process %s on host %s, renewed %s", purpose, pid > 0 ? pid : "?",
        host == null ? "?" : host, renewed);
  }

  private static long parseLong(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Optional<Instant> parseInstant(String value) {
    try {
      return value == null ? Optional.empty() : Optional.of(Instant.parse(value));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }
}
