package io.c360.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads a small Delta table on the driver without Spark (DESIGN §8): the live files of its latest snapshot from
 * the transaction log (the newest complete classic checkpoint, then the JSON commits after it), then those
 * Parquet files with parquet-hadoop, which Spark already ships. For the ledger and quarantine, which run start
 * and the inspection commands read: a Spark read of a few dozen rows plans jobs and costs seconds, this costs
 * milliseconds. What it does not implement it refuses with an {@link IllegalStateException} naming the table:
 * deletion vectors, column mapping, a log whose commits after the last readable checkpoint are gone.
 */
public final class DeltaTableReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern COMMIT = Pattern.compile("(\\d{20})\\.json");
  private static final Pattern CHECKPOINT = Pattern.compile("(\\d{20})\\.checkpoint\\.parquet");
  private static final Pattern CHECKPOINT_PART = Pattern.compile("(\\d{20})\\.checkpoint\\.(\\d{10})\\.(\\d{10})\\.parquet");

  private final FileSystem fs;
  private final Path table;
  private final long version;
  private final String id;
  private final Map<String, String> columnTypes;
  private final List<JsonNode> liveFiles;
  private final JsonNode metaData;

  private DeltaTableReader(FileSystem fs, Path table, long version, String id, Map<String, String> columnTypes,
      List<JsonNode> liveFiles, JsonNode metaData) {
    this.fs = fs;
    this.table = table;
    this.version = version;
    this.id = id;
    this.columnTypes = columnTypes;
    this.liveFiles = liveFiles;
    this.metaData = metaData;
  }

  /** The latest snapshot of the Delta table at {@code table}, or empty when there is no Delta table there. */
  public static Optional<DeltaTableReader> open(FileSystem fs, Path table) {
    Path log = new Path(table, "_delta_log");
    FileStatus[] entries;
    try {
      entries = fs.listStatus(log);
    } catch (FileNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the Delta log " + log + ": " + e.getMessage(), e);
    }
    TreeMap<Long, Path> commits = new TreeMap<>();
    TreeMap<Long, Path> single = new TreeMap<>();
    Map<Long, Map<Integer, Path>> parts = new HashMap<>();
    Map<Long, Integer> partCounts = new HashMap<>();
    for (FileStatus entry : entries) {
      String name = entry.getPath().getName();
      Matcher m;
      if ((m = COMMIT.matcher(name)).matches()) {
        commits.put(Long.parseLong(m.group(1)), entry.getPath());
      } else if ((m = CHECKPOINT.matcher(name)).matches()) {
        single.put(Long.parseLong(m.group(1)), entry.getPath());
      } else if ((m = CHECKPOINT_PART.matcher(name)).matches()) {
        long v = Long.parseLong(m.group(1));
        parts.computeIfAbsent(v, k -> new HashMap<>()).put(Integer.parseInt(m.group(2)), entry.getPath());
        partCounts.put(v, Integer.parseInt(m.group(3)));
      }
    }
    // The newest checkpoint that is complete: a single file, or every part of a multi-part one.
    TreeMap<Long, List<Path>> checkpoints = new TreeMap<>();
    single.forEach((v, p) -> checkpoints.put(v, List.of(p)));
    parts.forEach((v, found) -> {
      if (found.size() == partCounts.get(v)) {
        checkpoints.put(v, new ArrayList<>(new TreeMap<>(found).values()));
      }
    });
    if (commits.isEmpty() && checkpoints.isEmpty()) {
      return Optional.empty();
    }
    long latest = Math.max(commits.isEmpty() ? -1 : commits.lastKey(),
        checkpoints.isEmpty() ? -1 : checkpoints.lastKey());
    Map.Entry<Long, List<Path>> checkpoint = checkpoints.floorEntry(latest);
    long from = checkpoint == null ? 0 : checkpoint.getKey() + 1;
    for (long v = from; v <= latest; v++) {
      if (!commits.containsKey(v)) {
        throw new IllegalStateException("Delta table " + table + ": commit " + v + " is missing from its log and no "
            + "classic checkpoint covers it; read this table with Spark");
      }
    }
    Replay replay = new Replay(table);
    try {
      if (checkpoint != null) {
        for (Path part : checkpoint.getValue()) {
          replay.checkpoint(fs, part);
        }
      }
      for (long v = from; v <= latest; v++) {
        replay.commit(fs, commits.get(v));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Delta log of " + table + ": " + e.getMessage(), e);
    }
    return Optional.of(new DeltaTableReader(fs, table, latest, replay.id(), replay.columnTypes(),
        replay.liveFiles(), replay.metaData));
  }

  /** Where the table is. */
  public Path path() {
    return table;
  }

  /** The snapshot's version: the number of its newest commit. */
  public long version() {
    return version;
  }

  /** The table's id (its metaData action's): a re-created table at the same path has another. */
  public String id() {
    return id;
  }

  /**
   * The snapshot's row count from the file statistics in its log, without reading a data file; empty when a live
   * file has none (a writer without statistics).
   */
  public OptionalLong numRecords() {
    long total = 0;
    for (JsonNode file : liveFiles) {
      JsonNode stats;
      try {
        stats = JSON.readTree(file.path("stats").asText("{}"));
      } catch (IOException e) {
        return OptionalLong.empty();
      }
      if (!stats.path("numRecords").canConvertToLong()) {
        return OptionalLong.empty();
      }
      total += stats.get("numRecords").asLong();
    }
    return OptionalLong.of(total);
  }

  /** The snapshot's live data files, by path: what a reader of this version reads. */
  public List<Path> dataFiles() {
    List<Path> files = new ArrayList<>();
    for (JsonNode add : liveFiles) {
      files.add(absolute(table, add.get("path").asText()));
    }
    return files;
  }

  /** The table's schema as its log records it: Spark's StructType JSON ({@code DataType.fromJson}). */
  public String schemaJson() {
    return metaData.get("schemaString").asText();
  }

  /** The columns the table is partitioned by (their values live in the log, not in the data files). */
  public List<String> partitionColumns() {
    List<String> columns = new ArrayList<>();
    metaData.path("partitionColumns").forEach(c -> columns.add(c.asText()));
    return columns;
  }

  /** The bytes of the snapshot's data files, from its log's {@code add} actions. */
  public long sizeInBytes() {
    long total = 0;
    for (JsonNode file : liveFiles) {
      total += file.path("size").asLong(0);
    }
    return total;
  }

  /** The table's column names, in schema order. */
  public List<String> columns() {
    return new ArrayList<>(columnTypes.keySet());
  }

  /** Every row's values of {@code columns}, in the order of the live files' paths and of rows within a file. */
  public List<Object[]> rows(List<String> columns) {
    return rows(columns, partition -> true);
  }

  /**
   * Like {@link #rows(List)}, reading only the files whose partition values (column name to the log's string form)
   * satisfy {@code partitions}. Values are String, Long, Integer, Boolean, Double, BigDecimal (DECIMAL), LocalDate
   * (DATE) or LocalDateTime (TIMESTAMP_NTZ); a column missing from an
   * older file (added to the schema later) reads as null.
   */
  public List<Object[]> rows(List<String> columns, Predicate<Map<String, String>> partitions) {
    for (String column : columns) {
      if (!columnTypes.containsKey(column)) {
        throw new IllegalArgumentException("Delta table " + table + " has no column " + column + "; columns: "
            + columnTypes.keySet());
      }
    }
    List<Object[]> rows = new ArrayList<>();
    for (JsonNode add : liveFiles) {
      Map<String, String> partitionValues = new HashMap<>();
      add.path("partitionValues").fields().forEachRemaining(e ->
          partitionValues.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
      if (!partitions.test(partitionValues)) {
        continue;
      }
      Path file = absolute(table, add.get("path").asText());
      try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), file).withConf(fs.getConf())
          .build()) {
        for (Group group = reader.read(); group != null; group = reader.read()) {
          Object[] row = new Object[columns.size()];
          for (int i = 0; i < row.length; i++) {
            String column = columns.get(i);
            row[i] = partitionValues.containsKey(column)
                ? partitionValue(column, partitionValues.get(column))
                : value(group, column, file);
          }
          rows.add(row);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file + " of Delta table " + table + ": " + e.getMessage(), e);
      }
    }
    return rows;
  }

  private Object partitionValue(String column, String text) {
    if (text == null) {
      return null;
    }
    switch (columnTypes.get(column)) {
      case "string":
        return text;
      case "long":
        return Long.parseLong(text);
      case "integer":
        return Integer.parseInt(text);
      case "boolean":
        return Boolean.parseBoolean(text);
      case "double":
        return Double.parseDouble(text);
      default:
        throw new IllegalStateException("Delta table " + table + ": partition column " + column + " of type "
            + columnTypes.get(column) + " is not supported here; read this table with Spark");
    }
  }

  private Object value(Group group, String column, Path file) {
    GroupType type = group.getType();
    if (!type.containsField(column)) {
      return null;
    }
    int field = type.getFieldIndex(column);
    if (group.getFieldRepetitionCount(field) == 0) {
      return null;
    }
    Type fieldType = type.getType(field);
    if (!fieldType.isPrimitive()) {
      throw new IllegalStateException("Delta table " + table + ": column " + column + " in " + file
          + " is nested; read it with Spark");
    }
    PrimitiveType primitive = fieldType.asPrimitiveType();
    LogicalTypeAnnotation logical = primitive.getLogicalTypeAnnotation();
    if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) {
      return decimal(group, field, primitive, ((LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) logical).getScale());
    }
    if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
      return LocalDate.ofEpochDay(group.getInteger(field, 0));
    }
    if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) {
      return wallClock(group.getLong(field, 0), (LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) logical, column,
          file);
    }
    switch (primitive.getPrimitiveTypeName()) {
      case INT64:
        return group.getLong(field, 0);
      case INT32:
        return group.getInteger(field, 0);
      case BOOLEAN:
        return group.getBoolean(field, 0);
      case DOUBLE:
        return group.getDouble(field, 0);
      case FLOAT:
        return (double) group.getFloat(field, 0);
      case BINARY:
        return group.getString(field, 0);
      default:
        throw new IllegalStateException("Delta table " + table + ": column " + column + " in " + file + " has "
            + "Parquet type " + fieldType + ", not supported here; read it with Spark");
    }
  }

  /** A DECIMAL as Parquet stores it: the unscaled value in an INT32, an INT64 or big-endian two's-complement bytes. */
  private static BigDecimal decimal(Group group, int field, PrimitiveType type, int scale) {
    switch (type.getPrimitiveTypeName()) {
      case INT32:
        return BigDecimal.valueOf(group.getInteger(field, 0), scale);
      case INT64:
        return BigDecimal.valueOf(group.getLong(field, 0), scale);
      default:
        return new BigDecimal(new BigInteger(group.getBinary(field, 0).getBytes()), scale);
    }
  }

  /**
   * A TIMESTAMP_NTZ (Parquet INT64 not adjusted to UTC) as the wall-clock time it is, the way Spark returns it. An
   * instant (TIMESTAMP, adjusted to UTC) would need a session time zone to show, which this reader does not have.
   */
  private Object wallClock(long value, LogicalTypeAnnotation.TimestampLogicalTypeAnnotation type, String column,
      Path file) {
    if (type.isAdjustedToUTC()) {
      throw new IllegalStateException("Delta table " + table + ": column " + column + " in " + file + " is a "
          + "TIMESTAMP with a time zone, not supported here; read it with Spark");
    }
    switch (type.getUnit()) {
      case MILLIS:
        return LocalDateTime.ofEpochSecond(Math.floorDiv(value, 1_000L),
            (int) Math.floorMod(value, 1_000L) * 1_000_000, ZoneOffset.UTC);
      case MICROS:
        return LocalDateTime.ofEpochSecond(Math.floorDiv(value, 1_000_000L),
            (int) Math.floorMod(value, 1_000_000L) * 1_000, ZoneOffset.UTC);
      default:
        return LocalDateTime.ofEpochSecond(Math.floorDiv(value, 1_000_000_000L),
            (int) Math.floorMod(value, 1_000_000_000L), ZoneOffset.UTC);
    }
  }

  /** Delta's rule: a file's path in the log is a URI, absolute or relative to the table. */
  static Path absolute(Path table, String path) {
    try {
      Path p = new Path(new URI(path));
      return p.isAbsolute() ? p : new Path(table, p);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("Delta table " + table + ": bad file path in its log: " + path, e);
    }
  }

  /** Applies the log's actions in order: live files by path, the latest schema, refusals. */
  private static final class Replay {
    private final Path table;
    private final Map<String, JsonNode> live = new LinkedHashMap<>();
    private JsonNode metaData;

    Replay(Path table) {
      this.table = table;
    }

    void commit(FileSystem fs, Path file) throws IOException {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (!line.isBlank()) {
            apply(JSON.readTree(line));
          }
        }
      }
    }

    void checkpoint(FileSystem fs, Path file) throws IOException {
      try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), file).withConf(fs.getConf())
          .build()) {
        for (Group group = reader.read(); group != null; group = reader.read()) {
          apply(json(group));
        }
      }
    }

    private void apply(JsonNode action) {
      if (action.hasNonNull("add")) {
        JsonNode add = action.get("add");
        if (add.hasNonNull("deletionVector")) {
          throw new IllegalStateException("Delta table " + table + " has deletion vectors (file "
              + add.get("path").asText() + "); read this table with Spark");
        }
        live.put(add.get("path").asText(), add);
      } else if (action.hasNonNull("remove")) {
        live.remove(action.get("remove").get("path").asText());
      } else if (action.hasNonNull("metaData")) {
        metaData = action.get("metaData");
        String mapping = metaData.path("configuration").path("delta.columnMapping.mode").asText("none");
        if (!mapping.equals("none")) {
          throw new IllegalStateException("Delta table " + table + " uses column mapping (" + mapping
              + "); read this table with Spark");
        }
      }
    }

    String id() {
      columnTypes();
      return metaData.path("id").asText();
    }

    Map<String, String> columnTypes() {
      if (metaData == null) {
        throw new IllegalStateException("Delta table " + table + " has no metaData action in its log");
      }
      Map<String, String> types = new LinkedHashMap<>();
      try {
        for (JsonNode field : JSON.readTree(metaData.get("schemaString").asText()).get("fields")) {
          JsonNode type = field.get("type");
          types.put(field.get("name").asText(), type.isTextual() ? type.asText() : type.path("type").asText());
        }
      } catch (IOException e) {
        throw new IllegalStateException("Delta table " + table + ": unreadable schema in its log", e);
      }
      return types;
    }

    List<JsonNode> liveFiles() {
      List<JsonNode> files = new ArrayList<>(live.values());
      files.sort((a, b) -> a.get("path").asText().compareTo(b.get("path").asText()));
      return files;
    }
  }

  /** A checkpoint row as the JSON action it stands for: groups become objects, MAPs objects, LISTs arrays. */
  static JsonNode json(Group group) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    GroupType type = group.getType();
    for (int i = 0; i < type.getFieldCount(); i++) {
      if (group.getFieldRepetitionCount(i) == 0) {
        continue;
      }
      node.set(type.getFieldName(i), fieldJson(group, i));
    }
    return node;
  }

  private static JsonNode fieldJson(Group group, int field) {
    Type type = group.getType().getType(field);
    if (type.isPrimitive()) {
      return primitiveJson(group, field, 0, type.asPrimitiveType());
    }
    Group value = group.getGroup(field, 0);
    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
    if (logical instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation) {
      ObjectNode map = JsonNodeFactory.instance.objectNode();
      for (int i = 0; i < value.getFieldRepetitionCount(0); i++) {
        Group entry = value.getGroup(0, i);
        String key = entry.getString("key", 0);
        map.set(key, entry.getFieldRepetitionCount("value") == 0 ? JsonNodeFactory.instance.nullNode()
            : fieldJson(entry, entry.getType().getFieldIndex("value")));
      }
      return map;
    }
    if (logical instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
      ArrayNode list = JsonNodeFactory.instance.arrayNode();
      for (int i = 0; i < value.getFieldRepetitionCount(0); i++) {
        Group element = value.getGroup(0, i);
        list.add(element.getFieldRepetitionCount(0) == 0 ? JsonNodeFactory.instance.nullNode()
            : fieldJson(element, 0));
      }
      return list;
    }
    return json(value);
  }

  private static JsonNode primitiveJson(Group group, int field, int index, PrimitiveType type) {
    switch (type.getPrimitiveTypeName()) {
      case INT64:
        return JsonNodeFactory.instance.numberNode(group.getLong(field, index));
      case INT32:
        return JsonNodeFactory.instance.numberNode(group.getInteger(field, index));
      case BOOLEAN:
        return JsonNodeFactory.instance.booleanNode(group.getBoolean(field, index));
      case DOUBLE:
        return JsonNodeFactory.instance.numberNode(group.getDouble(field, index));
      case FLOAT:
        return JsonNodeFactory.instance.numberNode(group.getFloat(field, index));
      case BINARY:
        return JsonNodeFactory.instance.textNode(group.getString(field, index));
      default:
        return JsonNodeFactory.instance.textNode(group.getValueToString(field, index));
    }
  }
}
