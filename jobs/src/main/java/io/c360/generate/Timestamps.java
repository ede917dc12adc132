package io.c360.generate;

import java.time.LocalDate;

/** {@code yyyy-MM-dd HH:mm:ss} without {@code String.format}, which would dominate the generator's time. */
final class Timestamps {
  private Timestamps() {
  }

  static String format(long epochDay, int hour, int minute, int second) {
    StringBuilder s = new StringBuilder(19).append(LocalDate.ofEpochDay(epochDay)).append(' ');
    two(s, hour).append(':');
    two(s, minute).append(':');
    return two(s, second).toString();
  }

  private static StringBuilder two(StringBuilder s, int value) {
    return s.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }
}
