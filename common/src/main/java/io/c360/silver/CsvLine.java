package io.c360.silver;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one physical CSV line into fields (RFC 4180 quoting, {@code ""} escapes a quote). A record never
 * spans lines: an unterminated quote makes only its own line malformed instead of swallowing the next ones.
 */
final class CsvLine {

  private CsvLine() {
  }

  /** The fields of {@code line}, or {@code null} when its quoting is broken. */
  static List<String> split(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    int n = line.length();
    while (true) {
      if (i < n && line.charAt(i) == '"' && field.toString().isBlank()) {
        field.setLength(0);
        i++;
        boolean closed = false;
        while (i < n) {
          char c = line.charAt(i);
          if (c == '"') {
            if (i + 1 < n && line.charAt(i + 1) == '"') {
              field.append('"');
              i += 2;
              continue;
            }
            closed = true;
            i++;
            break;
          }
          field.append(c);
          i++;
        }
        if (!closed) {
          return null;
        }
        // Only spaces may follow a closing quote before the delimiter.
        while (i < n && line.charAt(i) != ',') {
          if (line.charAt(i) != ' ' && line.charAt(i) != '\t') {
            return null;
          }
          i++;
        }
      } else {
        while (i < n && line.charAt(i) != ',') {
          char c = line.charAt(i);
          if (c == '"') {
            return null;
          }
          field.append(c);
          i++;
        }
      }
      fields.add(field.toString());
      field.setLength(0);
      if (i >= n) {
        return fields;
      }
      i++; // the comma
    }
  }
}
