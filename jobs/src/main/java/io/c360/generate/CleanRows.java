package io.c360.generate;

import io.c360.catalog.Catalog;
import io.c360.catalog.Table;
import java.time.LocalDate;

/**
 * The clean value of every field of every row, as a pure function of (seed, table, row index). Keys are
 * {@code index + 1}; foreign keys always point at existing parents; timestamps follow weekly and daily peaks.
 */
final class CleanRows {
  private static final String[] FIRST = {"James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael",
      "Linda", "David", "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas",
      "Sarah", "Charles", "Karen", "Priya", "Wei", "Fatima", "Mateo", "Aisha", "Hiroshi", "Olga", "Kwame"};
  private static final String[] LAST = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller",
      "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore",
      "Jackson", "Martin", "Lee", "Patel", "Nguyen", "Okafor", "Kowalski", "Tanaka", "Silva", "Cohen"};
  private static final String[] STREETS = {"Oak", "Maple", "Pine", "Cedar", "Elm", "Washington", "Lake", "Hill",
      "Park", "Main", "Sunset", "River", "Church", "Highland", "Forest"};
  private static final String[] SUFFIXES = {"St", "Ave", "Rd", "Blvd", "Ln", "Dr"};
  private static final String[] CITIES = {"Springfield", "Riverside", "Franklin", "Greenville", "Bristol",
      "Clinton", "Fairview", "Salem", "Madison", "Georgetown", "Arlington", "Ashland", "Burlington", "Dover"};
  private static final String[] SITES = {"Mall", "Downtown", "Plaza", "Outlet", "Center", "Station"};
  private static final String[] ADJECTIVES = {"Classic", "Smart", "Deluxe", "Compact", "Eco", "Premium",
      "Vintage", "Ultra", "Cozy", "Rugged"};
  private static final String[] NOUNS = {"Lamp", "Jacket", "Novel", "Headphones", "Blender", "Puzzle", "Sneakers",
      "Cookbook", "Tablet", "Teddy Bear", "Rug", "Drone"};
  private static final String[] HOURS = {"9AM-9PM", "10AM-8PM", "8AM-10PM", "24 Hours", "10AM-6PM"};
  /** Relative traffic per ISO day of week, Monday first: weekends are busiest. */
  private static final double[] DAY_WEIGHT = {0.8, 0.7, 0.8, 0.9, 1.15, 1.45, 1.3};
  /** Relative traffic per hour: a lunch peak and a larger evening peak. */
  private static final double[] HOUR_WEIGHT = {0.2, 0.1, 0.1, 0.05, 0.05, 0.1, 0.3, 0.6, 0.9, 1.0, 1.1, 1.3,
      1.6, 1.5, 1.1, 1.0, 1.1, 1.4, 1.9, 2.2, 2.1, 1.6, 1.0, 0.5};
  private static final double[] HOUR_CUMULATIVE = cumulative(HOUR_WEIGHT);
  private static final long YEAR_START = LocalDate.of(2025, 1, 1).toEpochDay();
  private static final long YEAR_SECONDS = 365L * 24 * 3600;

  private final long seed;
  private final Sizes sizes;

  CleanRows(long seed, Sizes sizes) {
    this.seed = seed;
    this.sizes = sizes;
  }

  private static double[] cumulative(double[] weights) {
    double[] c = new double[weights.length];
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double running = 0;
    for (int i = 0; i < weights.length; i++) {
      running += weights[i];
      c[i] = running / total;
    }
    return c;
  }

  static int tableId(Table table) {
    return Catalog.tables().indexOf(table);
  }

  private double u(Table table, long row, int salt) {
    return Hash.unit(seed, tableId(table), row, salt);
  }

  private int pick(Table table, long row, int salt, int bound) {
    return Hash.below(seed, tableId(table), row, salt, bound);
  }

  private String pick(Table table, long row, int salt, String[] values) {
    return values[pick(table, row, salt, values.length)];
  }

  private String pick(Table table, long row, int salt, io.c360.catalog.Column column) {
    return column.domain().get(pick(table, row, salt, column.domain().size()));
  }

  String[] fields(Table table, long row) {
    long key = row + 1;
    if (table == Catalog.CUSTOMERS) {
      String first = pick(table, row, 1, FIRST);
      String last = pick(table, row, 2, LAST);
      return new String[] {Long.toString(key), first + " " + last,
          first.toLowerCase(java.util.Locale.ROOT) + "." + last.toLowerCase(java.util.Locale.ROOT) + key
              + "@example.com",
          (1 + pick(table, row, 3, 9999)) + " " + pick(table, row, 4, STREETS) + " " + pick(table, row, 5, SUFFIXES)
              + ", " + pick(table, row, 6, CITIES)};
    }
    if (table == Catalog.PRODUCTS) {
      return new String[] {Long.toString(key), pick(table, row, 1, ADJECTIVES) + " " + pick(table, row, 2, NOUNS)
          + " " + key, table.column("Category").domain().get(Hash.skewed(seed, tableId(table), row, 3, 5)),
          Money.format(priceCents(row))};
    }
    if (table == Catalog.STORES) {
      return new String[] {Long.toString(key), CITIES[(int) (row % CITIES.length)] + " " + SITES[(int) (row
          / CITIES.length % SITES.length)] + (row >= CITIES.length * SITES.length ? " " + key : ""),
          pick(table, row, 1, FIRST) + " " + pick(table, row, 2, LAST), pick(table, row, 3, HOURS)};
    }
    if (table == Catalog.AGENTS) {
      return new String[] {Long.toString(key), pick(table, row, 1, FIRST) + " " + pick(table, row, 2, LAST),
          pick(table, row, 3, table.column("Department")), pick(table, row, 4, table.column("Shift"))};
    }
    if (table == Catalog.ONLINE_TRANSACTIONS) {
      int product = Hash.skewed(seed, tableId(table), row, 2, (int) sizes.rows(Catalog.PRODUCTS));
      int quantity = 1 + Hash.skewed(seed, tableId(table), row, 3, 3);
      return new String[] {Long.toString(key), Long.toString(buyer(table, row) + 1), Long.toString(product + 1),
          timestamp(table, row), pick(table, row, 4, table.column("PaymentMethod")),
          Money.format(priceCents(product) * quantity), status(table, row)};
    }
    if (table == Catalog.IN_STORE_TRANSACTIONS) {
      long customer = buyer(table, row);
      long stores = sizes.rows(Catalog.STORES);
      // Most visits are to the customer's home store: the gold layer attributes online orders to it.
      long store = u(table, row, 5) < 0.8 ? Math.floorMod(Hash.mix(seed, 0, customer, 7), stores)
          : pick(table, row, 6, (int) stores);
      return new String[] {Long.toString(key), Long.toString(customer + 1), Long.toString(store + 1),
          timestamp(table, row), Money.format(500 + Hash.skewed(seed, tableId(table), row, 3, 30000)),
          pick(table, row, 4, table.column("PaymentMethod"))};
    }
    if (table == Catalog.CUSTOMER_SERVICE_INTERACTIONS) {
      return new String[] {Long.toString(key),
          Long.toString(pick(table, row, 1, (int) sizes.rows(Catalog.CUSTOMERS)) + 1), timestamp(table, row),
          Long.toString(Hash.skewed(seed, tableId(table), row, 2, (int) sizes.rows(Catalog.AGENTS)) + 1),
          pick(table, row, 3, table.column("IssueType")), resolution(table, row)};
    }
    if (table == Catalog.LOYALTY_ACCOUNTS) {
      // 60% of customers hold all the accounts, ~1.7 each, so many hold several of different tiers.
      long holders = Math.max(1, sizes.rows(Catalog.CUSTOMERS) * 6 / 10);
      long customer = row * holders / sizes.rows(Catalog.LOYALTY_ACCOUNTS);
      return new String[] {Long.toString(key), Long.toString(customer + 1),
          Long.toString(pick(table, row, 1, 20000)), pick(table, row, 2, table.column("TierLevel")),
          LocalDate.ofEpochDay(YEAR_START - 1 - pick(table, row, 3, 1500)).toString()};
    }
    if (table == Catalog.LOYALTY_TRANSACTIONS) {
      long accounts = sizes.rows(Catalog.LOYALTY_ACCOUNTS);
      String reason = pick(table, row, 2, table.column("Reason"));
      int points = 1 + pick(table, row, 3, 500);
      return new String[] {Long.toString(Hash.skewed(seed, tableId(table), row, 1, (int) accounts) + 1),
          uniqueTimestamp(table, row), Integer.toString(reason.equals("Correction") ? -points : points), reason};
    }
    throw new IllegalArgumentException("no generator for " + table);
  }

  /** The price of product {@code row} in cents; orders cost a multiple of it. */
  long priceCents(long row) {
    return 199 + Hash.skewed(seed, tableId(Catalog.PRODUCTS), row, 4, 50000) / 10 * 10;
  }

  private long buyer(Table table, long row) {
    return Hash.skewed(seed, tableId(table), row, 1, (int) sizes.buyingCustomers());
  }

  private String status(Table table, long row) {
    double x = u(table, row, 5);
    return x < 0.85 ? "Completed" : x < 0.95 ? "Pending" : "Failed";
  }

  private String resolution(Table table, long row) {
    double x = u(table, row, 4);
    return x < 0.65 ? "Resolved" : x < 0.85 ? "Pending" : "Escalated";
  }

  /** The month (0-11) of a row of a monthly table: rows are spread evenly and in order over the year. */
  int month(Table table, long row) {
    return (int) (row * Sizes.MONTHS / sizes.rows(table));
  }

  /** A wall-clock time in the row's month with weekly and daily peaks, sometimes in a US DST gap or overlap. */
  private String timestamp(Table table, long row) {
    int month = Sizes.monthly(table) ? month(table, row) : pick(table, row, 20, 12);
    LocalDate first = LocalDate.of(2025, month + 1, 1);
    int days = first.lengthOfMonth();
    LocalDate day = first;
    for (int attempt = 0; attempt < 8; attempt++) {
      day = first.plusDays(pick(table, row, 21 + attempt, days));
      if (u(table, row, 31 + attempt) * 1.45 < DAY_WEIGHT[day.getDayOfWeek().getValue() - 1]) {
        break;
      }
    }
    double h = u(table, row, 40);
    int hour = 0;
    while (HOUR_CUMULATIVE[hour] < h) {
      hour++;
    }
    if (row % 97 == 3 && (month == 2 || month == 10)) {
      day = month == 2 ? LocalDate.of(2025, 3, 9) : LocalDate.of(2025, 11, 2);
      hour = month == 2 ? 2 : 1;
    }
    return Timestamps.format(day.toEpochDay(), hour, pick(table, row, 41, 60), pick(table, row, 42, 60));
  }

  /** Strictly increasing in the row so (LoyaltyID, DateTime) never repeats in clean data. */
  private String uniqueTimestamp(Table table, long row) {
    long rows = sizes.rows(table);
    long start = row * YEAR_SECONDS / rows;
    long width = Math.max(1, (row + 1) * YEAR_SECONDS / rows - start);
    long second = start + Math.floorMod(Hash.mix(seed, tableId(table), row, 50), width);
    return Timestamps.format(YEAR_START + second / 86400, (int) (second % 86400 / 3600),
        (int) (second % 3600 / 60), (int) (second % 60));
  }
}
