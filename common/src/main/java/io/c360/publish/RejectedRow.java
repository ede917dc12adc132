package io.c360.publish;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The target refused a row while it was staged: a value it cannot hold (too long for {@code VARCHAR(100)} as it
 * counts, a NUL byte PostgreSQL refuses). The message names the row by its key and the column where the driver
 * says which, and gives the database's own first line, so the fix can be found without a stack trace:
 * {@code row CustomerID=17, column CustomerName: Value too long for column "CustomerName CHARACTER VARYING(100)"}.
 * It travels from an executor to the driver inside Spark's task failure, so it is a plain serializable
 * {@link SQLException}.
 */
final class RejectedRow extends SQLException {
  private static final long serialVersionUID = 1L;
  /** H2: {@code for column "Name TYPE"}; PostgreSQL's COPY context: {@code line 5, column name: "..."}. */
  private static final Pattern COLUMN = Pattern.compile("(?i)column \"?([A-Za-z_][A-Za-z0-9_]*)");
  private static final Pattern COPY_LINE = Pattern.compile("line ([0-9]+)");
  private static final int MAX_MESSAGE = 300;

  private RejectedRow(String message, SQLException cause) {
    super(message, cause.getSQLState(), cause.getErrorCode(), cause);
  }

  /**
   * {@code error} of a batch whose rows have the keys {@code batchKeys} (in batch order), as a rejected row if
   * the driver says which row failed; otherwise {@code error} itself.
   */
  static SQLException of(SQLException error, List<String> batchKeys, List<String> columns) {
    int index = failedIndex(error);
    if (index < 0 || index >= batchKeys.size()) {
      return error;
    }
    SQLException reason = error.getNextException() != null ? error.getNextException() : error;
    String said = firstLine(reason.getMessage());
    String column = column(reason, said, columns);
    return new RejectedRow("row " + batchKeys.get(index) + (column == null ? "" : ", column " + column) + ": "
        + (said.length() > MAX_MESSAGE ? said.substring(0, MAX_MESSAGE) + "…" : said), error);
  }

  /** The 0-based position in the batch of the row the target refused, or -1 if the driver does not say. */
  private static int failedIndex(SQLException error) {
    if (error instanceof BatchUpdateException) {
      int[] counts = ((BatchUpdateException) error).getUpdateCounts();
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] == Statement.EXECUTE_FAILED) {
          return i;
        }
      }
      // A driver that stops at the failing row reports the counts of the rows before it.
      return counts.length;
    }
    String where = where(error);
    if (where != null) {
      Matcher line = COPY_LINE.matcher(where);
      if (line.find()) {
        return Integer.parseInt(line.group(1)) - 1;
      }
    }
    return -1;
  }

  private static String where(SQLException error) {
    if (error instanceof PSQLException) {
      ServerErrorMessage server = ((PSQLException) error).getServerErrorMessage();
      return server == null ? null : server.getWhere();
    }
    return null;
  }

  /** The column, in the catalog's spelling, that the driver names, or null. */
  private static String column(SQLException reason, String said, List<String> columns) {
    String where = where(reason);
    for (String text : new String[] {where, said}) {
      if (text == null) {
        continue;
      }
      Matcher m = COLUMN.matcher(text);
      while (m.find()) {
        String named = m.group(1).toLowerCase(Locale.ROOT);
        for (String c : columns) {
          if (c.toLowerCase(Locale.ROOT).equals(named)) {
            return c;
          }
        }
      }
    }
    return null;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    int end = message.indexOf('\n');
    // H2 goes on with "; SQL statement:" and the statement: the statement is ours, not news.
    return (end < 0 ? message : message.substring(0, end)).strip().replaceFirst(";? ?SQL statement:$", "").strip();
  }
}
