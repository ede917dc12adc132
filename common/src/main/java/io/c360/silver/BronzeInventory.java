package io.c360.silver;

import io.c360.catalog.Table;
import io.c360.lake.ConcurrentTasks;
import io.c360.lake.LakeLayout;
import io.c360.ledger.FileRecord;
import io.c360.lake.Sha256;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists a table's bronze files ({@code bronze/<Table>.csv} and any {@code *.csv} below {@code bronze/<Table>/}),
 * hashes the content of those that changed since the ledger recorded them (not those refused by their name, see
 * {@link BronzeNames}) and checks headers against the catalog.
 */
public final class BronzeInventory {
  private static final Logger LOG = LoggerFactory.getLogger(BronzeInventory.class);

  /** Files hashed at the same time: reading is I/O-bound, on object stores mostly waiting on the network. */
  static final int HASH_THREADS = 8;
  /** A header longer than this is no catalog header; reading on would only cost memory. */
  private static final int MAX_HEADER_BYTES = 1 << 16;

  private final LakeLayout layout;
  private final AtomicLong hashedFiles = new AtomicLong();
  private final AtomicLong hashedBytes = new AtomicLong();

  public BronzeInventory(LakeLayout layout) {
    this.layout = layout;
  }

  /** Every bronze file of {@code table}, each one hashed, in lexicographic order of relative path. */
  public List<BronzeFile> files(Table table) {
    return files(table, Map.of(), true);
  }

  /**
   * Every bronze file of {@code table}, in lexicographic order of relative path. A file whose size and modification
   * time equal those of its latest ledger record ({@code latest}, by relative path) takes that record's hash and is
   * not read, unless {@code rehash}; the others are hashed in parallel (DESIGN §4 step 1). Modification times only
   * skip work: a file whose time is unknown (ledgers from before times were recorded, file systems reporting none)
   * is hashed.
   */
  public List<BronzeFile> files(Table table, Map<String, FileRecord> latest, boolean rehash) {
    return describe(list(table), latest, rehash, table.name());
  }

  /**
   * Every file under {@code bronze/} that no catalog table reads (see {@link BronzeNames#unclaimed}), in
   * lexicographic order of relative path, hashed as {@link #files(Table, Map, boolean)} does; {@code latest} holds
   * their latest ledger records by relative path.
   */
  public List<BronzeFile> unclaimed(Map<String, FileRecord> latest, boolean rehash) {
    List<FileStatus> all = listAll();
    java.util.Set<String> present = new java.util.HashSet<>();
    all.forEach(s -> present.add(layout.bronzeRelative(s.getPath())));
    List<FileStatus> unclaimed = new ArrayList<>();
    for (FileStatus status : all) {
      if (BronzeNames.unclaimed(layout.bronzeRelative(status.getPath()), present)) {
        unclaimed.add(status);
      }
    }
    return describe(unclaimed, latest, rehash, "files of no table");
  }

  private List<BronzeFile> describe(List<FileStatus> statuses, Map<String, FileRecord> latest, boolean rehash,
      String what) {
    List<BronzeFile> files = new ArrayList<>();
    List<FileStatus> changed = new ArrayList<>();
    for (FileStatus status : statuses) {
      String relative = layout.bronzeRelative(status.getPath());
      FileRecord known = rehash ? null : latest.get(relative);
      long time = status.getModificationTime();
      if (BronzeNames.problem(relative) != null) {
        // Refused by its name, so never read (a name Hadoop cannot hold would even fail to open).
        files.add(new BronzeFile(status.getPath(), relative, status.getLen(), time, BronzeFile.NOT_READ));
      } else if (known != null && time > 0 && known.modifiedAt() == time && known.sizeBytes() == status.getLen()) {
        files.add(new BronzeFile(status.getPath(), relative, status.getLen(), time, known.sha256()));
      } else {
        changed.add(status);
      }
    }
    files.addAll(ConcurrentTasks.map(changed, HASH_THREADS, "bronze-hash", this::describe));
    Collections.sort(files);
    if (!files.isEmpty()) {
      LOG.info("bronze {}: {} file(s), {} hashed ({} bytes read), {} unchanged since the ledger recorded them",
          what, files.size(), changed.size(), changed.stream().mapToLong(FileStatus::getLen).sum(),
          files.size() - changed.size());
    }
    return files;
  }

