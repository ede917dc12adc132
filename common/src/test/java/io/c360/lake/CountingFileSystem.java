package io.c360.lake;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BufferedFSInputStream;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local (raw, checksum-free) file system, counting every file opened and every byte read through it, so a
 * test can prove that something was (not) read. Registered for {@code file://} in its own configuration only
 * ({@link #configuration()}); counters are global: one test at a time.
 */
public final class CountingFileSystem extends RawLocalFileSystem {
  private static final AtomicLong OPENS = new AtomicLong();
  private static final AtomicLong BYTES = new AtomicLong();

  /** A Hadoop configuration whose {@code file://} is this file system, not cached so no other code shares it. */
  public static Configuration configuration() {
    Configuration conf = new Configuration();
    conf.set("fs.file.impl", CountingFileSystem.class.getName());
    conf.setBoolean("fs.file.impl.disable.cache", true);
    return conf;
  }

  public static void reset() {
    OPENS.set(0);
    BYTES.set(0);
  }

  public static long opens() {
    return OPENS.get();
  }

  public static long bytesRead() {
    return BYTES.get();
  }

  @Override
  public FSDataInputStream open(Path f, int bufferSize) throws IOException {
    OPENS.incrementAndGet();
    FSDataInputStream in = super.open(f, bufferSize);
    return new FSDataInputStream(new BufferedFSInputStream(new Counting(in), bufferSize));
  }

  private static final class Counting extends FSInputStream {
    private final FSDataInputStream in;

    Counting(FSDataInputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        BYTES.incrementAndGet();
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        BYTES.addAndGet(n);
      }
      return n;
    }

    @Override
    public void seek(long pos) throws IOException {
      in.seek(pos);
    }

    @Override
    public long getPos() throws IOException {
      return in.getPos();
    }

    @Override
    public boolean seekToNewSource(long targetPos) throws IOException {
      return in.seekToNewSource(targetPos);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
