package io.c360.silver;

/** A table's counts do not add up (DESIGN §4 step 7): something lost or invented rows, so the run fails. */
public final class ReconciliationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ReconciliationException(String message) {
    super(message);
  }
}
