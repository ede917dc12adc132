package io.c360.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.c360.gold.GoldQuery;
import io.c360.lake.DeltaTableReader;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code c360 customer <CustomerID>}: one customer's unified profile, read from gold CustomerProfile alone, without
 * a Spark session.
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
    Lakes lake = Lakes.withoutSpark(config.commandArguments(1));
    Path path = lake.layout.gold(GoldQuery.CUSTOMER_PROFILE);
    DeltaTableReader profiles = DeltaTableReader.open(lake.layout.fileSystem(), path)
        .orElseThrow(() -> new IllegalArgumentException("no gold table " + GoldQuery.CUSTOMER_PROFILE + " at "
            + path + "; compute gold first: c360 run --stages silver,gold"));
    Map<String, Object> profile = profile(profiles).orElseThrow(() -> new IllegalArgumentException(
        "no customer with CustomerID " + customerId + " in gold " + GoldQuery.CUSTOMER_PROFILE + " (" + path
            + "); gold has one row per silver customer"));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(json(profile));
    } else {
      TextTable table = new TextTable("column", "value");
      profile.forEach((column, value) -> table.row(column, value == null ? "NULL" : text(value)));
      table.print(out);
    }
    out.flush();
    return C360.OK;
  }

  /**
   * The customer's row as column -> value in the table's column order, read on the driver: the table holds one
   * small row per customer, which a plain Parquet read serves in well under a second where a Spark session and
   * its job would take ten (DESIGN §8).
   */
  private Optional<Map<String, Object>> profile(DeltaTableReader profiles) {
    List<String> columns = profiles.columns();
    int key = columns.indexOf("CustomerID");
    for (Object[] row : profiles.rows(columns)) {
      if (row[key] != null && ((Number) row[key]).intValue() == customerId) {
        Map<String, Object> profile = new LinkedHashMap<>();
        for (int i = 0; i < row.length; i++) {
          profile.put(columns.get(i), row[i]);
        }
        return Optional.of(profile);
      }
    }
    return Optional.empty();
  }

  /** The profile as one JSON object; decimals stay exact JSON numbers, timestamps ISO-8601. */
  private static String json(Map<String, Object> profile) {
    Map<String, Object> printable = new LinkedHashMap<>();
    profile.forEach((column, value) ->
        printable.put(column, value instanceof LocalDateTime ? value.toString() : value));
    try {
      return new ObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).writeValueAsString(printable);
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
