package io.c360.gold;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a gold run did: the row count of every gold table, and which of them it wrote (the others were current). */
public final class GoldStageResult {
  private final Map<String, Long> rows;
  private final List<String> written;

  GoldStageResult(Map<String, Long> rows, List<String> written) {
    this.rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
    this.written = List.copyOf(written);
  }

  /** Rows per gold table, as of this run, in {@link GoldQuery#TABLES} order. */
  public Map<String, Long> rows() {
    return rows;
  }

  /** The gold tables this run replaced; a table left out was computed from the same silver versions already. */
  public List<String> written() {
    return written;
  }
}
