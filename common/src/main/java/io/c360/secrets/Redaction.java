package io.c360.secrets;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every secret value this JVM has resolved, so that text about to leave the process (a log line, an exception
 * message, the ledger, the report) can be scrubbed with {@link #scrub(String)} even when the code that built
 * the text never knew it held a secret — a JDBC driver quoting its connection string, say.
 *
 * <p>Values are registered by {@link Secret} itself, also when a secret is deserialized on an executor. Short
 * values are registered too: a three-character password is still a password, and over-scrubbing a log line is
 * the cheaper mistake.
 */
public final class Redaction {
  /** What a secret value is replaced with. */
  public static final String MASK = "****";

  private static final Set<String> VALUES = ConcurrentHashMap.newKeySet();
  /** Longest first, so a value that contains another registered value is masked whole. */
  private static volatile List<String> ordered = List.of();

  private Redaction() {
  }

  /** Registers a secret value; the empty string is ignored, it cannot be found in text. */
  public static void register(String value) {
    if (value == null || value.isEmpty() || !VALUES.add(value)) {
      return;
    }
    synchronized (Redaction.class) {
      List<String> next = new ArrayList<>(VALUES);
      next.sort(Comparator.comparingInt(String::length).reversed());
      ordered = List.copyOf(next);
    }
  }

  /** {@code text} with every registered secret value replaced by {@link #MASK}; null stays null. */
  public static String scrub(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String result = text;
    for (String value : ordered) {
      if (result.contains(value)) {
        result = result.replace(value, MASK);
      }
    }
    return result;
  }
}
