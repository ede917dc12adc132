package io.c360.silver;

import static io.c360.catalog.Catalog.CUSTOMERS;
import static io.c360.catalog.Catalog.ONLINE_TRANSACTIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.config.Expectation;
import io.c360.config.ExpectationAction;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class ClassifierTest extends SilverTestBase {

  /** Typed order candidates: (line, parser reason, OrderID, CustomerID, ProductID, PaymentMethod, Amount). */
  private Dataset<Row> orders(Object[]... lines) {
    List<Row> rows = new ArrayList<>();
    for (Object[] l : lines) {
      rows.add(RowFactory.create(Candidates.row(1, "o.csv", (Long) l[0], "sha", "raw", (String) l[1], false, null,
          new String[] {(String) l[2], (String) l[3], (String) l[4], "2025-03-01 10:00:00", (String) l[5],
              (String) l[6], "Completed"})));
    }
    return Candidates.typed(spark.createDataFrame(rows, Candidates.schema(ONLINE_TRANSACTIONS)), ONLINE_TRANSACTIONS);
  }

  private List<QualityRule> rules(ExpectationAction amountAction) {
    return QualityRule.forTable(ONLINE_TRANSACTIONS, ExpectationAction.WARN,
        List.of(new Expectation("OnlineTransactions", "amount-non-negative", "Amount >= 0", amountAction)));
  }

  @Test
  void firstReasonWinsInDesignOrderAndNullForeignKeysAreNoOrphans() {
    bronze("Customers.csv", header(CUSTOMERS), "1,Ann,a@x.com,addr");
    runSilver();  // silver Customers holds key 1; Products has no silver table yet
    ParentKeys parents = new ParentKeys(spark, lake);
    Dataset<Row> classified = new Classifier(ONLINE_TRANSACTIONS, rules(ExpectationAction.DROP), parents)
        .classify(orders(
            new Object[] {2L, "NULL_KEY", null, "9", "10", "PayPal", "1"},
            new Object[] {3L, null, "100", "9", "10", "PayPal", "-1"},
            new Object[] {4L, null, "101", "1", "10", "PayPal", "-1"},
            new Object[] {5L, null, "102", "1", null, "PayPal", "-1"},
            new Object[] {6L, null, "103", null, null, "Cash", "5"},
            new Object[] {7L, null, "104", null, null, "PayPal", "5"}));
    List<List<Object>> rows = new ArrayList<>();
    for (Row r : classified.orderBy(Lineage.SOURCE_LINE)
        .select(Lineage.SOURCE_LINE, Candidates.REASON, Classifier.flag(0)).collectAsList()) {
      rows.add(values(r));
    }
    parents.close();
    assertEquals(List.of(
        row(2L, "NULL_KEY", false),
        row(3L, "ORPHAN:CustomerID", false),
        row(4L, "ORPHAN:ProductID", false),
        row(5L, "EXPECTATION:amount-non-negative", false),
        row(6L, null, true),
        row(7L, null, false)), rows);
  }

  @Test
  void failRuleStopsNamingRuleAndCount() {
    Classifier classifier = new Classifier(ONLINE_TRANSACTIONS, rules(ExpectationAction.FAIL),
        new ParentKeys(spark, lake));
    Tally tally = Tally.of(classifier.classify(orders(
        new Object[] {2L, null, "100", null, null, "PayPal", "-1"},
        new Object[] {3L, null, "101", null, null, "PayPal", "-2"},
        new Object[] {4L, null, "102", null, null, "PayPal", "2"})), rules(ExpectationAction.FAIL));
    ExpectationFailedException e = assertThrows(ExpectationFailedException.class,
        () -> classifier.enforceFailRules(tally));
    assertTrue(e.getMessage().contains("2 rows violate expectation 'amount-non-negative'"), e.getMessage());
  }
}
