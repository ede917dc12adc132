package io.c360.generate;

import java.util.Map;
import java.util.TreeMap;

/** Expected silver outcome of one generated table in a single first run with default settings. */
final class TableCounts {
  int files;
  long rows;
  long accepted;
  long duplicates;
  final Map<String, Long> quarantined = new TreeMap<>();
  final Map<String, Long> warnings = new TreeMap<>();

  long quarantinedTotal() {
    return quarantined.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Distinct keys that end in silver. */
  long silver() {
    return accepted - duplicates;
  }
}
