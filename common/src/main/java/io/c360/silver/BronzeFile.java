package io.c360.silver;

import org.apache.hadoop.fs.Path;

/**
 * One version of a bronze file: where it is, its path relative to {@code bronze/}, its size, modification time
 * and SHA-256.
 */
public final class BronzeFile implements Comparable<BronzeFile> {
  private final Path path;
  private final String relativePath;
  private final long sizeBytes;
  private final long modifiedAt;
  private final String sha256;

  public BronzeFile(Path path, String relativePath, long sizeBytes, String sha256) {
    this(path, relativePath, sizeBytes, UNKNOWN_TIME, sha256);
  }

  /** {@code modifiedAt}: the file system's modification time in epoch milliseconds, or {@link #UNKNOWN_TIME}. */
  public BronzeFile(Path path, String relativePath, long sizeBytes, long modifiedAt, String sha256) {
    this.path = path;
    this.relativePath = relativePath;
    this.sizeBytes = sizeBytes;
    this.modifiedAt = modifiedAt;
    this.sha256 = sha256;
  }

  /** The hash of a file refused by its name ({@link BronzeNames}): such a file is never read. */
  public static final String NOT_READ = "";

  /** A modification time that matches none (ledger records written before times were recorded). */
  public static final long UNKNOWN_TIME = -1;

  public Path path() {
    return path;
  }

  public String relativePath() {
    return relativePath;
  }

  public long sizeBytes() {
    return sizeBytes;
  }

  public long modifiedAt() {
    return modifiedAt;
  }

  public String sha256() {
    return sha256;
  }

  /** Files of one run are applied in lexicographic order of their relative path (DESIGN §4 step 5). */
  @Override
  public int compareTo(BronzeFile other) {
    return relativePath.compareTo(other.relativePath);
  }

  @Override
  public String toString() {
    return relativePath;
  }
}
