package io.c360.ledger;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A separate c360-like process for {@link LakeLockTest}: takes the lake lock, says {@code locked}, and releases it
 * when told {@code release} on stdin. The test kills it with SIGKILL or stops it with SIGSTOP in between.
 */
public final class LakeLockChild {
  private LakeLockChild() {
  }

  public static void main(String[] args) throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    LakeLock lock = LakeLock.acquire(fs, new Path(args[0]), Duration.ofMillis(Long.parseLong(args[1])), args[2]);
    System.out.println("locked");
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.equals("release")) {
        lock.close();
        System.out.println("released" + (lock.lost() ? " lost" : ""));
        System.out.flush();
        return;
      }
    }
  }
}
