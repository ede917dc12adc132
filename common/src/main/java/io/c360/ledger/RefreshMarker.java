package io.c360.ledger;

import io.c360.lake.LakeLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code _ledger/full-refresh}: present from the moment a full refresh starts changing silver until its files are
 * recorded in the ledger. A run that dies in between (kill -9, OOM, a lost disk) leaves silver part rebuilt while
 * the ledger lists every file as ingested; the next run finds the marker and redoes the refresh instead of taking
 * the half-built silver for current (DESIGN §12). It holds the id of the run that started the refresh.
 */
public final class RefreshMarker {
  private final FileSystem fs;
  private final Path path;

  public RefreshMarker(LakeLayout layout) {
    this.fs = layout.fileSystem();
    this.path = new Path(layout.ledger(), "full-refresh");
  }

  /** The run whose full refresh did not finish, if one did not. */
  public OptionalLong interrupted() {
    try (InputStream in = fs.open(path)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      // A marker cut short by the crash itself still says that a refresh was under way.
      return text.matches("[0-9]{1,18}") ? OptionalLong.of(Long.parseLong(text)) : OptionalLong.of(0);
    } catch (java.io.FileNotFoundException e) {
      return OptionalLong.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the full-refresh marker " + path + ": " + e.getMessage(), e);
    }
  }

  /** Call before the refresh changes any table. */
  public void begin(long runId) {
    try (OutputStream out = fs.create(path, true)) {
      out.write(Long.toString(runId).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the full-refresh marker " + path + ": " + e.getMessage(), e);
    }
  }

  /** Call once the rebuilt tables' files are in the ledger. */
  public void end() {
    try {
      fs.delete(path, false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the full-refresh marker " + path + ": " + e.getMessage(), e);
    }
  }
}
