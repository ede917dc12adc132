package io.c360.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.collection.JavaConverters;

/** Lake tables by name in the local session catalog (Delta's catalog over Spark's in-memory one). */
class TableRegistryTest extends SparkTestBase {

  private Map<String, Path> twoTables() {
    spark.sql("SELECT 1 AS CustomerID, 'Ann' AS CustomerName UNION ALL SELECT 2, 'Bob'").write().format("delta")
        .save(new Path(lake.root(), "silver/Customers").toString());
    spark.sql("SELECT 7 AS ProductID").write().format("delta").save(new Path(lake.root(), "gold/Top").toString());
    Map<String, Path> tables = new LinkedHashMap<>();
    tables.put("Customers", new Path(lake.root(), "silver/Customers"));
    tables.put("Top", new Path(lake.root(), "gold/Top"));
    tables.put("NotWrittenYet", new Path(lake.root(), "gold/NotWrittenYet"));
    return tables;
  }

  private static long createTime(String database, String table) throws Exception {
    return spark.sessionState().catalog().getTableMetadata(new TableIdentifier(table, Option.apply(database)))
        .createTime();
  }

  @Test
  void registersExistingDeltaTablesByNameOverTheirPathsAndASecondRunChangesNothing() throws Exception {
    Map<String, Path> tables = twoTables();
    assertEquals(List.of("Customers", "Top"), TableRegistry.in(spark, "reg_a").register(tables),
        "a path without a Delta table is not registered");
    assertEquals(2L, spark.sql("SELECT COUNT(*) FROM reg_a.Customers").first().getLong(0));
    assertEquals("Bob", spark.sql("SELECT CustomerName FROM reg_a.Customers WHERE CustomerID = 2").first()
        .getString(0));
    assertEquals(7, spark.table("reg_a.Top").first().getInt(0));
    assertEquals("EXTERNAL", spark.sessionState().catalog()
        .getTableMetadata(new TableIdentifier("Customers", Option.apply("reg_a"))).tableType().name());
    long created = createTime("reg_a", "Customers");
    long version = DeltaTable.forPath(spark, tables.get("Customers").toString()).history(1).first().getLong(0);

    assertEquals(List.of(), TableRegistry.in(spark, "reg_a").register(tables));
    assertEquals(created, createTime("reg_a", "Customers"), "the catalog entry was not recreated");
    assertEquals(version, DeltaTable.forPath(spark, tables.get("Customers").toString()).history(1).first()
        .getLong(0), "registering wrote nothing to the table");
    // The metastore's own list: SHOW TABLES IN also lists the session's temporary views (other test classes in this
    // JVM leave gold's silver views behind), and the in-memory catalog keeps names in lower case.
    assertEquals(List.of("customers", "top"), JavaConverters.seqAsJavaList(spark.sessionState().catalog()
        .externalCatalog().listTables("reg_a")).stream().sorted().collect(Collectors.toList()));
  }

  @Test
  void aCatalogDotSchemaNameWorksWithTheSessionCatalog() {
    TableRegistry.in(spark, "spark_catalog.reg_b").register(twoTables());
    assertEquals(2L, spark.sql("SELECT COUNT(*) FROM spark_catalog.reg_b.Customers").first().getLong(0));
    assertEquals(2L, spark.table("reg_b.Customers").count());
  }

  @Test
  void aTableRegisteredOverAnotherPathIsAnErrorNamingBoth() {
    Map<String, Path> tables = twoTables();
    TableRegistry.in(spark, "reg_c").register(tables);
    useLake("other");
    Map<String, Path> other = twoTables();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> TableRegistry.in(spark, "reg_c").register(other));
    assertTrue(e.getMessage().contains("reg_c.Customers") && e.getMessage().contains("/lake/silver/Customers")
        && e.getMessage().contains("/other/silver/Customers"), e.getMessage());
  }

  @Test
  void aBadDatabaseNameIsRefused() {
    for (String bad : List.of("a.b.c", "c360; DROP", "", "x-y")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TableRegistry.in(spark, bad));
      assertTrue(e.getMessage().startsWith("c360.lake.database"), e.getMessage());
    }
  }
}
