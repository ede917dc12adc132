package io.c360.publish;

/**
 * Publishing a table failed; its transaction was rolled back, so the target still holds the previously published
 * version of that table, and the next run resumes from there.
 */
public final class PublishException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PublishException(String message, Throwable cause) {
    super(message, cause);
  }
}
