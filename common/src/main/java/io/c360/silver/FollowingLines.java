package io.c360.silver;

import java.io.Closeable;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.LineRecordReader;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.apache.spark.paths.SparkPath;

/**
 * The physical lines of a bronze file from a split start to its end, cut exactly as Spark's text source cuts
 * that split (Hadoop's {@link LineRecordReader}: a line that began before the start belongs to the split
 * before). A record still open at the end of its split reads its remaining lines here.
 */
final class FollowingLines implements Closeable {
  private final LineRecordReader reader = new LineRecordReader();
  private final String file;

  /** {@code fileUri} as Spark's {@code _metadata.file_path} gives it (URL-encoded). */
  FollowingLines(Configuration conf, String fileUri, long start) throws IOException {
    Path path = SparkPath.fromUrlString(fileUri).toPath();
    this.file = path.toString();
    long length = path.getFileSystem(conf).getFileStatus(path).getLen();
    if (start <= 0 || start > length) {
      throw new IllegalArgumentException("split start " + start + " is outside bronze file " + file + " of "
          + length + " bytes");
    }
    reader.initialize(new FileSplit(path, start, length - start, new String[0]),
        new TaskAttemptContextImpl(conf, new TaskAttemptID()));
  }

  /** The next line's bytes without its line break, or {@code null} at the end of the file. */
  byte[] next() throws IOException {
    return reader.nextKeyValue() ? reader.getCurrentValue().copyBytes() : null;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }

  @Override
  public String toString() {
    return file;
  }
}
