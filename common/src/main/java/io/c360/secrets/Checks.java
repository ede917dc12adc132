package io.c360.secrets;

/** Argument checks in the style of Guava's {@code Preconditions}, without the dependency. */
final class Checks {
  private Checks() {
  }

  static void checkArgument(boolean condition, String message, Object... args) {
    if (!condition) {
      throw new IllegalArgumentException(String.format(message, args));
    }
  }
}
