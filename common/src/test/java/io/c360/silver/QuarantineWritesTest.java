package io.c360.silver;

import static io.c360.catalog.Catalog.CUSTOMERS;
import static io.c360.catalog.Catalog.ONLINE_TRANSACTIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class QuarantineWritesTest extends SilverTestBase {

  private static final StructType REJECTED = new StructType()
      .add(QuarantineSchema.TABLE_NAME, DataTypes.StringType)
      .add(QuarantineSchema.SOURCE_FILE, DataTypes.StringType)
      .add(QuarantineSchema.SOURCE_SHA256, DataTypes.StringType)
      .add(QuarantineSchema.SOURCE_LINE, DataTypes.LongType)
      .add(QuarantineSchema.LINEAGE_RUN_ID, DataTypes.LongType)
      .add(QuarantineSchema.REASON, DataTypes.StringType)
      .add(QuarantineSchema.RAW_LINE, DataTypes.StringType)
      .add(QuarantineSchema.QUARANTINED_RUN_ID, DataTypes.LongType);

  private static BronzeFile file(String name, String sha) {
    return new BronzeFile(new Path("/lake/bronze/" + name), name, 10, sha);
  }

  private Dataset<Row> rejected(String table, String file, String sha, long line, String reason, long run) {
    return spark.createDataFrame(List.of(RowFactory.create(table, file, sha, line, run, reason, "raw " + line, run)),
        REJECTED);
  }

  private Dataset<Row> key(String table, String file, String sha, long line, String reason) {
    return rejected(table, file, sha, line, reason, 0).select(QuarantineSchema.TABLE_NAME,
        QuarantineSchema.SOURCE_FILE, QuarantineSchema.SOURCE_SHA256, QuarantineSchema.SOURCE_LINE,
        QuarantineSchema.REASON);
  }

  /** (table, file, line, reason, quarantined run, readmitted run) in key order. */
  private List<List<Object>> quarantine() {
    List<List<Object>> rows = new ArrayList<>();
    for (Row r : new Quarantine(spark, lake).rows().orderBy(QuarantineSchema.TABLE_NAME, QuarantineSchema.SOURCE_FILE,
        QuarantineSchema.SOURCE_LINE).select(QuarantineSchema.TABLE_NAME, QuarantineSchema.SOURCE_FILE,
        QuarantineSchema.SOURCE_LINE, QuarantineSchema.REASON, QuarantineSchema.QUARANTINED_RUN_ID,
        QuarantineSchema.READMITTED_RUN_ID).collectAsList()) {
      rows.add(values(r));
    }
    return rows;
  }

  @Test
  void oneCommitPerBatchAddsMarksAndReplacesLeftoversOfACrashedRun() {
    Quarantine quarantine = new Quarantine(spark, lake);
    QuarantineWrites first = new QuarantineWrites(quarantine);
    first.reject(ONLINE_TRANSACTIONS, List.of(file("o1.csv", "s1")),
        rejected("OnlineTransactions", "o1.csv", "s1", 2, "ORPHAN:CustomerID", 1));
    first.reject(CUSTOMERS, List.of(file("c1.csv", "s1")), rejected("Customers", "c1.csv", "s1", 3, "MALFORMED", 1));
    first.flush(1);
    assertEquals(0, DeltaCommits.latestVersion(lake.fileSystem(), lake.quarantine()), "one commit creates it");

    // Run 2 crashed after writing a row for c2.csv; run 3 ingests c2.csv again and re-admits the orphan.
    QuarantineWrites crashed = new QuarantineWrites(quarantine);
    crashed.reject(CUSTOMERS, List.of(file("c2.csv", "s2")), rejected("Customers", "c2.csv", "s2", 9, "NULL_KEY", 2));
    crashed.flush(2);
    QuarantineWrites third = new QuarantineWrites(quarantine);
    third.reject(CUSTOMERS, List.of(file("c2.csv", "s2")), rejected("Customers", "c2.csv", "s2", 4, "NULL_KEY", 3));
    third.readmit(key("OnlineTransactions", "o1.csv", "s1", 2, "ORPHAN:CustomerID"));
    third.flush(3);

    assertEquals(2, DeltaCommits.latestVersion(lake.fileSystem(), lake.quarantine()), "one commit per batch");
    assertEquals(List.of(
        row("Customers", "c1.csv", 3L, "MALFORMED", 1L, null),
        row("Customers", "c2.csv", 4L, "NULL_KEY", 3L, null),
        row("OnlineTransactions", "o1.csv", 2L, "ORPHAN:CustomerID", 1L, 3L)), quarantine());
  }

  @Test
  void nothingCollectedWritesNothing() {
    new QuarantineWrites(new Quarantine(spark, lake)).flush(1);
    assertEquals(-1, DeltaCommits.latestVersion(lake.fileSystem(), lake.quarantine()));
  }
}
