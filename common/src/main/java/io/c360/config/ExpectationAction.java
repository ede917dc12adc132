package io.c360.config;

/** What an expectation does with a violating row, as in Delta Live Tables. */
public enum ExpectationAction {
  /** Keep the row and count it. */
  WARN,
  /** Quarantine the row with reason {@code EXPECTATION:<name>}. */
  DROP,
  /** Stop before the table's MERGE; the run exits 1. */
  FAIL
}
