package io.c360.cli;

import io.c360.catalog.Catalog;
import io.c360.catalog.Table;
import io.c360.generate.Generator;
import io.c360.gold.GoldQuery;
import io.c360.lake.KillPoint;
import io.c360.lake.LakeSpark;
import io.c360.ledger.LedgerSchema;
import io.c360.publish.PublishTarget;
import io.c360.silver.QuarantineSchema;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The fault matrix of DESIGN §12, run by {@code scripts/chaos}: {@code c360} killed as by {@code kill -9} at named
 * points ({@link KillPoint}), each time followed by one plain run with no manual step, and the lake (silver, gold,
 * quarantine), the ledger (the latest record of every bronze file) and the database compared table by table with
 * an uninterrupted run of the same bronze. Also: two concurrent runs, and a full disk (a tmpfs, where mounting is
 * allowed). Prints {@code point | rerun outcome | identical}; exits 1 if any case differs.
 */
public final class ChaosMatrix {

  /** One kill: the point, the killed command's extra arguments, whether a complete run comes first. */
  static final class Kill {
    final String point;
    final String what;
    final boolean afterCompleteRun;
    final String[] killed;

    Kill(String point, String what, boolean afterCompleteRun, String... killed) {
      this.point = point;
      this.what = what;
      this.afterCompleteRun = afterCompleteRun;
      this.killed = killed;
    }
  }

  /** Every kill point of the matrix; the chaos test runs a few of them. */
  static final List<Kill> KILLS = List.of(
      new Kill("bronze-read", "bronze read and hashed, nothing written", false),
      new Kill("silver-table@2", "between silver tables", false),
      new Kill("job:c360-silver-OnlineTransactions", "in a silver table's load, before its commit (1st task)", false),
      new Kill("job:c360-silver-OnlineTransactions@6", "later in that load, before its commit (6th task)", false),
      new Kill("silver-done", "silver recorded, before gold", false),
      new Kill("silver-table@5", "full refresh, after the parents", true, "--full-refresh"),
      new Kill("refresh-emptied", "full refresh, tables emptied", true, "--full-refresh"),
      new Kill("job:c360-gold-CustomerProfile", "during gold (a task of CustomerProfile)", false),
      new Kill("job:c360-publish-Customers", "publishing Customers (its first Spark task: staging)", false),
      new Kill("publish-merge@1", "inside a publish MERGE transaction", false),
      new Kill("publish-table@3", "between publish tables", false),
      new Kill("publish-merge@11", "inside a gold table's publish transaction", false),
      new Kill("job:c360-publish-OnlineTransactions", "publishing a child table after a full refresh", true,
          "--full-refresh"));

  private final Path work;
  private final Path bronze;
  private final SparkSession spark;
  private Map<String, List<String>> reference;
  /** Settings for every child; the script gives its one child at a time both cores. */
  private final String[] childSpark;

  ChaosMatrix(Path work, String... childSpark) {
    this.work = work;
    this.bronze = work.resolve("bronze-source");
    this.spark = LakeSpark.session("local[1]", "c360-chaos", 2, Map.of());
    this.childSpark = childSpark;
  }

