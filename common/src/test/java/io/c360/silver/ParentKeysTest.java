package io.c360.silver;

import static io.c360.catalog.Catalog.CUSTOMERS;
import static io.c360.catalog.Catalog.LOYALTY_TRANSACTIONS;
import static io.c360.catalog.Catalog.PRODUCTS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.spark.broadcast.Broadcast;
import org.junit.jupiter.api.Test;

class ParentKeysTest extends SilverTestBase {

  @Test
  void keysAreReadOncePerVersionAndSorted() {
    ParentKeys keys = new ParentKeys(spark, lake);
    try {
      assertFalse(keys.of(PRODUCTS).isPresent(), "no silver table, no keys");
      bronze("Customers.csv", header(CUSTOMERS), "30,C,c@x,c", "4,A,a@x,a", "12,B,b@x,b");
      runSilver();
      Broadcast<int[]> first = keys.of(CUSTOMERS).orElseThrow();
      assertArrayEquals(new int[] {4, 12, 30}, first.value());
      assertSame(first, keys.of(CUSTOMERS).orElseThrow(), "same version, same broadcast");

      bronze("Customers/2.csv", header(CUSTOMERS), "7,D,d@x,d");
      runSilver();
      Broadcast<int[]> second = keys.of(CUSTOMERS).orElseThrow();
      assertNotSame(first, second);
      assertArrayEquals(new int[] {4, 7, 12, 30}, second.value());
    } finally {
      keys.close();
    }
  }

  @Test
  void aParentReadOnTheDriverHasTheKeysASparkJobReads() {
    bronze("Customers.csv", header(CUSTOMERS), "30,C,c@x,c", "4,A,a@x,a", "12,B,b@x,b");
    runSilver();
    bronze("Customers/2.csv", header(CUSTOMERS), "7,D,d@x,d", "4,A2,a@x,a");
    runSilver();
    ParentKeys driver = new ParentKeys(spark, lake);
    ParentKeys bySpark = new ParentKeys(spark, lake).driverMaxKeys(0);
    try {
      assertArrayEquals(new int[] {4, 7, 12, 30}, driver.of(CUSTOMERS).orElseThrow().value());
      assertArrayEquals(new int[] {4, 7, 12, 30}, bySpark.of(CUSTOMERS).orElseThrow().value());
    } finally {
      driver.close();
      bySpark.close();
    }
  }

  @Test
  void aParentMustHaveASingleIntKey() {
    assertThrows(IllegalArgumentException.class, () -> new ParentKeys(spark, lake).of(LOYALTY_TRANSACTIONS));
  }
}
