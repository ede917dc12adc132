package io.c360.generate;

import io.c360.catalog.Catalog;
import io.c360.catalog.Table;

/**
 * Rows per table at a scale: scale 1 is the tutorial's ~100 rows a table; customers and every kind of
 * transaction grow linearly (scale 10,000 ≈ 1M online orders), products with √scale, stores and agents with
 * scale^¼.
 */
final class Sizes {
  /** Months of 2025: the transaction tables are dropped as one file per month. */
  static final int MONTHS = 12;

  private final int scale;

  Sizes(int scale) {
    if (scale < 1) {
      throw new IllegalArgumentException("--scale must be at least 1, got " + scale);
    }
    this.scale = scale;
  }

  int scale() {
    return scale;
  }

  long rows(Table table) {
    if (table == Catalog.PRODUCTS) {
      return Math.round(100 * Math.sqrt(scale));
    }
    if (table == Catalog.STORES || table == Catalog.AGENTS) {
      return Math.round(100 * Math.pow(scale, 0.25));
    }
    return 100L * scale;
  }

  /** Customers with an index below this buy; the rest never do (but may have accounts and call support). */
  long buyingCustomers() {
    return Math.max(1, rows(Catalog.CUSTOMERS) * 85 / 100);
  }

  /** Whether the table is dropped as one file per month rather than a single file. */
  static boolean monthly(Table table) {
    return table == Catalog.ONLINE_TRANSACTIONS || table == Catalog.IN_STORE_TRANSACTIONS;
  }
}
