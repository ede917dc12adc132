package io.c360.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A SQL file from {@code sql/} on the classpath with {@code ${name}} placeholders. Placeholders are filled with
 * settings, identifiers from the catalog and dialect fragments, never with data values.
 *
 * <pre>
 * String sql = SqlTemplate.load("sql/publish/merge.sql").with("target", "\"Customers\"").render();
 * </pre>
 */
public final class SqlTemplate {
  private final String resource;
  private final String text;
  private final Map<String, String> values = new LinkedHashMap<>();

  private SqlTemplate(String resource, String text) {
    this.resource = resource;
    this.text = text;
  }

  /** Loads {@code resource} (e.g. {@code sql/gold/PeakTimes.sql}); a missing file names itself. */
  public static SqlTemplate load(String resource) {
    try (InputStream in = SqlTemplate.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no SQL file " + resource + " on the classpath");
      }
      return new SqlTemplate(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  public SqlTemplate with(String name, Object value) {
    values.put(name, String.valueOf(value));
    return this;
  }

  public SqlTemplate with(Map<String, ?> more) {
    more.forEach(this::with);
    return this;
  }

  /** The SQL with every placeholder filled; a placeholder left without a value is an error naming it. */
  public String render() {
    String sql = text;
    for (Map.Entry<String, String> value : values.entrySet()) {
      sql = sql.replace("${" + value.getKey() + "}", value.getValue());
    }
    int open = sql.indexOf("${");
    if (open >= 0) {
      throw new IllegalStateException(resource + " has a placeholder without a value: "
          + sql.substring(open, sql.indexOf('}', open) + 1));
    }
    return sql;
  }

  /**
   * The rendered file split into statements at lines ending with {@code ;}, without the terminator and without
   * {@code --} comment lines, for drivers that run one statement at a time.
   */
  public List<String> statements() {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : render().split("\n")) {
      if (line.strip().startsWith("--")) {
        continue;
      }
      String trimmed = line.stripTrailing();
      if (trimmed.endsWith(";")) {
        current.append(trimmed, 0, trimmed.length() - 1);
        add(statements, current);
        current.setLength(0);
      } else {
        current.append(line).append('\n');
      }
    }
    add(statements, current);
    return statements;
  }

  private static void add(List<String> statements, StringBuilder statement) {
    String sql = statement.toString().strip();
    if (!sql.isEmpty()) {
      statements.add(sql);
    }
  }
}