  /** Files read for hashing since this inventory was made, and their bytes, for logs and tests. */
  public long hashedFiles() {
    return hashedFiles.get();
  }

  public long hashedBytes() {
    return hashedBytes.get();
  }

  private List<FileStatus> list(Table table) {
    FileSystem fs = layout.fileSystem();
    List<FileStatus> files = new ArrayList<>();
    try {
      Path single = new Path(layout.bronze(), table.bronzeFileName());
      FileStatus singleStatus = status(fs, single);
      if (singleStatus != null && singleStatus.isFile()) {
        files.add(singleStatus);
      }
      Path folder = new Path(layout.bronze(), table.name());
      FileStatus folderStatus = status(fs, folder);
      if (folderStatus != null && folderStatus.isDirectory()) {
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(folder, true);
        while (it.hasNext()) {
          LocatedFileStatus status = it.next();
          if (status.isFile() && status.getPath().getName().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            files.add(status);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list bronze files of " + table + " under " + layout.bronze()
          + ": " + e.getMessage(), e);
    }
    return files;
  }

  /** Every file under {@code bronze/}, at any depth. */
  private List<FileStatus> listAll() {
    List<FileStatus> files = new ArrayList<>();
    try {
      RemoteIterator<LocatedFileStatus> it = layout.fileSystem().listFiles(layout.bronze(), true);
      while (it.hasNext()) {
        LocatedFileStatus status = it.next();
        if (status.isFile()) {
          files.add(status);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the bronze files under " + layout.bronze() + ": "
          + e.getMessage(), e);
    }
    return files;
  }

  /** The status of {@code path}, or null when it does not exist (one call instead of exists + getFileStatus). */
  private static FileStatus status(FileSystem fs, Path path) throws IOException {
    try {
      return fs.getFileStatus(path);
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  private BronzeFile describe(FileStatus status) {
    try {
      return new BronzeFile(status.getPath(), layout.bronzeRelative(status.getPath()), status.getLen(),
          status.getModificationTime(), sha256(status.getPath()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bronze file " + status.getPath() + ": " + e.getMessage(), e);
    }
  }

  private String sha256(Path path) throws IOException {
    MessageDigest digest = Sha256.digest();
    byte[] buffer = new byte[1 << 16];
    long bytes = 0;
    try (InputStream in = layout.fileSystem().open(path)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
        bytes += n;
      }
    }
    hashedFiles.incrementAndGet();
    hashedBytes.addAndGet(bytes);
    return Sha256.hex(digest);
  }

  /**
   * Why the file's header does not match the catalog (trimmed, case-insensitive, BOM ignored), or {@code null}
   * when it does.
   */
  public String headerProblem(Table table, BronzeFile file, BronzeFormat format) {
    byte[] first;
    try (InputStream in = layout.fileSystem().open(file.path())) {
      first = firstLine(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bronze file " + file + ": " + e.getMessage(), e);
    }
    if (first == null) {
      return "bronze file " + file + " is empty: expected a header row " + String.join(",", table.columnNames());
    }
    String header = format.decoder().decode(first).raw();
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

  /** The bytes of the first line without its line break and a UTF-8 BOM, or {@code null} for an empty file. */
  private static byte[] firstLine(InputStream in) throws IOException {
    java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
    InputStream buffered = new java.io.BufferedInputStream(in);
    int b = buffered.read();
    if (b < 0) {
      return null;
    }
    while (b >= 0 && b != '\n' && b != '\r' && line.size() < MAX_HEADER_BYTES) {
      line.write(b);
      b = buffered.read();
    }
    byte[] bytes = line.toByteArray();
    boolean bom = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF;
    return bom ? java.util.Arrays.copyOfRange(bytes, 3, bytes.length) : bytes;
  }
}
