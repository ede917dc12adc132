package io.c360.silver;

/** An expectation whose action is {@code fail} was violated: the run stops before that table's MERGE (exit 1). */
public final class ExpectationFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ExpectationFailedException(String message) {
    super(message);
  }
}
