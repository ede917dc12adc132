package io.c360.silver;

import io.c360.catalog.Catalog;
import io.c360.catalog.Table;
import io.c360.lake.CodeGeneration;
import io.c360.lake.ConcurrentTasks;
import io.c360.lake.JobDescription;
import io.c360.lake.KillPoint;
import io.c360.lake.LakeLayout;
import io.c360.ledger.FileCounts;
import io.c360.ledger.FileRecord;
import io.c360.ledger.Ledger;
import io.c360.ledger.LedgerReader;
import io.c360.ledger.RefreshMarker;
import io.c360.ledger.TableRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bronze → silver stage of one run over every catalog table, parents first: picks the file versions the
 * ledger has not seen (DESIGN §4 step 1), refuses files whose name ({@link BronzeNames}) or header does not
 * match, runs {@link SilverIngest} and records files and tables in the ledger, also the files no table reads.
 * {@code fullRefresh} rebuilds silver and quarantine by replaying the bronze files in the order the ledger first
 * saw them, new files last. The tables of one dependency level
 * ({@link Catalog#levels}) are loaded concurrently, at most {@link #concurrentTables} at a time.
 */
public final class SilverStage {
  private static final Logger LOG = LoggerFactory.getLogger(SilverStage.class);

  private final SparkSession spark;
  private final LakeLayout layout;
  private final Ledger ledger;
  private final BronzeInventory inventory;
  private long runId = -1;
  private boolean fullRefresh;
  private boolean rehash;
  private double maxRejectedFraction = 1.0;
  private BronzeFormat format = BronzeFormat.DEFAULT;
  private Function<Table, List<QualityRule>> rules = t -> List.of();
  private List<Table> tables = Catalog.tables();
  private Consumer<SilverResult> onTable = r -> { };
  private int concurrentTables = 1;
  private CodeGeneration codeGeneration;

  private SilverStage(SparkSession spark, LakeLayout layout, Ledger ledger) {
    this.spark = spark;
    this.layout = layout;
    this.ledger = ledger;
    this.inventory = new BronzeInventory(layout);
  }

  public static SilverStage of(SparkSession spark, LakeLayout layout, Ledger ledger) {
    return new SilverStage(spark, layout, ledger);
  }

  public SilverStage runId(long value) {
    this.runId = value;
    return this;
  }

  public SilverStage fullRefresh(boolean value) {
    this.fullRefresh = value;
    return this;
  }

  /** Hash every bronze file, also those whose size and modification time match their latest ledger record. */
  public SilverStage rehash(boolean value) {
    this.rehash = value;
    return this;
  }

  /** How the bronze files are decoded ({@code c360.bronze}). */
  public SilverStage format(BronzeFormat value) {
    this.format = value;
    return this;
  }

  public SilverStage maxRejectedFraction(double value) {
    this.maxRejectedFraction = value;
    return this;
  }

  public SilverStage rules(Function<Table, List<QualityRule>> value) {
    this.rules = value;
    return this;
  }

  /** How many tables of one dependency level to load at the same time. */
  /** Chooses compiled or interpreted expressions from the bytes of the bronze files this run reads. */
  public SilverStage codeGeneration(CodeGeneration value) {
    this.codeGeneration = value;
    return this;
  }

  public SilverStage concurrentTables(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("concurrent tables must be at least 1: " + value);
    }
    this.concurrentTables = value;
    return this;
  }

  /** Called after each table of each batch, e.g. to show progress; one call at a time, from any thread. */
  public SilverStage onTable(Consumer<SilverResult> listener) {
    this.onTable = listener;
    return this;
  }

  public SilverStageResult execute() {
    if (runId <= 0) {
      throw new IllegalStateException("SilverStage needs the run id from the ledger");
    }
    if (!layout.exists(layout.bronze())) {
      throw new IllegalArgumentException("bronze folder " + layout.bronze() + " does not exist; put the CSV "
          + "drops there (or run `c360 generate`) or point c360.lake.root at the right lake");
    }
    List<FileRecord> ledgerFiles = ledger.fileRecords();
    RefreshMarker marker = new RefreshMarker(layout);
    String refreshReason = refreshReason(marker, ledgerFiles);
    boolean refresh = fullRefresh || refreshReason != null;
    if (refreshReason != null) {
      LOG.info("full refresh: {}", refreshReason);
    }
    Map<Long, Map<Table, List<BronzeFile>>> batches = plan(ledgerFiles, refresh);
    if (codeGeneration != null) {
      codeGeneration.forStage("silver", batches.values().stream().flatMap(b -> b.values().stream())
          .flatMap(List::stream).mapToLong(BronzeFile::sizeBytes).sum());
    }
    List<FileRecord> unknown = unknownFiles(ledgerFiles);
    KillPoint.reach("bronze-read");
    if (refresh) {
      marker.begin(runId);
      emptySilverAndQuarantine();
      KillPoint.reach("refresh-emptied");
    }
    List<SilverResult> results = new ArrayList<>();
    // Filled by the tables' threads as each one ends, so a failing table keeps what the others did.
    List<String> errors = Collections.synchronizedList(new ArrayList<>());
    List<FileRecord> fileRecords = Collections.synchronizedList(new ArrayList<>(unknown));
    List<TableRecord> tableRecords = Collections.synchronizedList(new ArrayList<>());
    Quarantine quarantine = new Quarantine(spark, layout);
    // One quarantine commit per batch, made after its tables loaded (the first one creates the table).
    QuarantineWrites quarantineWrites = new QuarantineWrites(quarantine);
    List<List<Table>> levels = Catalog.levels(tables);
    // Every silver MERGE reads a persisted, deterministic source: Delta need not copy it first.
    String materializeSource = spark.conf().get(SilverWriter.MATERIALIZE_SOURCE, null);
    spark.conf().set(SilverWriter.MATERIALIZE_SOURCE, "none");
    ParentKeys parentKeys = new ParentKeys(spark, layout);
    try {
      for (Map.Entry<Long, Map<Table, List<BronzeFile>>> batch : batches.entrySet()) {
        // A table's own orphans only change while that table is processed, so one snapshot per batch is exact.
        Map<String, Long> pendingOrphans = quarantine.pendingOrphanCounts();
        Set<String> merged = new HashSet<>();
        for (List<Table> level : levels) {
          // An orphan can only find its parent if a parent table (of an earlier level) took in rows in this batch.
          Map<Table, Boolean> work = new LinkedHashMap<>();
          for (Table table : level) {
            boolean orphans = pendingOrphans.getOrDefault(table.name(), 0L) > 0
                && table.foreignKeys().stream().anyMatch(fk -> merged.contains(fk.parentTable()));
            if (batch.getValue().containsKey(table) || orphans) {
              work.put(table, orphans);
            }
          }
          List<SilverResult> done = ConcurrentTasks.map(new ArrayList<>(work.keySet()), concurrentTables,
              "silver", table -> {
                SilverResult result = JobDescription.run(spark, "silver", table.name(), () -> ingest(table,
                    batch.getValue().getOrDefault(table, List.of()), batch.getKey(), work.get(table), parentKeys,
                    quarantineWrites, fileRecords, errors));
                if (result.silverVersion() >= 0) {
                  tableRecords.add(new TableRecord(runId, table.name(), result.files().size(), result.total(),
                      result.warnings(), result.silverVersion()));
                }
                synchronized (onTable) {
                  onTable.accept(result);
                  KillPoint.reach("silver-table");
                }
                return result;
              });
          results.addAll(done);
          done.stream().filter(r -> r.silverVersion() >= 0).forEach(r -> merged.add(r.table().name()));
        }
        // The next batch reads this one's orphans back, so its quarantine changes are written first.
        quarantineWrites.flush(runId);
      }
    } finally {
      try {
        // The quarantine rows of what the tables did go first: a file recorded as ingested has its rows there.
        quarantineWrites.flush(runId);
      } finally {
        parentKeys.close();
        if (materializeSource == null) {
          spark.conf().unset(SilverWriter.MATERIALIZE_SOURCE);
        } else {
          spark.conf().set(SilverWriter.MATERIALIZE_SOURCE, materializeSource);
        }
      }
      // One ledger commit per stage; a crash before it makes the next run ingest the same files again,
      // which the MERGE absorbs (same keys, same values).
      ledger.recordFiles(fileRecords);
      ledger.recordTables(tableRecords);
    }
    if (refresh) {
      marker.end();
    }
    KillPoint.reach("silver-done");
    return new SilverStageResult(results, errors,
        unknown.stream().map(FileRecord::message).collect(Collectors.toList()), refreshReason);
  }

  /**
   * A record for each version of a bronze file that no table reads and that the ledger has not yet recorded as
   * unknown: every file under {@code bronze/} is accounted for, but a misnamed file is reported once, not on
   * every run. A version is its hash, or its size and modification time for a file refused by its name.
   */
  private List<FileRecord> unknownFiles(List<FileRecord> ledgerFiles) {
    Map<String, FileRecord> latest = LedgerReader.latest(ledgerFiles).getOrDefault(FileRecord.NO_TABLE, Map.of());
    List<FileRecord> records = new ArrayList<>();
    for (BronzeFile file : inventory.unclaimed(latest, rehash)) {
      FileRecord known = latest.get(file.relativePath());
      boolean recorded = known != null && known.status() == FileRecord.Status.UNKNOWN
          && known.sha256().equals(file.sha256()) && (!BronzeFile.NOT_READ.equals(file.sha256())
          || known.sizeBytes() == file.sizeBytes() && known.modifiedAt() == file.modifiedAt());
      if (!recorded) {
        String message = BronzeNames.unknown(file.relativePath());
        LOG.warn(message);
        records.add(new FileRecord(runId, runId, FileRecord.NO_TABLE, file.relativePath(), file.sha256(),
            file.sizeBytes(), file.modifiedAt(), FileRecord.Status.UNKNOWN, FileCounts.NONE, message));
      }
    }
    return records;
  }

  /**
   * Why this run must rebuild silver although no full refresh was asked for, or null: a full refresh that did
   * not finish, or a silver table or the quarantine missing while the ledger says rows went there. Either way
   * silver and the ledger disagree, and going on would publish from a half lake.
   */
  private String refreshReason(RefreshMarker marker, List<FileRecord> records) {
    java.util.OptionalLong interrupted = marker.interrupted();
    if (interrupted.isPresent()) {
      return "the full refresh of run " + interrupted.getAsLong() + " was interrupted; redoing it";
    }
    Set<String> upserted = new java.util.TreeSet<>();
    boolean quarantined = false;
    for (FileRecord r : records) {
      if (r.status() == FileRecord.Status.INGESTED) {
        if (r.counts().upserted() > 0) {
          upserted.add(r.table());
        }
        quarantined |= r.counts().quarantined() > 0;
      }
    }
    List<String> missing = new ArrayList<>();
    for (Table table : Catalog.tables()) {
      if (upserted.contains(table.name()) && !layout.isDeltaTable(layout.silver(table))) {
        missing.add("silver table " + table.name());
      }
    }
    if (quarantined && !layout.isDeltaTable(layout.quarantine())) {
      missing.add("the quarantine");
    }
    return missing.isEmpty() ? null : String.join(", ", missing) + " missing although the ledger lists rows "
        + "ingested into it; rebuilding silver from bronze";
  }

  private SilverResult ingest(Table table, List<BronzeFile> files, long lineageRunId, boolean readmitOrphans,
      ParentKeys parentKeys, QuarantineWrites quarantineWrites, List<FileRecord> records, List<String> errors) {
    List<BronzeFile> readable = new ArrayList<>();
    for (BronzeFile file : files) {
      String problem = BronzeNames.problem(file.relativePath());
      if (problem == null) {
        problem = inventory.headerProblem(table, file, format);
      }
      if (problem == null) {
        readable.add(file);
      } else {
        LOG.error(problem);
        errors.add(problem);
        records.add(record(table, lineageRunId, FileOutcome.rejected(file, problem, 0)));
      }
    }
    SilverResult result = SilverIngest.of(spark, layout)
        .table(table)
        .runId(runId)
        .lineageRunId(lineageRunId)
        .files(readable)
        .format(format)
        .rules(rules.apply(table))
        .maxRejectedFraction(maxRejectedFraction)
        .readmitOrphans(readmitOrphans)
        .parentKeys(parentKeys)
        .quarantineWrites(quarantineWrites)
        .execute();
    for (FileOutcome outcome : result.files()) {
      records.add(record(table, lineageRunId, outcome));
      if (!outcome.isIngested()) {
        LOG.error(outcome.error());
        errors.add(outcome.error());
      }
    }
    return result;
  }

  private FileRecord record(Table table, long lineageRunId, FileOutcome outcome) {
    BronzeFile file = outcome.file();
    return new FileRecord(runId, lineageRunId, table.name(), file.relativePath(), file.sha256(), file.sizeBytes(),
        file.modifiedAt(), outcome.isIngested() ? FileRecord.Status.INGESTED : FileRecord.Status.REJECTED, outcome.counts(),
        outcome.error());
  }

  /**
   * Batches of file versions by the run whose order they carry, oldest first. Normally one batch of the file
   * versions the ledger has not ingested; on a full refresh, every current file under the run that first
   * ingested that version, and unseen files under this run.
   */
  private Map<Long, Map<Table, List<BronzeFile>>> plan(List<FileRecord> records, boolean fullRefresh) {
    Map<Long, Map<Table, List<BronzeFile>>> batches = new TreeMap<>();
    batches.put(runId, new java.util.LinkedHashMap<>());
    Map<String, Map<String, Map<String, Long>>> ingestedByTable = LedgerReader.ingested(records);
    Map<String, Map<String, FileRecord>> latest = LedgerReader.latest(records);
    for (Table table : tables) {
      Map<String, Map<String, Long>> ingested = ingestedByTable.getOrDefault(table.name(), Map.of());
      for (BronzeFile file : inventory.files(table, latest.getOrDefault(table.name(), Map.of()), rehash)) {
        Long firstRun = ingested.getOrDefault(file.relativePath(), Map.of()).get(file.sha256());
        if (firstRun != null && !fullRefresh) {
          continue;
        }
        long batch = firstRun == null ? runId : firstRun;
        batches.computeIfAbsent(batch, b -> new java.util.LinkedHashMap<>())
            .computeIfAbsent(table, t -> new ArrayList<>()).add(file);
      }
    }
    if (LOG.isInfoEnabled()) {
      LOG.info("silver plan: {}", batches.entrySet().stream()
          .map(e -> "run " + e.getKey() + ": " + e.getValue().values().stream().mapToInt(List::size).sum()
              + " files")
          .collect(Collectors.joining(", ")));
    }
    return batches;
  }

  /**
   * Empties every silver table and the quarantine with a Delta DELETE, one new version each: readers see the
   * old rows or none, never a missing table, and the old versions stay readable (time travel) until vacuumed.
   */
  private void emptySilverAndQuarantine() {
    List<org.apache.hadoop.fs.Path> paths = new ArrayList<>();
    Catalog.tables().forEach(t -> paths.add(layout.silver(t)));
    paths.add(layout.quarantine());
    try {
      for (org.apache.hadoop.fs.Path path : paths) {
        if (layout.isDeltaTable(path)) {
          io.delta.tables.DeltaTable.forPath(spark, path.toString()).delete();
        } else if (layout.exists(path)) {
          // Files without a Delta log are no table (the remains of a first write that died): nothing reads them.
          layout.fileSystem().delete(path, true);
        }
      }
      LOG.info("full refresh: emptied silver tables and quarantine under {}", layout);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear silver under " + layout + ": " + e.getMessage(), e);
    }
  }
}
