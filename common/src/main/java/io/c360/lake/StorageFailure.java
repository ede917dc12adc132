package io.c360.lake;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FSError;

/**
 * The lake's storage failed under a stage: a full disk, a lost mount, a refused write. One line names where (stage
 * and table), the file when the failure says which, and the cause as the operating system put it — instead of a
 * Hadoop {@link FSError} (an {@link Error}, so no handler caught it) or a Spark task failure many screens long.
 * The CLI exits 3 (a runtime failure) on it, never 1, which means bad data (DESIGN §8, §12).
 */
public final class StorageFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  /** A file URI or an absolute path of at least two segments, as Hadoop, Spark and Delta write them in messages. */
  private static final Pattern PATH = Pattern.compile(
      "((?:file|hdfs|abfss?|wasbs?|s3a?):/+[^\\s,;'\"\\]]+|(?<![\\w:])/[\\w.+@-]+(?:/[^\\s,;'\"\\]]+)+)");

  private StorageFailure(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * {@code error} as a storage failure of {@code where} (e.g. "silver OnlineTransactions"), if it is one: an
   * {@link FSError} or {@link IOException} anywhere in its causes, also when a Spark task failure carries it.
   */
  public static Optional<StorageFailure> of(String where, Throwable error) {
    if (error instanceof StorageFailure) {
      return Optional.of((StorageFailure) error);
    }
    Throwable io = null;
    for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof java.sql.SQLException) {
        // A database's connection failing is publish's failure (the target), not the lake's storage.
        return Optional.empty();
      }
      if (t instanceof FSError || t instanceof IOException) {
        io = t;
      }
    }
    if (io == null) {
      return Optional.empty();
    }
    // The innermost I/O error says what the system said ("No space left on device"); a path may be anywhere.
    Throwable root = io;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String cause = root.getMessage() == null || root.getMessage().isBlank() ? root.getClass().getSimpleName()
        : firstLine(root.getMessage());
    String path = path(error).filter(p -> !cause.contains(p)).map(p -> " (" + p + ")").orElse("");
    return Optional.of(new StorageFailure("storage failure in " + where + ": " + cause + path, error));
  }

  /** The first path any message in the chain names. */
  static Optional<String> path(Throwable error) {
    for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
      if (t.getMessage() != null) {
        Matcher m = PATH.matcher(t.getMessage());
        if (m.find()) {
          return Optional.of(m.group(1).replaceAll("[.:]+$", ""));
        }
      }
    }
    return Optional.empty();
  }

  private static String firstLine(String message) {
    int end = message.indexOf('\n');
    return (end < 0 ? message : message.substring(0, end)).strip();
  }
}
