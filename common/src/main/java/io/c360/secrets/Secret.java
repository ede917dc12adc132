package io.c360.secrets;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;

/**
 * A resolved secret value. It prints as {@code ****} so that a settings object holding it can be logged or put
 * in an exception message safely; only {@link #reveal()} gives the value, at the one place that needs it (the
 * JDBC driver, the storage client).
 *
 * <p>Serializable because the JDBC sink ships its settings to Spark executors; a deserialized secret registers
 * itself with {@link Redaction} in the executor's JVM too.
 */
public final class Secret implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String value;

  private Secret(String value) {
    this.value = value;
    Redaction.register(value);
  }

  /** Wraps a value (and registers it for {@link Redaction}). */
  public static Secret of(String value) {
    Checks.checkArgument(value != null, "a secret value may not be null");
    return new Secret(value);
  }

  /** The value itself: pass it straight to whatever needs it, never into a message. */
  public String reveal() {
    return value;
  }

  public boolean isEmpty() {
    return value.isEmpty();
  }

  @Override
  public String toString() {
    return Redaction.MASK;
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    if (value == null) {
      throw new java.io.InvalidObjectException("a secret value may not be null");
    }
    Redaction.register(value);
  }
}
