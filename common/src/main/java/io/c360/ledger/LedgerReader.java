package io.c360.ledger;

import io.c360.lake.DeltaTableReader;
import io.c360.lake.LakeLayout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.Path;

/**
 * Reads the ledger's small Delta tables on the driver with {@link DeltaTableReader}, without Spark jobs: what run
 * start, the silver plan and {@code c360 status} need. {@link Ledger} writes them.
 */
public final class LedgerReader {
  private static final List<String> RUN_COLUMNS = List.of(LedgerSchema.Runs.SCHEMA.fieldNames());
  private static final List<String> FILE_COLUMNS = List.of(LedgerSchema.Files.SCHEMA.fieldNames());

  /** One run's latest state: the row with an end wins over the start row (as {@link Ledger#runs()} picks it). */
  public static final class RunState {
    private final long runId;
    private final String command;
    private final String startedAt;
    private final String finishedAt;
    private final String status;
    private final String message;

    RunState(Object[] row) {
      this.runId = (Long) row[0];
      this.command = (String) row[1];
      this.startedAt = (String) row[2];
      this.finishedAt = (String) row[3];
      this.status = (String) row[4];
      this.message = (String) row[5];
    }

    public long runId() {
      return runId;
    }

    public String command() {
      return command;
    }

    /** ISO-8601 instant. */
    public String startedAt() {
      return startedAt;
    }

    /** ISO-8601 instant, or null while running (or when the run was killed). */
    public String finishedAt() {
      return finishedAt;
    }

    public String status() {
      return status;
    }

    public String message() {
      return message;
    }
  }

  /**
   * Spark's ordering of {@code struct(finished_at IS NOT NULL, finished_at, command, started_at, status, message)},
   * nulls first, whose maximum {@link Ledger#runs()} takes as a run's latest state.
   */
  private static final Comparator<RunState> LATEST = Comparator
      .comparing((RunState r) -> r.finishedAt != null)
      .thenComparing(r -> r.finishedAt, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
      .thenComparing(r -> r.command, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
      .thenComparing(r -> r.startedAt, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
      .thenComparing(r -> r.status, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
      .thenComparing(r -> r.message, Comparator.nullsFirst(Comparator.<String>naturalOrder()));

  private final LakeLayout layout;

  public LedgerReader(LakeLayout layout) {
    this.layout = layout;
  }

  /** One row per run with its latest state, newest run first. */
  public List<RunState> runs() {
    Map<Long, RunState> latest = new HashMap<>();
    for (Object[] row : rows("runs", RUN_COLUMNS)) {
      RunState state = new RunState(row);
      latest.merge(state.runId(), state, (a, b) -> LATEST.compare(a, b) >= 0 ? a : b);
    }
    List<RunState> runs = new ArrayList<>(latest.values());
    runs.sort(Comparator.comparingLong(RunState::runId).reversed());
    return runs;
  }

  /** The first recorded state (the start row) of run {@code runId}, if the ledger has it. */
  public Optional<RunState> started(long runId) {
    return rows("runs", RUN_COLUMNS).stream().map(RunState::new)
        .filter(r -> r.runId() == runId && r.finishedAt() == null).findFirst();
  }

  /** The highest run id recorded, or 0 when the ledger has no run. */
  public long lastRunId() {
    return rows("runs", List.of(LedgerSchema.Runs.RUN_ID)).stream().mapToLong(r -> (Long) r[0]).max().orElse(0);
  }

  /** Every file record, in the order the log lists them. */
  public List<FileRecord> files() {
    List<FileRecord> records = new ArrayList<>();
    for (Object[] r : rows("files", FILE_COLUMNS)) {
      records.add(new FileRecord((Long) r[0], (Long) r[1], (String) r[2], (String) r[3], (String) r[4], (Long) r[5],
          r[12] == null ? FileRecord.UNKNOWN_TIME : (Long) r[12], FileRecord.Status.valueOf((String) r[6]),
          new FileCounts((Long) r[7], 0, (Long) r[8], (Long) r[9], (Long) r[10]), (String) r[11]));
    }
    return records;
  }

  /**
   * Every file version ever ingested, as {@code table -> path -> sha256 -> the first run whose order it carries}
   * (the smallest lineage run id), for skipping re-sent files and ordering a full-refresh replay.
   */
  public static Map<String, Map<String, Map<String, Long>>> ingested(List<FileRecord> records) {
    Map<String, Map<String, Map<String, Long>>> ingested = new HashMap<>();
    for (FileRecord r : records) {
      if (r.status() == FileRecord.Status.INGESTED) {
        ingested.computeIfAbsent(r.table(), t -> new HashMap<>()).computeIfAbsent(r.path(), p -> new HashMap<>())
            .merge(r.sha256(), r.lineageRunId(), Math::min);
      }
    }
    return ingested;
  }

  /**
   * The latest record (highest run id) of every path, ingested or rejected, as {@code table -> path -> record}:
   * its size, modification time and hash let an unchanged file skip being read (DESIGN §4 step 1).
   */
  public static Map<String, Map<String, FileRecord>> latest(List<FileRecord> records) {
    Map<String, Map<String, FileRecord>> latest = new HashMap<>();
    for (FileRecord r : records) {
      latest.computeIfAbsent(r.table(), t -> new HashMap<>())
          .merge(r.path(), r, (a, b) -> b.runId() >= a.runId() ? b : a);
    }
    return latest;
  }

  private List<Object[]> rows(String table, List<String> columns) {
    Path path = new Path(layout.ledger(), table);
    Optional<DeltaTableReader> reader = DeltaTableReader.open(layout.fileSystem(), path);
    if (reader.isEmpty()) {
      return List.of();
    }
    List<String> present = reader.get().columns();
    List<String> wanted = new ArrayList<>();
    for (String column : columns) {
      if (present.contains(column)) {
        wanted.add(column);
      }
    }
    // Columns added to the ledger later (modified_at) read as null from older ledgers.
    List<Object[]> rows = new ArrayList<>();
    for (Object[] values : reader.get().rows(wanted)) {
      Object[] row = new Object[columns.size()];
      for (int i = 0; i < wanted.size(); i++) {
        row[columns.indexOf(wanted.get(i))] = values[i];
      }
      rows.add(row);
    }
    return rows;
  }
}
