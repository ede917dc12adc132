package io.c360.silver;

import io.c360.catalog.Table;
import io.c360.lake.LakeLayout;
import io.c360.lake.Sha256;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Lists a table's bronze files ({@code bronze/<Table>.csv} and any {@code *.csv} below {@code bronze/<Table>/}),
 * hashes their content and checks their header against the catalog.
 */
public final class BronzeInventory {

  private final LakeLayout layout;

  public BronzeInventory(LakeLayout layout) {
    this.layout = layout;
  }

  /** Every bronze file of {@code table}, in lexicographic order of relative path. */
  public List<BronzeFile> files(Table table) {
    FileSystem fs = layout.fileSystem();
    List<BronzeFile> files = new ArrayList<>();
    try {
      Path single = new Path(layout.bronze(), table.bronzeFileName());
      if (fs.exists(single) && fs.getFileStatus(single).isFile()) {
        files.add(describe(fs.getFileStatus(single)));
      }
      Path folder = new Path(layout.bronze(), table.name());
      if (fs.exists(folder) && fs.getFileStatus(folder).isDirectory()) {
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(folder, true);
        while (it.hasNext()) {
          LocatedFileStatus status = it.next();
          if (status.isFile() && status.getPath().getName().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            files.add(describe(status));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list bronze files of " + table + " under " + layout.bronze()
          + ": " + e.getMessage(), e);
    }
    Collections.sort(files);
    return files;
  }

  private BronzeFile describe(FileStatus status) throws IOException {
    return new BronzeFile(status.getPath(), layout.bronzeRelative(status.getPath()), status.getLen(),
        sha256(status.getPath()));
  }

  private String sha256(Path path) throws IOException {
    MessageDigest digest = Sha256.digest();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = layout.fileSystem().open(path)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
    }
    return Sha256.hex(digest);
  }

  /**
   * Why the file's header does not match the catalog (trimmed, case-insensitive, BOM ignored), or {@code null}
   * when it does.
   */
  public String headerProblem(Table table, BronzeFile file) {
    String header;
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(layout.fileSystem().open(file.path()), StandardCharsets.UTF_8))) {
      header = reader.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bronze file " + file + ": " + e.getMessage(), e);
    }
    if (header == null) {
      return "bronze file " + file + " is empty: expected a header row " + String.join(",", table.columnNames());
    }
    if (header.startsWith("\uFEFF")) {
      header = header.substring(1);
    }
    List<String> found = CsvLine.split(header);
    List<String> names = found == null ? List.of(header)
        : found.stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toList());
    List<String> expected = table.columnNames().stream().map(s -> s.toLowerCase(Locale.ROOT))
        .collect(Collectors.toList());
    if (names.equals(expected)) {
      return null;
    }
    return String.format("bronze file %s line 1: header %s does not match table %s, expected %s",
        file, found == null ? header : found, table, String.join(",", table.columnNames()));
  }
}
