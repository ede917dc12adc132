package io.c360.bench;

import static org.apache.spark.sql.functions.col;

import io.c360.catalog.Catalog;
import io.c360.catalog.Table;
import io.c360.gold.GoldQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

/**
 * The plain-Spark reference of {@link Bench} (DESIGN §11): the tutorial's pipeline as a data engineer writes it in
 * a day, in its own child JVM on the same CSVs. Silver: every CSV of a table with {@code header} and
 * {@code inferSchema}, rows with a NULL key dropped, {@code dropDuplicates} on the key, Delta overwrite. Gold: the
 * same {@code sql/gold/*.sql} over those tables, Delta overwrite. Publish: {@code df.write.jdbc} overwrite of
 * silver and gold. Then (not timed) its gold is compared with c360's row for row, after casting its columns to
 * c360's types: it reads money as doubles, so some cents differ.
 *
 * <pre>
 * PlainSparkReference BRONZE OUT C360_LAKE JDBC_URL SCHEMA
 * </pre>
 * prints {@code BENCH silver_seconds, gold_seconds, publish_seconds, compare.<table>=onlyPlain,onlyC360,plainRows,c360Rows}.
 */
public final class PlainSparkReference {
  private PlainSparkReference() {
  }

  public static void main(String[] args) throws Exception {
    Path bronze = Path.of(args[0]);
    Path out = Path.of(args[1]);
    Path c360 = Path.of(args[2]);
    // A plain local session with Delta: no tuning of partitions, broadcasts or snapshots.
    SparkSession spark = SparkSession.builder().master("local[*]").appName("plain-spark")
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.ui.enabled", "false")
        .getOrCreate();

    long started = System.nanoTime();
    for (Table table : Catalog.tables()) {
      List<String> files = csvFiles(bronze, table);
      Dataset<Row> raw = spark.read().option("header", "true").option("inferSchema", "true")
          .csv(files.toArray(new String[0]));
      Column keyPresent = null;
      for (String key : table.primaryKey()) {
        keyPresent = keyPresent == null ? col(key).isNotNull() : keyPresent.and(col(key).isNotNull());
      }
      raw.filter(keyPresent).dropDuplicates(table.primaryKey().toArray(new String[0]))
          .write().format("delta").mode(SaveMode.Overwrite).option("overwriteSchema", "true")
          .save(out.resolve("silver").resolve(table.name()).toString());
    }
    print("silver_seconds", seconds(started));

    started = System.nanoTime();
    for (Table table : Catalog.tables()) {
      spark.read().format("delta").load(out.resolve("silver").resolve(table.name()).toString())
          .createOrReplaceTempView(table.name());
    }
    for (String state : GoldQuery.STATES) {
      spark.sql(GoldQuery.sql(state, Map.of())).createOrReplaceTempView(state);
    }
    for (String table : GoldQuery.TABLES) {
      Dataset<Row> rows = spark.sql(GoldQuery.sql(table, Map.of("percentile_accuracy", 10_000_000L)));
      rows.createOrReplaceTempView(table); // CustomerProfile reads CustomerSegmentation by name
      rows.write().format("delta").mode(SaveMode.Overwrite).option("overwriteSchema", "true")
          .save(out.resolve("gold").resolve(table).toString());
    }
    print("gold_seconds", seconds(started));

    Properties jdbc = new Properties();
    jdbc.setProperty("user", "postgres");
    jdbc.setProperty("driver", "org.postgresql.Driver");
    started = System.nanoTime();
    for (Table table : Catalog.tables()) {
      spark.read().format("delta").load(out.resolve("silver").resolve(table.name()).toString())
          .write().mode(SaveMode.Overwrite).jdbc(args[3], args[4] + ".\"" + table.name() + "\"", jdbc);
    }
    for (String table : GoldQuery.TABLES) {
      spark.read().format("delta").load(out.resolve("gold").resolve(table).toString())
          .write().mode(SaveMode.Overwrite).jdbc(args[3], args[4] + ".\"gold_" + table + "\"", jdbc);
    }
    print("publish_seconds", seconds(started));

    for (String table : GoldQuery.TABLES) {
      Dataset<Row> ours = spark.read().format("delta").load(c360.resolve("gold").resolve(table).toString());
      Dataset<Row> plain = spark.read().format("delta").load(out.resolve("gold").resolve(table).toString());
      List<Column> cast = new ArrayList<>();
      for (StructField field : ours.schema().fields()) {
        cast.add(col(field.name()).cast(field.dataType()).as(field.name()));
      }
      plain = plain.select(cast.toArray(new Column[0]));
      long onlyPlain = plain.exceptAll(ours).count();
      long onlyOurs = ours.exceptAll(plain).count();
      System.out.printf(Locale.ROOT, "BENCH compare.%s=%d,%d,%d,%d%n", table, onlyPlain, onlyOurs, plain.count(),
          ours.count());
    }
    spark.stop();
  }

  private static List<String> csvFiles(Path bronze, Table table) throws Exception {
    List<String> files = new ArrayList<>();
    Path single = bronze.resolve(table.bronzeFileName());
    if (Files.exists(single)) {
      files.add(single.toString());
    }
    Path folder = bronze.resolve(table.name());
    if (Files.isDirectory(folder)) {
      try (Stream<Path> walk = Files.walk(folder)) {
        files.addAll(walk.filter(p -> p.toString().endsWith(".csv")).map(Path::toString).sorted()
            .collect(Collectors.toList()));
      }
    }
    return files;
  }

  private static double seconds(long started) {
    return (System.nanoTime() - started) / 1e9;
  }

  private static void print(String key, double seconds) {
    System.out.printf(Locale.ROOT, "BENCH %s=%.3f%n", key, seconds);
  }
}
