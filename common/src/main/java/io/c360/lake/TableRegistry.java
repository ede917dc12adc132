package io.c360.lake;

import io.c360.config.LakeSettings;
import io.c360.sql.SqlTemplate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers lake tables in the session's catalog under {@code c360.lake.database} (DESIGN §4) — a Hive metastore,
 * a Synapse lake database or Unity Catalog: {@code schema} or {@code catalog.schema} — as external Delta tables
 * over their paths, so users query {@code c360.Customers} by name. Idempotent: a table already registered over the
 * same path is left alone; one registered over another path is an error, since registering never moves data.
 */
public final class TableRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(TableRegistry.class);

  private final SparkSession spark;
  private final String database;

  private TableRegistry(SparkSession spark, String database) {
    this.spark = spark;
    this.database = database;
  }

  /** {@code database} is {@code schema} or {@code catalog.schema} (c360.lake.database). */
  public static TableRegistry in(SparkSession spark, String database) {
    if (!LakeSettings.isDatabaseName(database)) {
      throw new IllegalArgumentException("c360.lake.database: '" + database + "' is not a schema or catalog.schema "
          + "name (letters, digits, underscores)");
    }
    return new TableRegistry(spark, database);
  }

  /** The name a table gets: {@code database.table}, each part quoted. */
  public String qualified(String table) {
    return quoted(database) + "." + quoted(table);
  }

  /**
   * Registers each table of {@code tables} (name → path) whose Delta table exists, in order; returns the names it
   * registered now (those already registered over the same path are not in it).
   */
  public List<String> register(Map<String, Path> tables) {
    List<String> registered = new ArrayList<>();
    boolean schemaChecked = false;
    for (Map.Entry<String, Path> table : tables.entrySet()) {
      String location = table.getValue().toString();
      if (!io.delta.tables.DeltaTable.isDeltaTable(spark, location)) {
        continue;
      }
      if (!schemaChecked) {
        if (!spark.catalog().databaseExists(database)) {
          spark.sql(SqlTemplate.load("sql/lake/create-schema.sql").with("schema", quoted(database)).render());
        }
        schemaChecked = true;
      }
      String name = qualified(table.getKey());
      if (spark.catalog().tableExists(database + "." + table.getKey())) {
        String existing = io.delta.tables.DeltaTable.forName(spark, name).detail().first().getAs("location");
        if (!samePath(existing, location)) {
          throw new IllegalStateException(database + "." + table.getKey() + " is registered over " + existing
              + ", not over the lake's " + location + ": drop it or set another c360.lake.database");
        }
        continue;
      }
      spark.sql(SqlTemplate.load("sql/lake/register-table.sql").with("table", name)
          .with("location", "'" + location.replace("\\", "\\\\").replace("'", "\\'") + "'").render());
      LOG.info("registered {} over {}", database + "." + table.getKey(), location);
      registered.add(table.getKey());
    }
    return registered;
  }

  private static boolean samePath(String a, String b) {
    return new Path(a).toUri().normalize().equals(new Path(b).toUri().normalize());
  }

  private static String quoted(String name) {
    return Arrays.stream(name.split("\\.")).map(part -> "`" + part + "`").collect(Collectors.joining("."));
  }
}
