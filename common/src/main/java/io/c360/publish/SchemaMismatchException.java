package io.c360.publish;

/** An existing target table does not match the catalog; the message lists every difference. */
public final class SchemaMismatchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SchemaMismatchException(String message) {
    super(message);
  }
}
