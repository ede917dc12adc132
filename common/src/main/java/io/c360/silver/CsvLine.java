package io.c360.silver;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV record into fields (RFC 4180 quoting, {@code ""} escapes a quote; a quoted field may hold line
 * breaks, which {@link RecordJoiner} joins a record's lines by). A quote opens a field only at its start.
 */
final class CsvLine {

  private CsvLine() {
  }

  /**
   * Whether a record is inside a quoted field at the end of physical {@code line}, that is, whether it goes on on
   * the next line; {@code inQuotes} tells whether the line began inside one. Follows {@link #split}'s rules: a
   * quote in the middle of an unquoted field opens nothing (that field is malformed either way).
   */
  static boolean endsInQuotes(String line, boolean inQuotes) {
    if (line.indexOf('"') < 0) {
      return inQuotes;
    }
    boolean quoted = inQuotes;
    boolean fieldStart = !inQuotes;
    int n = line.length();
    for (int i = 0; i < n; i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < n && line.charAt(i + 1) == '"') {
            i++;
          } else {
            quoted = false;
          }
        }
      } else if (c == ',') {
        fieldStart = true;
      } else if (c == '"' && fieldStart) {
        quoted = true;
        fieldStart = false;
      } else if (!Character.isWhitespace(c)) {
        fieldStart = false;
      }
    }
    return quoted;
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
