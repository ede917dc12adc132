package io.c360.lake;

import io.c360.catalog.Catalog;
import io.c360.catalog.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where things live under {@code c360.lake.root} (DESIGN §4): {@code bronze/}, {@code silver/<table>},
 * {@code gold/<table>}, {@code quarantine/}, {@code _ledger/}. The root may be a local path, abfss:// or wasb://.
 */
public final class LakeLayout {

  private final Path root;
  private final FileSystem fileSystem;

  private LakeLayout(Path root, FileSystem fileSystem) {
    this.root = root;
    this.fileSystem = fileSystem;
  }

  public static LakeLayout at(String root, Configuration hadoopConf) {
    try {
      Path path = new Path(root);
      FileSystem fs = path.getFileSystem(hadoopConf);
      return new LakeLayout(fs.makeQualified(path), fs);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open lake root " + root + ": " + e.getMessage(), e);
    }
  }

  public Path root() {
    return root;
  }

  public FileSystem fileSystem() {
    return fileSystem;
  }

  public Path bronze() {
    return new Path(root, "bronze");
  }

  public Path silver(Table table) {
    return new Path(new Path(root, "silver"), table.name());
  }

  /** The bytes of all silver tables' data files now, from their Delta logs (on the driver, no Spark job). */
  public long silverBytes() {
    long total = 0;
    for (Table table : Catalog.tables()) {
      total += DeltaTableReader.open(fileSystem(), silver(table)).map(DeltaTableReader::sizeInBytes).orElse(0L);
    }
    return total;
  }

  public Path gold(String tableName) {
    return new Path(new Path(root, "gold"), tableName);
  }

  /** A gold state (per-key intermediate result of incremental gold, DESIGN §5): {@code gold/_state/<name>}. */
  public Path goldState(String name) {
    return new Path(new Path(new Path(root, "gold"), "_state"), name);
  }

  public Path quarantine() {
    return new Path(root, "quarantine");
  }

  public Path ledger() {
    return new Path(root, "_ledger");
  }

  /** The path of a bronze file relative to {@code bronze/}, as the ledger and lineage record it. */
  public String bronzeRelative(Path file) {
    return relativeTo(bronze().toUri().getPath(), file.toUri().getPath());
  }

  /** Relative path of {@code filePath} under {@code bronzePath}; both are decoded URI paths. */
  public static String relativeTo(String bronzePath, String filePath) {
    String prefix = bronzePath.endsWith("/") ? bronzePath : bronzePath + "/";
    if (!filePath.startsWith(prefix)) {
      throw new IllegalArgumentException("file " + filePath + " is not under bronze folder " + bronzePath);
    }
    return filePath.substring(prefix.length());
  }

  /** The decoded path of a URL-encoded file URI such as Spark's {@code input_file_name()} returns. */
  public static String decodedPath(String fileUri) {
    return URI.create(fileUri).getPath();
  }

  /** Whether a Delta table is at {@code table}: its {@code _delta_log} directory exists (no Spark, no log read). */
  public boolean isDeltaTable(Path table) {
    return exists(new Path(table, "_delta_log"));
  }

  public boolean exists(Path path) {
    try {
      return fileSystem.exists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
