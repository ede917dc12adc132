package io.c360.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an inspection command prints: lines and tables for people, or with {@code --json} one JSON object on stdout
 * for machines (DESIGN §8: every command that prints a table also takes {@code --json}), whose keys are the
 * values and tables the command adds. Lines for people are left out of the JSON.
 */
final class CommandOutput {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final PrintWriter out;
  private final boolean json;
  private final Map<String, Object> document = new LinkedHashMap<>();

  CommandOutput(PrintWriter out, boolean json) {
    this.out = out;
    this.json = json;
  }

  /** A line for people (printf-style); not part of the JSON. */
  CommandOutput line(String format, Object... args) {
    if (!json) {
      out.printf(format + "%n", args);
    }
    return this;
  }

  /** A value for machines only: the JSON gets it under {@code key}, people see it in the lines. */
  CommandOutput value(String key, Object value) {
    document.put(key, value);
    return this;
  }

  /** A table: printed for people, or an array of objects (one per row, keyed by column) under {@code key}. */
  CommandOutput table(String key, TextTable table) {
    if (json) {
      document.put(key, table.records());
    } else {
      table.print(out);
    }
    return this;
  }

  /** Prints the JSON object when the command was asked for JSON; returns {@code exit}. */
  int finish(int exit) {
    if (json) {
      print(out, document);
    }
    out.flush();
    return exit;
  }

  /** {@code value} as indented JSON on its own lines. */
  static void print(PrintWriter out, Object value) {
    try {
      out.println(JSON.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot render JSON: " + e.getMessage(), e);
    }
    out.flush();
  }
}
