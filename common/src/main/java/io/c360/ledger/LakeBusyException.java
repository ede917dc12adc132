package io.c360.ledger;

/** Another run holds the lake. */
public final class LakeBusyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LakeBusyException(String message) {
    super(message);
  }
}
