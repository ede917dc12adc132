package io.c360.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The machine a benchmark ran on: cores, memory, CPU model (from /proc), Java. */
final class Machine {
  private Machine() {
  }

  static String describe() {
    return String.format(Locale.ROOT, "Machine: %d cores (%s), %.1f GiB RAM, Java %s.",
        Runtime.getRuntime().availableProcessors(), cpu(), memoryBytes() / (double) (1L << 30),
        System.getProperty("java.version"));
  }

  static Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("memoryBytes", memoryBytes());
    m.put("cpu", cpu());
    m.put("java", System.getProperty("java.version"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    return m;
  }

  private static String cpu() {
    for (String line : lines("/proc/cpuinfo")) {
      if (line.startsWith("model name")) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return System.getProperty("os.arch");
  }

  private static long memoryBytes() {
    for (String line : lines("/proc/meminfo")) {
      if (line.startsWith("MemTotal:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return Runtime.getRuntime().maxMemory();
  }

  private static List<String> lines(String file) {
    try {
      return Files.readAllLines(Path.of(file));
    } catch (IOException e) {
      return List.of();
    }
  }
}
