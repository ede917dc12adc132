package io.c360.silver;

import java.util.List;

/** Per-table results of the silver stage and the file-level errors (rejected files) that make the run exit 1. */
public final class SilverStageResult {
  private final List<SilverResult> tables;
  private final List<String> errors;

  SilverStageResult(List<SilverResult> tables, List<String> errors) {
    this.tables = List.copyOf(tables);
    this.errors = List.copyOf(errors);
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
