package io.c360.gold;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a gold run did: the row count of every gold table, which of them it committed, and how it computed them. */
public final class GoldStageResult {
  /** How a gold run computed. */
  public enum Mode {
    /** Silver and the gold SQL were as gold last recorded them: nothing was read or written. */
    CURRENT,
    /** From silver's change data feed since the recorded versions: only the affected rows were recomputed. */
    INCREMENTAL,
    /** From all of silver: first run, {@code --full-refresh}, a new gold SQL, or a feed that could not answer. */
    FULL
  }

  private final Map<String, Long> rows;
  private final List<String> written;
  private final Mode mode;

  GoldStageResult(Map<String, Long> rows, List<String> written, Mode mode) {
    this.rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
    this.written = List.copyOf(written);
    this.mode = mode;
  }

  /** Rows per gold table, as of this run, in {@link GoldQuery#TABLES} order. */
  public Map<String, Long> rows() {
    return rows;
  }

  /** The gold tables this run committed; a table left out had no row that differed (or inputs that changed). */
  public List<String> written() {
    return written;
  }

  public Mode mode() {
    return mode;
  }
}
