package io.c360.generate;

/** Money as the bronze drops write it: {@code 189.9}, {@code 42.5}, {@code 7} — no trailing zeros. */
final class Money {
  private Money() {
  }

  static String format(long cents) {
    long units = cents / 100;
    int fraction = (int) Math.abs(cents % 100);
    String sign = cents < 0 && units == 0 ? "-" : "";
    if (fraction == 0) {
      return sign + units;
    }
    if (fraction % 10 == 0) {
      return sign + units + "." + fraction / 10;
    }
    return sign + units + "." + (fraction < 10 ? "0" : "") + fraction;
  }
}
