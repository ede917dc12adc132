package io.c360.silver;

import io.c360.lake.DeltaTableReader;
import io.c360.lake.LakeLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the quarantine on the driver with {@link DeltaTableReader}, without Spark jobs, for {@code c360 quarantine}
 * and other inspection (DESIGN §8); a table's rows come from its partition only. {@link Quarantine} writes it.
 */
public final class QuarantineReader {
  private static final List<String> COLUMNS = List.of(QuarantineSchema.TABLE_NAME, QuarantineSchema.REASON,
      QuarantineSchema.SOURCE_FILE, QuarantineSchema.SOURCE_LINE, QuarantineSchema.READMITTED_RUN_ID,
      QuarantineSchema.RAW_LINE);

  /** One quarantined row: where it came from, why, and whether a later run re-admitted it (orphans). */
  public static final class Entry {
    private final String table;
    private final String reason;
    private final String sourceFile;
    private final long sourceLine;
    private final Long readmittedRunId;
    private final String rawLine;

    Entry(Object[] row) {
      this.table = (String) row[0];
      this.reason = (String) row[1];
      this.sourceFile = (String) row[2];
      this.sourceLine = (Long) row[3];
      this.readmittedRunId = (Long) row[4];
      this.rawLine = (String) row[5];
    }

    public String table() {
      return table;
    }

    public String reason() {
      return reason;
    }

    public String sourceFile() {
      return sourceFile;
    }

    public long sourceLine() {
      return sourceLine;
    }

    /** The run that re-admitted this orphan, or null. */
    public Long readmittedRunId() {
      return readmittedRunId;
    }

    public String rawLine() {
      return rawLine;
    }
  }

  private final LakeLayout layout;

  public QuarantineReader(LakeLayout layout) {
    this.layout = layout;
  }

  /** Every quarantined row; none when the quarantine does not exist yet. */
  public List<Entry> rows() {
    return rows(null);
  }

  /** The quarantined rows of {@code table} (a catalog table name), or of every table when it is null. */
  public List<Entry> rows(String table) {
    Optional<DeltaTableReader> reader = DeltaTableReader.open(layout.fileSystem(), layout.quarantine());
    List<Entry> entries = new ArrayList<>();
    if (reader.isPresent()) {
      for (Object[] row : reader.get().rows(COLUMNS,
          partition -> table == null || table.equals(partition.get(QuarantineSchema.TABLE_NAME)))) {
        if (table == null || table.equals(row[0])) {
          entries.add(new Entry(row));
        }
      }
    }
    return entries;
  }
}
