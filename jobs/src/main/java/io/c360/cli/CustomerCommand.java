package io.c360.cli;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.c360.gold.GoldQuery;
import io.delta.tables.DeltaTable;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code c360 customer <CustomerID>}: one customer's unified profile, read from gold CustomerProfile alone (one
 * filtered read, which Delta's file statistics keep to the files that can hold the id).
 */
@Command(name = "customer", mixinStandardHelpOptions = true,
    description = {"One customer's Customer 360 profile from gold CustomerProfile: orders and spend per channel, "
        + "first and last purchase, home store, loyalty accounts, tier and points, service interactions and segment.",
        "Exit 2 if the customer is not in gold (unknown id, or gold not computed yet)."})
public final class CustomerCommand implements Callable<Integer> {
  private static final DateTimeFormatter TEXT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  @Mixin
  ConfigOptions config;

  @Parameters(index = "0", paramLabel = "CustomerID", description = "The customer's CustomerID (an integer).")
  int customerId;

  @Option(names = "--json", description = "Print the profile as one JSON object (column -> value) instead of text.")
  boolean json;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    Lakes lake = Lakes.open(config.commandArguments(1));
    SparkSession spark = lake.spark;
    String path = lake.layout.gold(GoldQuery.CUSTOMER_PROFILE).toString();
    if (!DeltaTable.isDeltaTable(spark, path)) {
      throw new IllegalArgumentException("no gold table " + GoldQuery.CUSTOMER_PROFILE + " at " + path
          + "; compute gold first: c360 run --stages silver,gold");
    }
    List<Row> rows = spark.read().format("delta").load(path).filter(col("CustomerID").equalTo(customerId))
        .limit(1).collectAsList();
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("no customer with CustomerID " + customerId + " in gold "
          + GoldQuery.CUSTOMER_PROFILE + " (" + path + "); gold has one row per silver customer");
    }
    Row row = rows.get(0);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(json(row));
    } else {
      TextTable table = new TextTable("column", "value");
      for (String column : row.schema().fieldNames()) {
        Object value = row.getAs(column);
        table.row(column, value == null ? "NULL" : text(value));
      }
      table.print(out);
    }
    out.flush();
    return C360.OK;
  }

  /** Column -> value in the table's column order; decimals stay exact JSON numbers, timestamps ISO-8601. */
  static String json(Row row) {
    Map<String, Object> profile = new LinkedHashMap<>();
    for (String column : row.schema().fieldNames()) {
      Object value = row.getAs(column);
      profile.put(column, value instanceof LocalDateTime ? value.toString() : value);
    }
    try {
      return new ObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).writeValueAsString(profile);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the profile as JSON: " + e.getMessage(), e);
    }
  }

  private static String text(Object value) {
    if (value instanceof LocalDateTime) {
      return TEXT_TIME.format((LocalDateTime) value);
    }
    return value instanceof BigDecimal ? ((BigDecimal) value).toPlainString() : value.toString();
  }
}
