package io.c360.generate;

/**
 * Stateless randomness: every attribute and defect is a pure function of (seed, table, row, salt), so the
 * generator can ask whether some parent row was rejected without having kept it, and any seed gives the
 * same bytes on any machine.
 */
final class Hash {
  private Hash() {
  }

  /** SplitMix64's finaliser over the combined inputs. */
  static long mix(long seed, int table, long row, int salt) {
    long z = seed * 0x9E3779B97F4A7C15L + table * 0xBF58476D1CE4E5B9L + row * 0x94D049BB133111EBL + salt;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Uniform in [0, 1). */
  static double unit(long seed, int table, long row, int salt) {
    return (mix(seed, table, row, salt) >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [0, bound). */
  static int below(long seed, int table, long row, int salt, int bound) {
    return (int) Math.floorMod(mix(seed, table, row, salt), (long) bound);
  }

  /** Skewed towards small values: a few items are picked far more often than the rest (Zipf-like). */
  static int skewed(long seed, int table, long row, int salt, int bound) {
    double u = unit(seed, table, row, salt);
    return Math.min(bound - 1, (int) (bound * u * u * u));
  }
}
