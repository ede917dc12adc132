package io.c360.gold;

import io.c360.catalog.Catalog;
import io.c360.catalog.Table;
import io.c360.lake.DeltaTableReader;
import io.c360.lake.LakeLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What gold was computed from: per silver table its Delta table id and version ({@link #NONE} for a table that
 * never received a file), the SHA-256 of the gold SQL, and the row count of each gold table. Recorded once per run
 * that changed gold, after every state and gold table is committed, in the Delta table {@code gold/_state/_inputs}
 * (name, value rows), and read back on the driver without Spark. A run that stops before recording repeats the
 * same range next time, which is safe: a run recomputes the rows the changes affect, it never adds to them.
 */
final class GoldInputs {
  static final String NONE = "none";
  static final String LOCATION = "_inputs";
  private static final String SILVER = "silver:";
  private static final String ROWS = "rows:";
  private static final String DEFINITION = "definition";
  private static final StructType SCHEMA = new StructType().add("Name", DataTypes.StringType, false)
      .add("Value", DataTypes.StringType, false);

  private final Map<String, String> silver;
  private final String definition;
  private final Map<String, Long> rows;

  GoldInputs(Map<String, String> silver, String definition, Map<String, Long> rows) {
    this.silver = Collections.unmodifiableMap(new LinkedHashMap<>(silver));
    this.definition = Objects.requireNonNull(definition, "definition");
    this.rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
  }

  /** The Delta table id of a recorded {@code id@version} (not {@link #NONE}). */
  static String tableId(String recorded) {
    return recorded.substring(0, recorded.indexOf('@'));
  }

  /** The version of a recorded {@code id@version} (not {@link #NONE}). */
  static long version(String recorded) {
    return Long.parseLong(recorded.substring(recorded.indexOf('@') + 1));
  }

  /**
   * Silver as it is now: each table's {@code id@version}, or {@link #NONE}. Read from the Delta logs on the driver,
   * without Spark, so that a run with nothing new costs no Spark job.
   */
  static Map<String, String> currentSilver(LakeLayout layout) {
    Map<String, String> versions = new LinkedHashMap<>();
    for (Table table : Catalog.tables()) {
      versions.put(table.name(), DeltaTableReader.open(layout.fileSystem(), layout.silver(table))
          .map(t -> t.id() + "@" + t.version()).orElse(NONE));
    }
    return versions;
  }

  /** The inputs recorded by the last run that changed gold, or empty if none was (or the record is unreadable). */
  static Optional<GoldInputs> recorded(LakeLayout layout) {
    Optional<DeltaTableReader> table = DeltaTableReader.open(layout.fileSystem(), layout.goldState(LOCATION));
    if (table.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> silver = new LinkedHashMap<>();
    Map<String, Long> rows = new LinkedHashMap<>();
    String definition = null;
    for (Object[] row : table.get().rows(List.of("Name", "Value"))) {
      String name = (String) row[0];
      String value = (String) row[1];
      if (name.startsWith(SILVER)) {
        silver.put(name.substring(SILVER.length()), value);
      } else if (name.startsWith(ROWS)) {
        rows.put(name.substring(ROWS.length()), Long.parseLong(value));
      } else if (name.equals(DEFINITION)) {
        definition = value;
      }
    }
    return definition == null ? Optional.empty() : Optional.of(new GoldInputs(silver, definition, rows));
  }

  /** Replaces the record with these inputs, in one commit. */
  void record(SparkSession spark, LakeLayout layout) {
    List<Row> data = new ArrayList<>();
    silver.forEach((t, v) -> data.add(RowFactory.create(SILVER + t, v)));
    data.add(RowFactory.create(DEFINITION, definition));
    rows.forEach((t, n) -> data.add(RowFactory.create(ROWS + t, Long.toString(n))));
    spark.createDataFrame(data, SCHEMA).coalesce(1).write().format("delta").mode("overwrite")
        .save(layout.goldState(LOCATION).toString());
  }

  Map<String, String> silver() {
    return silver;
  }

  String definition() {
    return definition;
  }

  /** Rows per gold table when these inputs were recorded. */
  Map<String, Long> rows() {
    return rows;
  }

  /** The silver tables whose version differs between {@code earlier} and these inputs. */
  Set<String> changedSince(GoldInputs earlier) {
    Set<String> changed = new TreeSet<>();
    silver.forEach((t, v) -> {
      if (!v.equals(earlier.silver.get(t))) {
        changed.add(t);
      }
    });
    return changed;
  }

  /** The same silver and definition as {@code other}: gold computed from these inputs is current. */
  boolean sameAs(GoldInputs other) {
    return silver.equals(other.silver) && definition.equals(other.definition);
  }
}
