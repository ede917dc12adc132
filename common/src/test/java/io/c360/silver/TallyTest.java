package io.c360.silver;

import static io.c360.catalog.Catalog.ONLINE_TRANSACTIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.c360.config.Expectation;
import io.c360.config.ExpectationAction;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class TallyTest extends SilverTestBase {

  @Test
  void countsPerFileReadmittedAndRule() {
    // Rules 0 and 1 (PaymentMethod- and Status-in-domain) warn and have a flag column; rule 2 drops and has none.
    List<QualityRule> rules = QualityRule.forTable(ONLINE_TRANSACTIONS, ExpectationAction.WARN,
        List.of(new Expectation("OnlineTransactions", "positive", "Amount > 0", ExpectationAction.DROP)));
    StructType schema = new StructType()
        .add(Lineage.SOURCE_FILE, DataTypes.StringType)
        .add(Candidates.READMITTED, DataTypes.BooleanType)
        .add(Candidates.REASON, DataTypes.StringType)
        .add(Classifier.flag(0), DataTypes.BooleanType)
        .add(Classifier.flag(1), DataTypes.BooleanType);
    List<Row> rows = List.of(
        RowFactory.create("a.csv", false, null, true, false),
        RowFactory.create("a.csv", false, null, false, false),
        RowFactory.create("a.csv", false, "MALFORMED", false, false),
        RowFactory.create("a.csv", false, "ORPHAN:CustomerID", false, false),
        RowFactory.create("b.csv", false, "EXPECTATION:positive", false, false),
        RowFactory.create("old.csv", true, null, true, false),
        RowFactory.create("old.csv", true, "ORPHAN:CustomerID", false, false),
        RowFactory.create("old.csv", true, "EXPECTATION:positive", false, false));
    Tally tally = Tally.of(spark.createDataFrame(rows, schema).repartition(3), rules);

    assertEquals("read 4 + readmitted 0 = upserted 0 + duplicates 0 + quarantined 2", tally.file("a.csv").toString());
    assertEquals("read 1 + readmitted 0 = upserted 0 + duplicates 0 + quarantined 1", tally.file("b.csv").toString());
    assertEquals(1, tally.rejectedForCeiling("a.csv"), "orphans do not count for the ceiling");
    assertEquals(1, tally.rejectedForCeiling("b.csv"));
    assertEquals("read 0 + readmitted 2 = upserted 0 + duplicates 0 + quarantined 1", tally.readmitted().toString(),
        "an orphan still waiting is not re-admitted");
    assertEquals(5, tally.withReason());
    assertEquals(8, tally.rows(), "every row, re-admitted and rejected ones included");
    assertEquals(2, tally.ruleHits(0));
    assertEquals(0, tally.ruleHits(1));
    assertEquals(Map.of("PaymentMethod-in-domain", 2L), tally.warnings());
  }
}
