package io.c360.config;

/** A setting is unknown, missing or has a bad value; the message names its path and where it was set. */
public final class InvalidConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidConfigException(String message) {
    super(message);
  }
}
