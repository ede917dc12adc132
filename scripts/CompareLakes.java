// Compares two c360 lakes table by table: silver, gold and quarantine rows must be equal as multisets.
// Run by scripts/cluster-check as a single-file program on a SPARK_HOME's jars:
//   java <Spark's --add-opens> -cp "$SPARK_HOME/jars/*" scripts/CompareLakes.java EXPECTED_LAKE ACTUAL_LAKE
// Prints one line per table and exits 1 if any differs. Each table is collected once per lake and compared as
// sorted rows: meant for the small lakes the check generates, not for production sizes.
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

public class CompareLakes {
  private static final List<String> TABLES = List.of(
      "silver/Customers", "silver/Products", "silver/Stores", "silver/Agents", "silver/OnlineTransactions",
      "silver/InStoreTransactions", "silver/CustomerServiceInteractions", "silver/LoyaltyAccounts",
      "silver/LoyaltyTransactions", "quarantine", "gold/AverageOrderValue", "gold/CustomerSegmentation",
      "gold/PeakTimes", "gold/AgentPerformance", "gold/CustomerProfile");

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: CompareLakes EXPECTED_LAKE ACTUAL_LAKE");
      System.exit(2);
    }
    SparkSession spark = SparkSession.builder().master("local[2]").appName("compare-lakes")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .getOrCreate();
    List<String> different = new ArrayList<>();
    System.out.printf("%-40s %10s %10s %9s %9s  %s%n", "table", "expected", "actual", "missing", "extra", "");
    for (String table : TABLES) {
      List<String> expected = rows(spark.read().format("delta").load(args[0] + "/" + table));
      List<String> actual = rows(spark.read().format("delta").load(args[1] + "/" + table));
      long missing = minus(expected, actual);
      long extra = minus(actual, expected);
      boolean same = expected.equals(actual) && !expected.isEmpty();
      if (!same) {
        different.add(table);
      }
      System.out.printf("%-40s %10d %10d %9d %9d  %s%n", table, expected.size(), actual.size(), missing, extra,
          same ? "equal" : "DIFFERENT");
    }
    spark.stop();
    if (!different.isEmpty()) {
      System.out.println("lakes differ in " + different);
      System.exit(1);
    }
    System.out.println("all " + TABLES.size() + " tables equal");
  }

  private static List<String> rows(Dataset<Row> table) {
    List<String> rows = new ArrayList<>();
    for (Row row : table.collectAsList()) {
      rows.add(row.toString());
    }
    Collections.sort(rows);
    return rows;
  }

  /** How many rows of {@code a} (as a multiset) are not in {@code b}. */
  private static long minus(List<String> a, List<String> b) {
    Map<String, Integer> left = new HashMap<>();
    b.forEach(r -> left.merge(r, 1, Integer::sum));
    long count = 0;
    for (String r : a) {
      if (left.getOrDefault(r, 0) > 0) {
        left.merge(r, -1, Integer::sum);
      } else {
        count++;
      }
    }
    return count;
  }
}
