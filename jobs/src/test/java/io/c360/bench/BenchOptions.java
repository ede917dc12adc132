package io.c360.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The command line of {@code scripts/bench}. */
final class BenchOptions {
  final List<Integer> scales = new ArrayList<>(List.of(1000, 4000, 16000));
  /** -Xmx of every c360 and Spark child JVM, as scripts/c360's default. */
  String driverMemory = "4g";
  /** -Xmx of the memory check; null skips it. */
  String memoryHeap = "256m";
  /** Scale of the memory check; 0 = the smallest requested scale with bronze >= 4x the heap, else a larger one. */
  int memoryScale;
  Path root = Path.of("").toAbsolutePath();

  static BenchOptions parse(String[] args) {
    BenchOptions o = new BenchOptions();
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--scales":
          o.scales.clear();
          for (String s : require(args[i], value).split(",")) {
            o.scales.add(Integer.parseInt(s.trim()));
          }
          i++;
          break;
        case "--driver-memory":
          o.driverMemory = require(args[i], value);
          i++;
          break;
        case "--memory-heap":
          o.memoryHeap = require(args[i], value).equals("none") ? null : value;
          i++;
          break;
        case "--memory-scale":
          o.memoryScale = Integer.parseInt(require(args[i], value));
          i++;
          break;
        case "--root":
          o.root = Path.of(require(args[i], value)).toAbsolutePath();
          i++;
          break;
        default:
          throw new IllegalArgumentException("unknown option " + args[i] + "; usage: scripts/bench [--scales 1000,4000,"
              + "16000] [--driver-memory 4g] [--memory-heap 256m|none] [--memory-scale N]");
      }
    }
    return o;
  }

  private static String require(String option, String value) {
    if (value == null) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return value;
  }

  /** A JVM size like 256m or 4g in bytes. */
  static long bytes(String size) {
    String s = size.trim().toLowerCase(Locale.ROOT);
    long unit = s.endsWith("g") ? 1L << 30 : s.endsWith("m") ? 1L << 20 : s.endsWith("k") ? 1L << 10 : 1;
    return Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1)) * unit;
  }
}
