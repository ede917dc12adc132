package io.c360.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * {@code c360 customer} prints one row of gold CustomerProfile, as text or JSON, and refuses an unknown id with exit
 * 2. The expected values are read here from the gold Delta table and from silver, apart from the command.
 */
class CustomerCommandTest {

  @Test
  void jsonIsTheGoldRowWithExactDecimalsAndIsoTimestamps() throws Exception {
    Path lake = ReportTestLake.get();
    SparkSession spark = SparkSession.active();
    // The customer with the most online orders: a buyer, so most columns are filled.
    Row gold = spark.sql("SELECT * FROM delta.`" + lake.resolve("gold/CustomerProfile")
        + "` ORDER BY OnlineOrders DESC, CustomerID LIMIT 1").first();
    int id = gold.getInt(0);
    Row silver = spark.sql("SELECT COUNT(*), CAST(SUM(COALESCE(Amount, 0)) AS DECIMAL(18, 2)) FROM delta.`"
        + lake.resolve("silver/OnlineTransactions") + "` WHERE CustomerID = " + id).first();

    ReportTestLake.Result result = ReportTestLake.execute(ReportTestLake.args("customer", Integer.toString(id),
        "--json"));
    assertEquals(C360.OK, result.exit, result.toString());
    JsonNode profile = new ObjectMapper().readTree(result.out);
    List<String> names = new ArrayList<>();
    profile.fieldNames().forEachRemaining(names::add);
    assertEquals(List.of(gold.schema().fieldNames()), names, "every column, in the table's order");
    assertEquals(id, profile.get("CustomerID").asInt());
    assertEquals(silver.getLong(0), profile.get("OnlineOrders").asLong(), "online orders of silver");
    assertEquals(silver.getDecimal(1), profile.get("OnlineSpend").decimalValue().setScale(2),
        "online spend of silver, exact");
    assertEquals(new BigDecimal(profile.get("OnlineSpend").toString()).add(
        new BigDecimal(profile.get("InStoreSpend").toString())), new BigDecimal(profile.get("TotalSpend").toString()));
    assertEquals(gold.get(gold.fieldIndex("FirstPurchase")).toString(), profile.get("FirstPurchase").asText());
    assertEquals(gold.getString(gold.fieldIndex("CustomerSegment")), profile.get("CustomerSegment").asText());
  }

  @Test
  void textListsOneColumnPerLine() {
    Path lake = ReportTestLake.get();
    Row gold = SparkSession.active().sql("SELECT CustomerID, CustomerName, TotalSpend FROM delta.`"
        + lake.resolve("gold/CustomerProfile") + "` ORDER BY CustomerID LIMIT 1").first();
    ReportTestLake.Result result = ReportTestLake.execute(ReportTestLake.args("customer",
        Integer.toString(gold.getInt(0))));
    assertEquals(C360.OK, result.exit, result.toString());
    List<String> lines = result.out.lines().collect(java.util.stream.Collectors.toList());
    assertEquals(21, lines.size(), "a header and 20 columns: " + result.out);
    assertTrue(lines.contains(String.format("%-19s  %s", "TotalSpend", gold.getDecimal(2).toPlainString())),
        result.out);
  }

  @Test
  void unknownCustomerExitsTwoSayingSo() {
    ReportTestLake.Result result = ReportTestLake.execute(ReportTestLake.args("customer", "987654321"));
    assertEquals(C360.USAGE, result.exit, result.toString());
    assertTrue(result.err.contains("no customer with CustomerID 987654321 in gold CustomerProfile"), result.err);
    assertEquals("", result.out);
  }

  @Test
  void aCustomerIdThatIsNotANumberIsAUsageError() {
    ReportTestLake.Result result = ReportTestLake.execute("customer", "abc");
    assertEquals(C360.USAGE, result.exit, result.toString());
    assertTrue(result.err.contains("CustomerID"), result.err);
  }
}
