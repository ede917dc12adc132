package io.c360.silver;

import java.util.List;

/**
 * Per-table results of the silver stage, the file-level errors (rejected files) that make the run exit 1 and the
 * warnings (unknown files) that do not.
 */
public final class SilverStageResult {
  private final List<SilverResult> tables;
  private final List<String> errors;
  private final List<String> warnings;
  private final String refreshReason;

  SilverStageResult(List<SilverResult> tables, List<String> errors, List<String> warnings, String refreshReason) {
    this.tables = List.copyOf(tables);
    this.errors = List.copyOf(errors);
    this.warnings = List.copyOf(warnings);
    this.refreshReason = refreshReason;
  }

  /** Bronze files that no table reads, first seen in this version this run: a warning each, no exit code. */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * Why the stage rebuilt silver without being asked to (an interrupted full refresh, a missing table), or null
   * when it did not.
   */
  public String refreshReason() {
    return refreshReason;
  }

  /** One result per table and replay batch, in processing order. */
  public List<SilverResult> tables() {
    return tables;
  }

  public List<String> errors() {
    return errors;
  }

  public boolean hasErrors() {
    return !errors.isEmpty();
  }
}
