package io.c360.gold;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.c360.lake.SparkTestBase;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Both routes of the scope filter keep exactly the rows of the given keys, NULL matching NULL. */
class KeyFilterTest extends SparkTestBase {
  private static final StructType ORDERS = new StructType().add("OrderID", DataTypes.IntegerType)
      .add("CustomerID", DataTypes.IntegerType);
  private static final StructType KEYS = new StructType().add("CustomerID", DataTypes.IntegerType);

  private Dataset<Row> orders() {
    // Orders 1-4 of customers 7, 8, 9 and none.
    return spark.createDataFrame(List.of(RowFactory.create(1, 7), RowFactory.create(2, 8), RowFactory.create(3, 9),
        RowFactory.create(4, null)), ORDERS);
  }

  private Dataset<Row> keys(Integer... ids) {
    List<Row> rows = new ArrayList<>();
    for (Integer id : ids) {
      rows.add(RowFactory.create(id));
    }
    return spark.createDataFrame(rows, KEYS);
  }

  private List<Integer> orderIds(Dataset<Row> rows) {
    List<Integer> ids = new ArrayList<>();
    rows.collectAsList().forEach(r -> ids.add(r.getInt(0)));
    ids.sort(null);
    return ids;
  }

  @Test
  void literalKeysAndJoinedKeysKeepTheSameRows() {
    for (int literals : new int[] {KeyFilter.LITERAL_KEYS, 1}) {
      String route = literals == 1 ? "joined" : "literals";
      assertEquals(List.of(1, 3), orderIds(KeyFilter.of(keys(7, 9), "CustomerID", literals).apply(orders())), route);
      assertEquals(List.of(2, 4), orderIds(KeyFilter.of(keys(8, null), "CustomerID", literals).apply(orders())),
          route + ": NULL matches the order without a customer");
      assertEquals(List.of(), orderIds(KeyFilter.of(keys(), "CustomerID", literals).apply(orders())), route);
    }
  }

  @Test
  void theConditionOnATargetHoldsForTheKeysOnly() {
    Dataset<Row> orders = orders();
    KeyFilter filter = KeyFilter.of(keys(9, null), "CustomerID");
    assertEquals(List.of(3, 4), orderIds(orders.filter(filter.condition(orders.col("CustomerID")))));
    // Too many keys for literals: no condition, the MERGE's own key match decides.
    KeyFilter joined = KeyFilter.of(keys(7, 8), "CustomerID", 1);
    assertEquals(List.of(1, 2, 3, 4), orderIds(orders.filter(joined.condition(orders.col("CustomerID")))));
  }
}