  /** {@code c360 run} arguments for a child of this matrix. */
  private String[] run(Path lake, String... extra) {
    List<String> all = new ArrayList<>(List.of(extra));
    all.addAll(List.of(childSpark));
    return CliChild.runArgs(lake, all.toArray(new String[0]));
  }

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "target/chaos").toAbsolutePath();
    List<String> only = args.length > 1 ? Arrays.asList(args[1].split(",")) : List.of();
    ChaosMatrix matrix = new ChaosMatrix(work, "-Dc360.spark.master=local[2]");
    List<String[]> rows = new ArrayList<>();
    for (Kill kill : KILLS) {
      if (only.isEmpty() || only.contains(kill.point)) {
        rows.add(matrix.kill(kill));
        print(System.out, rows.subList(rows.size() - 1, rows.size()));
      }
    }
    if (only.isEmpty() || only.contains("report-write")) {
      rows.add(matrix.reportKilled());
    }
    if (only.isEmpty() || only.contains("concurrent")) {
      rows.add(matrix.concurrentRuns());
    }
    if (only.isEmpty() || only.contains("full-disk")) {
      rows.add(matrix.fullDisk());
    }
    if (only.isEmpty() || only.contains("postgres")) {
      rows.add(matrix.postgresStopped("Customers", "a silver table"));
      rows.add(matrix.postgresStopped("gold.AverageOrderValue", "a gold table"));
    }
    System.out.println();
    print(System.out, rows);
    boolean ok = rows.stream().allMatch(r -> r[3].startsWith("yes") || r[3].equals("n/a"));
    System.exit(ok ? 0 : 1);
  }

  static void print(PrintStream out, List<String[]> rows) {
    TextTable table = new TextTable("point", "what", "rerun outcome", "identical");
    rows.forEach(r -> table.row((Object[]) r));
    java.io.PrintWriter writer = new java.io.PrintWriter(out, true);
    table.print(writer);
  }

  /** The bronze every case starts from: scale 1 with every defect class, so quarantine and orphans take part. */
  private void ensureBronze() throws IOException {
    if (!Files.exists(bronze.resolve("manifest.json"))) {
      Generator.create().scale(1).seed(7).dirty(true).outputDirectory(bronze).execute();
    }
  }

  /** A fresh lake holding a copy of the bronze source. */
  Path newLake(String name) throws IOException {
    ensureBronze();
    Path lake = work.resolve(name.replaceAll("[^A-Za-z0-9@.-]+", "_"));
    deleteTree(lake);
    Path target = lake.resolve("bronze");
    try (Stream<Path> files = Files.walk(bronze)) {
      for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString()
          .equals("manifest.json")).collect(Collectors.toList())) {
        Path copy = target.resolve(bronze.relativize(file).toString());
        Files.createDirectories(copy.getParent());
        Files.copy(file, copy);
      }
    }
    return lake;
  }

  /** The state of the uninterrupted run, made once. */
  Map<String, List<String>> reference() throws Exception {
    if (reference == null) {
      Path lake = newLake("reference");
      ReportTestLake.Result run = CliChild.run(work.resolve("logs/reference"), Map.of(), 15, run(lake));
      if (run.exit != 0) {
        throw new AssertionError("the uninterrupted run failed: " + run);
      }
      reference = state(lake);
    }
    return reference;
  }

  /** Kills c360 at {@code kill.point}, runs it again plainly, and compares with the uninterrupted run. */
  String[] kill(Kill kill) throws Exception {
    Map<String, List<String>> expected = reference();
    Path lake = newLake("kill-" + kill.point);
    Path logs = work.resolve("logs/" + lake.getFileName());
    if (kill.afterCompleteRun) {
      // A copy of the uninterrupted lake (database included) is a lake after a complete run.
      deleteTree(lake);
      copyTree(work.resolve("reference"), lake);
    }
    ReportTestLake.Result killed = CliChild.run(logs.resolve("killed"), Map.of(KillPoint.VARIABLE, kill.point), 15,
        run(lake, kill.killed));
    if (killed.exit != 137) {
      return new String[] {kill.point, kill.what, "point not reached: exit " + killed.exit, "no"};
    }
    ReportTestLake.Result rerun = CliChild.run(logs.resolve("rerun"), Map.of(), 15, run(lake));
    String outcome = "exit " + rerun.exit + (rerun.exit == 0 ? "" : ": " + String.join(" ", rerun.errLines()));
    return new String[] {kill.point, kill.what, outcome, compare(expected, state(lake))};
  }

  /**
   * {@code c360 report} killed between rendering and putting the file in place: the previous report stays whole,
   * and the next {@code c360 report} writes the same report (but for its generated-at time) as an uninterrupted one.
   */
  String[] reportKilled() throws Exception {
    Path lake = newLake("report-write");
    Path logs = work.resolve("logs/report-write");
    String[] report = {"report", "-Dc360.lake.root=" + lake};
    CliChild.run(logs.resolve("run"), Map.of(), 15, run(lake));
    ReportTestLake.Result first = CliChild.run(logs.resolve("first"), Map.of(), 10, report);
    Path file = lake.resolve(ReportCommand.DEFAULT_FILE);
    String before = first.exit == 0 ? Files.readString(file) : "";
    ReportTestLake.Result killed = CliChild.run(logs.resolve("killed"), Map.of(KillPoint.VARIABLE, "report-write"),
        10, report);
    boolean intact = Files.readString(file).equals(before);
    ReportTestLake.Result rerun = CliChild.run(logs.resolve("rerun"), Map.of(), 10, report);
    String generated = "[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} UTC";
    boolean same = rerun.exit == 0 && Files.readString(file).replaceAll(generated, "")
        .equals(before.replaceAll(generated, ""));
    String outcome = "killed: exit " + killed.exit + (intact ? ", previous report intact" : ", previous report damaged")
        + "; rerun: exit " + rerun.exit;
    return new String[] {"report-write", "during the report (c360 report)", outcome,
        first.exit == 0 && killed.exit == 137 && intact && same ? "yes (report)" : "no"};
  }

  /** A second run while one holds the lake fails fast (exit 3, "lake busy"); the first completes. */
  String[] concurrentRuns() throws Exception {
    Map<String, List<String>> expected = reference();
    Path lake = newLake("concurrent");
    Path logs = work.resolve("logs/concurrent");
    Process first = CliChild.start(logs.resolve("first"), Map.of(), run(lake));
    // The first run holds the lock once the ledger has its run.
    Path runs = lake.resolve("_ledger/runs/_delta_log");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (!Files.isDirectory(runs) && first.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    long started = System.nanoTime();
    ReportTestLake.Result second = CliChild.run(logs.resolve("second"), Map.of(), 5, run(lake));
    double seconds = (System.nanoTime() - started) / 1e9;
    first.waitFor(15, TimeUnit.MINUTES);
    ReportTestLake.Result firstResult = CliChild.result(logs.resolve("first"), first);
    String outcome = String.format(java.util.Locale.ROOT, "second: exit %d in %.0f s (%s); first: exit %d",
        second.exit, seconds, second.errLines().isEmpty() ? "" : second.errLines().get(0), firstResult.exit);
    boolean fast = second.exit == C360.RUNTIME && second.err.contains("lake busy");
    return new String[] {"concurrent", "two runs on one lake", outcome,
        fast && firstResult.exit == 0 ? compare(expected, state(lake)) : "no"};
  }

  /** A full tmpfs: one line, exit 3; after space is freed the next run completes and equals the uninterrupted one. */
  String[] fullDisk() throws Exception {
    Map<String, List<String>> expected = reference();
    Path disk = work.resolve("disk");
    Files.createDirectories(disk);
    if (sh("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", disk.toString()) != 0) {
      return new String[] {"full-disk", "a full file system", "not run: cannot mount a tmpfs here", "n/a"};
    }
    try {
      ensureBronze();
      Path lake = disk.resolve("lake");
      Path copy = newLake("full-disk-source");
      copyTree(copy, lake);
      Path filler = disk.resolve("filler");
      fill(filler, Files.getFileStore(disk).getUsableSpace() - 256 * 1024);
      Path logs = work.resolve("logs/full-disk");
      ReportTestLake.Result full = CliChild.run(logs.resolve("full"), Map.of(), 15, run(lake));
      Files.delete(filler);
      ReportTestLake.Result freed = CliChild.run(logs.resolve("freed"), Map.of(), 15, run(lake));
      String outcome = "full: exit " + full.exit + " in " + full.messageLines().size() + " line(s) ("
          + (full.messageLines().isEmpty() ? "" : full.messageLines().get(0)) + "); after freeing: exit " + freed.exit;
      boolean clear = full.exit == C360.RUNTIME && full.messageLines().size() <= 2;
      String identical = freed.exit == 0 ? compare(expected, state(lake)) : "no";
      return new String[] {"full-disk", "a full file system", outcome, clear ? identical : "no (" + identical + ")"};
    } finally {
      sh("umount", "-l", disk.toString());
    }
  }

  /**
   * A real PostgreSQL server stopped while c360 publishes, right after {@code after} was published: exit 3 naming
   * the table it was at; the server started again, the next run completes, and lake and database equal an
   * uninterrupted run's into another database of the same server.
   */
  String[] postgresStopped(String after, String what) throws Exception {
    ensureBronze();
    Path data = work.resolve("pg-data");
    deleteTree(data);
    EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
        .start();
    int port = postgres.getPort();
    try (Connection admin = postgres.getPostgresDatabase().getConnection();
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE reference");
      statement.execute("CREATE DATABASE chaos");
    }
    String point = "postgres stopped after " + after;
    Path logs = work.resolve("logs/postgres-" + after);
    try {
      Path referenceLake = newLake("postgres-reference");
      ReportTestLake.Result uninterrupted = CliChild.run(logs.resolve("reference"), Map.of(), 15,
          run(referenceLake, postgresArgs(port, "reference")));
      if (uninterrupted.exit != 0) {
        return new String[] {point, what, "uninterrupted run failed: exit " + uninterrupted.exit, "n/a"};
      }
      Path lake = newLake("postgres-" + after);
      Process run = CliChild.start(logs.resolve("stopped"), Map.of(), run(lake, postgresArgs(port,
          "chaos")));
      Path stdout = logs.resolve("stopped/stdout");
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
      // The progress line "publish Customers: full, 100 rows written" (silver prints "silver  Customers: ...").
      while (run.isAlive() && System.nanoTime() < deadline
          && !Files.readString(stdout).contains("publish " + after + ":")) {
        Thread.sleep(50);
      }
      postgres.close();
      run.waitFor(10, TimeUnit.MINUTES);
      ReportTestLake.Result stopped = CliChild.result(logs.resolve("stopped"), run);
      postgres = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
      ReportTestLake.Result rerun = CliChild.run(logs.resolve("rerun"), Map.of(), 15, run(lake,
          postgresArgs(port, "chaos")));
      String outcome = "stopped: exit " + stopped.exit + " (" + String.join(" ", stopped.messageLines())
          + "); rerun: exit "
          + rerun.exit;
      Map<String, List<String>> expected = lakeState(referenceLake);
      Map<String, List<String>> actual = lakeState(lake);
      try (Connection a = postgres.getDatabase("postgres", "reference").getConnection();
          Connection b = postgres.getDatabase("postgres", "chaos").getConnection()) {
        expected.putAll(database(a));
        actual.putAll(database(b));
      }
      boolean named = stopped.exit == C360.RUNTIME && stopped.messageLines().size() <= 2
          && stopped.err.contains("publishing ");
      return new String[] {point, what, outcome, named && rerun.exit == 0 ? compare(expected, actual) : "no"};
    } finally {
      postgres.close();
    }
  }

  private static String[] postgresArgs(int port, String database) {
    return new String[] {"-Dc360.publish.target=postgresql", "-Dc360.publish.user=postgres",
        "-Dc360.publish.url=jdbc:postgresql://localhost:" + port + "/" + database};
  }

  static void fill(Path filler, long bytes) throws IOException {
    try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(filler.toFile(), "rw")) {
      byte[] block = new byte[64 * 1024];
      for (long left = bytes; left > 0; left -= block.length) {
        file.write(block, 0, (int) Math.min(block.length, left));
      }
    }
  }

  static int sh(String... command) throws IOException, InterruptedException {
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start().waitFor();
  }

  /** "yes", or "no: " and the tables that differ. */
  static String compare(Map<String, List<String>> expected, Map<String, List<String>> actual) {
    List<String> differing = new ArrayList<>();
    for (String key : new java.util.TreeSet<>(union(expected.keySet(), actual.keySet()))) {
      if (!expected.getOrDefault(key, List.of("(absent)")).equals(actual.getOrDefault(key, List.of("(absent)")))) {
        differing.add(key);
      }
    }
    return differing.isEmpty() ? "yes (" + expected.size() + " tables)" : "no: " + String.join(", ", differing);
  }

  private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
    java.util.Set<String> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return all;
  }

  /**
   * What must equal an uninterrupted run, table by table, as sorted rows: silver (catalog columns; lineage run ids
   * differ by design), quarantine (without run ids), gold, the latest ledger record of each bronze file (without
   * run ids), and every published table in the database.
   */
  Map<String, List<String>> state(Path lake) throws SQLException {
    Map<String, List<String>> state = lakeState(lake);
    Path file = lake.resolve("database/c360.mv.db");
    if (!Files.exists(file)) {
      state.put("db", List.of("(absent)"));
      return state;
    }
    try (Connection connection = PublishTarget.h2File(lake.resolve("database/c360").toString()).connect()) {
      state.putAll(database(connection));
    }
    return state;
  }

  /** {@link #state} without the database. */
  Map<String, List<String>> lakeState(Path lake) {
    Map<String, List<String>> state = new TreeMap<>();
    for (Table table : Catalog.tables()) {
      state.put("silver/" + table.name(), rows(lake.resolve("silver/" + table.name()), table.columnNames()));
    }
    state.put("quarantine", rows(lake.resolve("quarantine"), List.of(QuarantineSchema.TABLE_NAME,
        QuarantineSchema.SOURCE_FILE, QuarantineSchema.SOURCE_LINE, QuarantineSchema.REASON,
        QuarantineSchema.RAW_LINE)));
    for (String gold : GoldQuery.TABLES) {
      state.put("gold/" + gold, rows(lake.resolve("gold/" + gold), null));
    }
    state.put("ledger/files", latestFiles(lake));
    return state;
  }

  private List<String> rows(Path table, List<String> columns) {
    if (!Files.isDirectory(table.resolve("_delta_log"))) {
      return List.of("(absent)");
    }
    Dataset<Row> rows = spark.read().format("delta").load(table.toString());
    if (columns != null) {
      rows = rows.selectExpr(columns.toArray(new String[0]));
    }
    return sorted(rows.collectAsList().stream().map(Row::toString));
  }

  private List<String> latestFiles(Path lake) {
    Path files = lake.resolve("_ledger/files");
    if (!Files.isDirectory(files.resolve("_delta_log"))) {
      return List.of("(absent)");
    }
    Map<String, Row> latest = new TreeMap<>();
    for (Row r : spark.read().format("delta").load(files.toString()).orderBy(LedgerSchema.Files.RUN_ID)
        .collectAsList()) {
      latest.put(r.getAs(LedgerSchema.Files.TABLE_NAME) + "/" + r.getAs(LedgerSchema.Files.PATH), r);
    }
    List<String> rows = new ArrayList<>();
    latest.forEach((file, r) -> rows.add(file + " " + r.getAs(LedgerSchema.Files.SHA256) + " "
        + r.getAs(LedgerSchema.Files.STATUS) + " read=" + r.getAs(LedgerSchema.Files.ROWS_READ) + " upserted="
        + r.getAs(LedgerSchema.Files.UPSERTED) + " duplicates=" + r.getAs(LedgerSchema.Files.DUPLICATES)
        + " quarantined=" + r.getAs(LedgerSchema.Files.QUARANTINED)));
    return rows;
  }

  /** Every silver and gold table of a target database, as sorted rows. */
  private static Map<String, List<String>> database(Connection connection) throws SQLException {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement()) {
      List<String> names = new ArrayList<>();
      Catalog.tables().forEach(t -> names.add("\"" + t.name() + "\""));
      GoldQuery.TABLES.forEach(g -> names.add("\"gold\".\"" + g + "\""));
      for (String name : names) {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery("SELECT * FROM " + name)) {
          ResultSetMetaData meta = rs.getMetaData();
          while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
              row.append(c > 1 ? "," : "").append(rs.getString(c));
            }
            rows.add(row.toString());
          }
        } catch (SQLException e) {
          rows.add("(absent: " + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        tables.put("db/" + name.replace("\"", ""), sorted(rows.stream()));
      }
    }
    return tables;
  }

  private static List<String> sorted(Stream<String> rows) {
    List<String> list = rows.collect(Collectors.toList());
    Collections.sort(list);
    return list;
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Collections.reverseOrder()).collect(Collectors.toList())) {
        Files.delete(p);
      }
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.collect(Collectors.toList())) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
