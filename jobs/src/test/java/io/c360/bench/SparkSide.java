package io.c360.bench;

import io.c360.catalog.Catalog;
import io.c360.catalog.Table;
import io.c360.gold.GoldQuery;
import io.c360.lake.LakeSpark;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Spark-side helpers of {@link Bench}, each in a child JVM:
 * <ul>
 *   <li>{@code export-gold LAKE DIR}: c360's gold Delta tables as plain Parquet, for DuckDB to compare (not timed);</li>
 *   <li>{@code compare-gold LAKE DIR}: the lake's gold against such an export, {@code EXCEPT ALL} both ways; prints
 *   {@code BENCH compare.<Table>=onlyInExport,onlyInLake,exportRows,lakeRows};</li>
 *   <li>{@code jdbc-append LAKE URL SCHEMA}: the baseline "Spark's plain {@code df.write.jdbc} append" of the same
 *   silver and gold rows c360 publishes, into tables Spark creates in {@code SCHEMA}; prints
 *   {@code BENCH jdbc_seconds} (the writes only, after the session is up).</li>
 * </ul>
 */
public final class SparkSide {
  private SparkSide() {
  }

  public static void main(String[] args) {
    SparkSession spark = LakeSpark.session("local[*]", "c360-bench", 8, Map.of());
    Path lake = Path.of(args[1]);
    if (args[0].equals("export-gold")) {
      for (String table : GoldQuery.TABLES) {
        spark.read().format("delta").load(lake.resolve("gold").resolve(table).toString())
            .write().mode(SaveMode.Overwrite).parquet(Path.of(args[2]).resolve(table).toString());
      }
    } else if (args[0].equals("compare-gold")) {
      for (String table : GoldQuery.TABLES) {
        Dataset<Row> ours = spark.read().format("delta").load(lake.resolve("gold").resolve(table).toString());
        Dataset<Row> exported = spark.read().parquet(Path.of(args[2]).resolve(table).toString());
        System.out.printf(Locale.ROOT, "BENCH compare.%s=%d,%d,%d,%d%n", table, exported.exceptAll(ours).count(),
            ours.exceptAll(exported).count(), exported.count(), ours.count());
      }
    } else if (args[0].equals("jdbc-append")) {
      Properties properties = new Properties();
      properties.setProperty("user", "postgres");
      properties.setProperty("driver", "org.postgresql.Driver");
      long started = System.nanoTime();
      for (Table table : Catalog.tables()) {
        Dataset<Row> silver = spark.read().format("delta").load(lake.resolve("silver").resolve(table.name()).toString())
            .selectExpr(table.columnNames().toArray(new String[0]));
        silver.write().mode(SaveMode.Append).jdbc(args[2], args[3] + ".\"" + table.name() + "\"", properties);
      }
      for (String table : GoldQuery.TABLES) {
        Dataset<Row> gold = spark.read().format("delta").load(lake.resolve("gold").resolve(table).toString());
        gold.write().mode(SaveMode.Append).jdbc(args[2], args[3] + ".\"gold_" + table + "\"", properties);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf(Locale.ROOT, "BENCH jdbc_seconds=%.3f%n", seconds);
    } else {
      throw new IllegalArgumentException("unknown action " + args[0]
          + "; expected export-gold, compare-gold or jdbc-append");
    }
    spark.stop();
  }
}
