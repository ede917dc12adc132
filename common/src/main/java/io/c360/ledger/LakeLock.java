package io.c360.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One run at a time per lake (DESIGN §4): a lock file under {@code _ledger/} created exclusively, holding its
 * owner and an expiry so that a crashed run does not block the lake for longer than the lock timeout.
 */
public final class LakeLock implements AutoCloseable {

  private final FileSystem fileSystem;
  private final Path path;
  private final String owner;

  private LakeLock(FileSystem fileSystem, Path path, String owner) {
    this.fileSystem = fileSystem;
    this.path = path;
    this.owner = owner;
  }

  /** Takes the lock or fails at once naming the holder; an expired lock is taken over. */
  public static LakeLock acquire(FileSystem fileSystem, Path ledgerDir, Duration timeout, String purpose) {
    Path path = new Path(ledgerDir, "_lock");
    String owner = ManagementFactory.getRuntimeMXBean().getName() + "@" + host() + " " + Instant.now();
    try {
      fileSystem.mkdirs(ledgerDir);
      if (tryCreate(fileSystem, path, owner, purpose, timeout)) {
        return new LakeLock(fileSystem, path, owner);
      }
      Properties holder = read(fileSystem, path);
      Instant expires = Instant.parse(holder.getProperty("expires", Instant.EPOCH.toString()));
      if (expires.isBefore(Instant.now())) {
        fileSystem.delete(path, false);
        if (tryCreate(fileSystem, path, owner, purpose, timeout)) {
          return new LakeLock(fileSystem, path, owner);
        }
        holder = read(fileSystem, path);
      }
      throw new LakeBusyException(String.format(
          "another c360 run holds the lake lock %s (owner %s, %s, expires %s); wait for it to finish, or if "
              + "that process is gone delete the lock file", path, holder.getProperty("owner"),
          holder.getProperty("purpose"), holder.getProperty("expires")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot take the lake lock " + path + ": " + e.getMessage(), e);
    }
  }

  private static boolean tryCreate(FileSystem fs, Path path, String owner, String purpose, Duration timeout)
      throws IOException {
    Properties content = new Properties();
    content.setProperty("owner", owner);
    content.setProperty("purpose", purpose);
    content.setProperty("expires", Instant.now().plus(timeout).toString());
    try (FSDataOutputStream out = fs.create(path, false)) {
      write(content, out);
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      // Some file systems report an existing file with a plain IOException.
      if (fs.exists(path)) {
        return false;
      }
      throw e;
    }
  }

  private static void write(Properties content, OutputStream out) throws IOException {
    content.store(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), "c360 lake lock");
  }

  private static Properties read(FileSystem fs, Path path) throws IOException {
    Properties content = new Properties();
    try (InputStream in = fs.open(path)) {
      content.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (java.io.FileNotFoundException e) {
      // Released between our attempt and this read: report it as expired so the caller retries once.
    }
    return content;
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }

  @Override
  public void close() {
    try {
      Properties holder = read(fileSystem, path);
      if (owner.equals(holder.getProperty("owner"))) {
        fileSystem.delete(path, false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release the lake lock " + path + ": " + e.getMessage(), e);
    }
  }
}
