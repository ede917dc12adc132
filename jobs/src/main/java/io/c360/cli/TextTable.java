package io.c360.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A plain text table for people: columns padded to their widest cell, numbers right-aligned, the last column free. */
final class TextTable {
  private final List<String> header;
  private final boolean[] rightAligned;
  private final List<List<String>> rows = new ArrayList<>();
  private final List<List<Object>> values = new ArrayList<>();

  TextTable(String... header) {
    this.header = List.of(header);
    this.rightAligned = new boolean[header.length];
  }

  /** Marks columns (0-based) whose cells are right-aligned, such as counts. */
  TextTable right(int... columns) {
    for (int c : columns) {
      rightAligned[c] = true;
    }
    return this;
  }

  TextTable row(Object... cells) {
    List<String> row = new ArrayList<>();
    for (Object cell : cells) {
      row.add(cell == null ? "" : oneLine(cell.toString()));
    }
    rows.add(row);
    values.add(java.util.Arrays.asList(cells));
    return this;
  }

  void print(PrintWriter out) {
    int[] width = new int[header.size()];
    for (int c = 0; c < width.length; c++) {
      width[c] = header.get(c).length();
      for (List<String> row : rows) {
        width[c] = Math.max(width[c], row.get(c).length());
      }
    }
    print(out, header, width);
    for (List<String> row : rows) {
      print(out, row, width);
    }
    out.flush();
  }

  /**
   * The rows for machines: one map per row from column key (the header in snake case, {@code started (UTC)} →
   * {@code started_utc}) to the cell as given, numbers as numbers and empty cells as null.
   */
  List<Map<String, Object>> records() {
    List<String> keys = new ArrayList<>();
    for (String h : header) {
      keys.add(h.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", ""));
    }
    List<Map<String, Object>> records = new ArrayList<>();
    for (List<Object> row : values) {
      Map<String, Object> record = new LinkedHashMap<>();
      for (int c = 0; c < keys.size(); c++) {
        Object cell = row.get(c);
        record.put(keys.get(c), cell instanceof String && ((String) cell).isEmpty() ? null : cell);
      }
      records.add(record);
    }
    return records;
  }

  private void print(PrintWriter out, List<String> cells, int[] width) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      String cell = cells.get(c);
      boolean last = c == cells.size() - 1;
      if (c > 0) {
        line.append("  ");
      }
      String pad = " ".repeat(width[c] - cell.length());
      if (rightAligned[c]) {
        line.append(pad).append(cell);
      } else {
        line.append(cell).append(last ? "" : pad);
      }
    }
    out.println(line);
  }

  private static String oneLine(String text) {
    return text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", " ");
  }
}
