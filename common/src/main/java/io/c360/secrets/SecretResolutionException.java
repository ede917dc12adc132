package io.c360.secrets;

/**
 * A secret reference is malformed or could not be resolved. The message names the config path and the
 * reference ({@code keyvault://v/s}, {@code env://VAR}, {@code file:///p} — references are not secret) and what
 * to do; it never contains a secret value, and no exception whose message might quote one is chained as cause.
 */
public final class SecretResolutionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String configPath;
  private final String reference;

  SecretResolutionException(String configPath, String reference, String problem) {
    this(configPath, reference, problem, null);
  }

  /** {@code cause} must be an exception that cannot carry a secret value (an I/O error on a path, say). */
  SecretResolutionException(String configPath, String reference, String problem, Throwable cause) {
    super(configPath + ": " + reference + ": " + problem, cause);
    this.configPath = configPath;
    this.reference = reference;
  }

  /** The config path whose value is the reference, e.g. {@code c360.publish.sqlserver.password}. */
  public String configPath() {
    return configPath;
  }

  /** The reference as written, or {@code (literal)} for a literal value. */
  public String reference() {
    return reference;
  }
}
