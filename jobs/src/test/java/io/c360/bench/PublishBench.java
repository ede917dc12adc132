package io.c360.bench;

import io.c360.catalog.Catalog;
import io.c360.catalog.Table;
import io.c360.cli.C360;
import io.c360.lake.LakeLayout;
import io.c360.lake.LakeSpark;
import io.c360.publish.Dialect;
import io.c360.publish.PublishResult;
import io.c360.publish.PublishStage;
import io.c360.publish.PublishTarget;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.postgresql.PGConnection;

/**
 * Publish throughput at one scale, side by side in one JVM (DESIGN §11, issue "publish"): our publish into H2 and
 * into PostgreSQL, against PostgreSQL {@code COPY} of the same silver rows into empty unindexed tables (the
 * practical limit) and Spark's plain {@code df.write.jdbc} append. Silver tables only, so all four do the same
 * work. Run through {@code scripts/bench-publish}; never part of the test suite.
 */
public final class PublishBench {
  private PublishBench() {
  }

  public static void main(String[] args) throws Exception {
    int scale = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    Path work = Path.of(args.length > 1 ? args[1] : "target/bench").toAbsolutePath();
    Path lakeRoot = work.resolve("publish-lake-" + scale);
    if (!Files.exists(lakeRoot.resolve("gold"))) {
      check(C360.execute("generate", "--scale", Integer.toString(scale), "--out", lakeRoot.resolve("bronze").toString()));
      check(C360.execute("run", "--stages", "silver,gold", "-Dc360.lake.root=" + lakeRoot));
    }
    SparkSession spark = LakeSpark.session("local[*]", "c360-bench", 8, Map.of());
    LakeLayout lake = LakeLayout.at(lakeRoot.toString(), spark.sparkContext().hadoopConfiguration());
    long silverRows = 0;
    for (Table table : Catalog.tables()) {
      silverRows += silver(spark, lake, table).count();
    }
    System.out.printf("scale %d: %,d silver rows in %d tables%n", scale, silverRows, Catalog.tables().size());

    if (args.length <= 2 || !args[2].equals("postgresql")) {
      Path h2 = Files.createTempDirectory(work, "h2-");
      report("c360 publish -> H2", silverRows, publishSeconds(spark, lake, PublishTarget.h2File(h2 + "/c360")));
    }
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      PublishTarget ours = postgresTarget(postgres, "ours");
      double oursSeconds = publishSeconds(spark, lake, ours);
      double copy = copySeconds(spark, lake, postgresTarget(postgres, "copy"));
      double jdbc = jdbcSeconds(spark, lake, postgresTarget(postgres, "sparkjdbc"));
      report("c360 publish -> PostgreSQL", silverRows, oursSeconds);
      report("COPY -> PostgreSQL (empty, unindexed)", silverRows, copy);
      report("df.write.jdbc append -> PostgreSQL", silverRows, jdbc);
      System.out.printf("ratios: ours/COPY rows/s = %.2f, ours/df.write.jdbc rows/s = %.2f%n", copy / oursSeconds,
          jdbc / oursSeconds);
      afterADrop(spark, work, lakeRoot, silverRows, ours);
    }
  }

  /**
   * On a copy of the lake (so that reruns start from the same one): ~1% new rows as new files, silver and gold
   * (not timed), then the publish of that drop into the database published above; then a rerun with nothing new,
   * gold and publish together.
   */
  private static void afterADrop(SparkSession spark, Path work, Path lakeRoot, long silverRows, PublishTarget ours)
      throws Exception {
    Path copy = work.resolve(lakeRoot.getFileName() + "-drop");
    if (Files.exists(copy)) {
      try (java.util.stream.Stream<Path> paths = Files.walk(copy)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    try (java.util.stream.Stream<Path> paths = Files.walk(lakeRoot)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        if (!p.startsWith(lakeRoot.resolve("database"))) {
          Files.copy(p, copy.resolve(lakeRoot.relativize(p).toString()));
        }
      }
    }
    long added = Bench.addIncrementalFiles(copy.resolve("bronze"), Math.max(2, Math.round(silverRows * 0.01)));
    check(C360.execute("run", "--stages", "silver,gold", "-Dc360.lake.root=" + copy));
    LakeLayout lake = LakeLayout.at(copy.toString(), spark.sparkContext().hadoopConfiguration());
    System.out.printf("publish after a drop of %,d new rows -> PostgreSQL: %.1f s%n", added,
        publishSeconds(spark, lake, ours, 2));
    long started = System.nanoTime();
    check(C360.execute("run", "--stages", "gold", "-Dc360.lake.root=" + copy));
    double gold = (System.nanoTime() - started) / 1e9;
    double publish = publishSeconds(spark, lake, ours, 3);
    System.out.printf("nothing new: gold %.2f s + publish %.2f s = %.2f s%n", gold, publish, gold + publish);
  }

  private static Dataset<Row> silver(SparkSession spark, LakeLayout lake, Table table) {
    List<String> columns = table.columnNames();
    return spark.read().format("delta").load(lake.silver(table).toString())
        .selectExpr(columns.toArray(new String[0]));
  }

  /** The silver tables' share of a full publish. */
  private static double publishSeconds(SparkSession spark, LakeLayout lake, PublishTarget target) {
    double seconds = 0;
    for (PublishResult r : PublishStage.of(spark, lake, target).runId(1).execute()) {
      System.out.printf("  %-34s %-11s %9d rows %6.1f s%n", r.table(), r.mode(), r.writtenRows(), r.seconds());
      if (!r.table().startsWith("gold.")) {
        seconds += r.seconds();
      }
    }
    return seconds;
  }

  /** A whole publish, silver and gold, from start to end. */
  private static double publishSeconds(SparkSession spark, LakeLayout lake, PublishTarget target, long runId) {
    long started = System.nanoTime();
    for (PublishResult r : PublishStage.of(spark, lake, target).runId(runId).execute()) {
      System.out.printf("  %-34s %-11s %9d staged %9d written %6.2f s%n", r.table(), r.mode(), r.stagedRows(),
          r.writtenRows(), r.seconds());
    }
    return (System.nanoTime() - started) / 1e9;
  }

  /** Every silver table's rows as CSV text on the driver (not timed), then COPY into a table without indexes. */
  private static double copySeconds(SparkSession spark, LakeLayout lake, PublishTarget target) throws Exception {
    double seconds = 0;
    try (Connection c = target.connect(); Statement s = c.createStatement()) {
      for (Table table : Catalog.tables()) {
        String name = "copy_" + table.name();
        s.execute("CREATE TABLE \"" + name + "\" (" + String.join(", ", table.columns().stream()
            .map(col -> "\"" + col.name() + "\" " + target.dialect().columnType(col.type()))
            .toArray(String[]::new)) + ")");
        StringBuilder csv = new StringBuilder();
        for (Row row : silver(spark, lake, table).collectAsList()) {
          for (int i = 0; i < row.length(); i++) {
            Object v = row.get(i);
            csv.append(i == 0 ? "" : ",");
            if (v instanceof String) {
              csv.append('"').append(((String) v).replace("\"", "\"\"")).append('"');
            } else if (v instanceof BigDecimal) {
              csv.append(((BigDecimal) v).toPlainString());
            } else if (v != null) {
              csv.append(v);
            }
          }
          csv.append('\n');
        }
        long started = System.nanoTime();
        c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY \"" + name + "\" FROM STDIN (FORMAT csv)",
            new StringReader(csv.toString()));
        seconds += (System.nanoTime() - started) / 1e9;
      }
    }
    return seconds;
  }

  private static double jdbcSeconds(SparkSession spark, LakeLayout lake, PublishTarget target) {
    Properties properties = new Properties();
    properties.setProperty("user", "postgres");
    long started = System.nanoTime();
    for (Table table : Catalog.tables()) {
      silver(spark, lake, table).write().mode(SaveMode.Append).jdbc(target.url(), "jdbc_" + table.name(), properties);
    }
    return (System.nanoTime() - started) / 1e9;
  }

  private static PublishTarget postgresTarget(EmbeddedPostgres postgres, String database) throws Exception {
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
    return PublishTarget.of(Dialect.named("postgresql"), postgres.getJdbcUrl("postgres", database), "postgres", "", "");
  }

  private static void report(String what, long rows, double seconds) {
    System.out.printf("%-40s %,12d rows %8.1f s %,12.0f rows/s%n", what, rows, seconds, rows / seconds);
  }

  private static void check(int exit) {
    if (exit != 0) {
      throw new IllegalStateException("c360 exited with " + exit);
    }
  }
}
