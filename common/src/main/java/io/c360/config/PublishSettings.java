package io.c360.config;

import io.c360.secrets.JdbcUrlSecrets;

/**
 * {@code c360.publish}: the SQL target. {@link #password()} is the configured text, possibly a secret reference
 * ({@code keyvault://}, {@code env://}, {@code file://}) to resolve before use; {@link #toString()} never shows it.
 */
public final class PublishSettings {
  private final String target;
  private final String url;
  private final String user;
  private final String password;
  private final String authentication;
  private final int batchSize;
  private final int parallelism;

  PublishSettings(String target, String url, String user, String password, String authentication, int batchSize,
      int parallelism) {
    this.target = target;
    this.url = url;
    this.user = user;
    this.password = password;
    this.authentication = authentication;
    this.batchSize = batchSize;
    this.parallelism = parallelism;
  }

  /** h2, postgresql or sqlserver. */
  public String target() {
    return target;
  }

  /** The JDBC URL, or "" for the default H2 database under the lake root. */
  public String url() {
    return url;
  }

  public String user() {
    return user;
  }

  /** The password as configured: a literal or a secret reference. */
  public String password() {
    return password;
  }

  public String authentication() {
    return authentication;
  }

  public int batchSize() {
    return batchSize;
  }

  public int parallelism() {
    return parallelism;
  }

  @Override
  public String toString() {
    return target + " " + (url.isEmpty() ? "(lake database)" : JdbcUrlSecrets.masked(url))
        + (user.isEmpty() ? "" : " as " + user);
  }
}
