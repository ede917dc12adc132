package io.c360.secrets;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The value of a secret config key, parsed: a reference to where the secret lives ({@code keyvault://},
 * {@code synapse-keyvault://}, {@code env://}, {@code file://}) or the secret itself (a literal). Parsing checks
 * the form only and touches nothing outside the JVM; {@link SecretResolver} does the fetching.
 *
 * <p>A reference string is not secret and is shown by {@link #toString()} and in error messages, so an operator
 * can see which vault, variable or file was meant. A literal is the secret: it prints as {@code (literal)}.
 * Scheme names are matched ignoring case, so that {@code KeyVault://v/s} is not silently taken for a password.
 */
public final class SecretReference {
  /** Where a secret comes from. */
  public enum Scheme {
    KEYVAULT("keyvault://"), SYNAPSE_KEYVAULT("synapse-keyvault://"), ENV("env://"), FILE("file://"), LITERAL("");

    private final String prefix;

    Scheme(String prefix) {
      this.prefix = prefix;
    }

    /** How a reference of this scheme starts, e.g. {@code keyvault://}; empty for a literal. */
    public String prefix() {
      return prefix;
    }
  }

  /** Key Vault secret names: 1–127 letters, digits and dashes. */
  private static final Pattern SECRET_NAME = Pattern.compile("[0-9A-Za-z-]{1,127}");
  /** Vault names are letters, digits and dashes (3–24 in Azure; not enforced so a test host fits). */
  private static final Pattern VAULT_NAME = Pattern.compile("[0-9A-Za-z-]+");
  /** Synapse linked service names: letters, digits, underscores and dashes. */
  private static final Pattern LINKED_SERVICE_NAME = Pattern.compile("[0-9A-Za-z_-]+");
  private static final String LITERAL = "(literal)";

  private final Scheme scheme;
  private final String reference;
  private final String vault;
  private final String secretName;
  private final String linkedService;
  private final String variable;
  private final Path path;
  private final Secret literal;

  private SecretReference(Scheme scheme, String reference, String vault, String secretName, String variable,
      Path path, Secret literal) {
    this(scheme, reference, vault, secretName, null, variable, path, literal);
  }

  private SecretReference(Scheme scheme, String reference, String vault, String secretName, String linkedService,
      String variable, Path path, Secret literal) {
    this.scheme = scheme;
    this.reference = reference;
    this.vault = vault;
    this.secretName = secretName;
    this.linkedService = linkedService;
    this.variable = variable;
    this.path = path;
    this.literal = literal;
  }

  /**
   * Whether {@code value} is written as a reference ({@code keyvault://}, {@code env://}, {@code file://}, any
   * case) rather than a literal secret; the same test {@link #parse} applies, without validating the rest.
   */
  public static boolean isReference(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    for (Scheme scheme : Scheme.values()) {
      if (scheme != Scheme.LITERAL && lower.startsWith(scheme.prefix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Parses the value of config key {@code configPath}; a malformed reference fails with a
   * {@link SecretResolutionException} naming the path and the expected form.
   */
  public static SecretReference parse(String configPath, String value) {
    Checks.checkArgument(configPath != null && !configPath.isEmpty(), "a config path is required");
    Checks.checkArgument(value != null, "%s: no value", configPath);
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.startsWith(Scheme.KEYVAULT.prefix)) {
      return keyVault(configPath, value, value.substring(Scheme.KEYVAULT.prefix.length()));
    }
    if (lower.startsWith(Scheme.SYNAPSE_KEYVAULT.prefix)) {
      return synapseKeyVault(configPath, value, value.substring(Scheme.SYNAPSE_KEYVAULT.prefix.length()));
    }
    if (lower.startsWith(Scheme.ENV.prefix)) {
      return env(configPath, value, value.substring(Scheme.ENV.prefix.length()));
    }
    if (lower.startsWith(Scheme.FILE.prefix)) {
      return file(configPath, value, value.substring(Scheme.FILE.prefix.length()));
    }
    return new SecretReference(Scheme.LITERAL, LITERAL, null, null, null, null, Secret.of(value));
  }

  private static SecretReference keyVault(String configPath, String value, String rest) {
    return keyVault(configPath, value, rest, "expected keyvault://<vault>/<secret>");
  }

  private static SecretReference keyVault(String configPath, String value, String rest, String expected) {
    int slash = rest.indexOf('/');
    if (slash < 0 || slash == rest.length() - 1) {
      throw new SecretResolutionException(configPath, value, "no secret name; " + expected);
    }
    String vault = rest.substring(0, slash);
    String name = rest.substring(slash + 1);
    if (!VAULT_NAME.matcher(vault).matches()) {
      throw new SecretResolutionException(configPath, value,
          "vault name '" + vault + "' is not letters, digits and dashes; " + expected);
    }
    if (!SECRET_NAME.matcher(name).matches()) {
      throw new SecretResolutionException(configPath, value,
          "secret name '" + name + "' is not 1-127 letters, digits and dashes (no versions); " + expected);
    }
    return new SecretReference(Scheme.KEYVAULT, value, vault, name, null, null, null);
  }

  /** {@code synapse-keyvault://<linked-service>/<vault>/<secret>}: Key Vault through a Synapse linked service. */
  private static SecretReference synapseKeyVault(String configPath, String value, String rest) {
    String expected = "expected synapse-keyvault://<linked-service>/<vault>/<secret>";
    int slash = rest.indexOf('/');
    if (slash < 1) {
      throw new SecretResolutionException(configPath, value, "no linked service; " + expected);
    }
    String linkedService = rest.substring(0, slash);
    if (!LINKED_SERVICE_NAME.matcher(linkedService).matches()) {
      throw new SecretResolutionException(configPath, value, "linked service name '" + linkedService
          + "' is not letters, digits, underscores and dashes; " + expected);
    }
    SecretReference vault = keyVault(configPath, value, rest.substring(slash + 1), expected);
    return new SecretReference(Scheme.SYNAPSE_KEYVAULT, value, vault.vault, vault.secretName, linkedService, null,
        null, null);
  }

  private static SecretReference env(String configPath, String value, String variable) {
    if (variable.isEmpty() || variable.contains("=") || variable.chars().anyMatch(Character::isWhitespace)) {
      throw new SecretResolutionException(configPath, value,
          "no usable environment variable name; expected env://VAR");
    }
    return new SecretReference(Scheme.ENV, value, null, null, variable, null, null);
  }

  private static SecretReference file(String configPath, String value, String rest) {
    if (!rest.startsWith("/") || rest.length() == 1) {
      throw new SecretResolutionException(configPath, value,
          "not an absolute file path; expected file:///absolute/path (three slashes)");
    }
    return new SecretReference(Scheme.FILE, value, null, null, null, Paths.get(rest), null);
  }

  public Scheme scheme() {
    return scheme;
  }

  public boolean isLiteral() {
    return scheme == Scheme.LITERAL;
  }

  /** The linked service of a {@code synapse-keyvault://} reference, else null. */
  public String linkedService() {
    return linkedService;
  }

  /** The vault of a {@code keyvault://} or {@code synapse-keyvault://} reference, else null. */
  public String vault() {
    return vault;
  }

  /** The secret name of a {@code keyvault://} or {@code synapse-keyvault://} reference, else null. */
  public String secretName() {
    return secretName;
  }

  /** The variable of an {@code env://} reference, else null. */
  public String variable() {
    return variable;
  }

  /** The file of a {@code file://} reference, else null. */
  public Path path() {
    return path;
  }

  /** The value of a literal; null for a reference. */
  Secret literal() {
    return literal;
  }

  /** The reference as written, or {@code (literal)}: never a secret value. */
  @Override
  public String toString() {
    return reference;
  }

  /** References are equal when written alike; literals only to themselves (they are not compared by value). */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof SecretReference) || isLiteral()) {
      return false;
    }
    SecretReference other = (SecretReference) o;
    return scheme == other.scheme && reference.equals(other.reference);
  }

  @Override
  public int hashCode() {
    return isLiteral() ? System.identityHashCode(this) : Objects.hash(scheme, reference);
  }
}
