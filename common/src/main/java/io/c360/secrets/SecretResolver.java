package io.c360.secrets;

import com.azure.core.credential.TokenCredential;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the value of a secret config key into a {@link Secret} at start-up: {@code keyvault://<vault>/<secret>},
 * {@code synapse-keyvault://<linked-service>/<vault>/<secret>}, {@code env://VAR}, {@code file:///path}, or the
 * value itself (see {@link SecretReference}).
 *
 * <pre>
 * SecretResolver secrets = SecretResolver.create();
 * Secret password = secrets.resolve("c360.publish.sqlserver.password", config.getString(path));
 * </pre>
 *
 * <p>Each reference is fetched once per resolver and cached, so a vault is not asked again for every key that
 * names the same secret. A reference that resolves to an empty value fails: an unset CI secret or an empty
 * mounted file usually shows up as "" and would otherwise surface later as a baffling login failure. An empty
 * literal stays allowed ("no password"). Failures are {@link SecretResolutionException}s naming the config path
 * and the reference, never a value. Configure the resolver before the first {@code resolve}.
 */
public final class SecretResolver {
  private static final Logger LOG = LoggerFactory.getLogger(SecretResolver.class);

  private final KeyVaultSecrets keyVault = KeyVaultSecrets.create();
  private final SynapseLinkedServiceSecrets synapse = new SynapseLinkedServiceSecrets();
  private Function<String, String> environment = System::getenv;
  private final Map<SecretReference, Secret> cache = new ConcurrentHashMap<>();

  private SecretResolver() {
  }

  public static SecretResolver create() {
    return new SecretResolver();
  }

  /** Vault URL with {@code {vault}} for the vault name; default {@value KeyVaultSecrets#DEFAULT_URL_TEMPLATE}. */
  public SecretResolver keyVaultUrlTemplate(String value) {
    keyVault.urlTemplate(value);
    return this;
  }

  /** The Azure credential for {@code keyvault://}; default {@code DefaultAzureCredential}, built on first use. */
  public SecretResolver credential(TokenCredential value) {
    keyVault.credential(value);
    return this;
  }

  /** TLS settings for Key Vault connections; default the JVM's trust store. */
  public SecretResolver sslContext(SSLContext value) {
    keyVault.sslContext(value);
    return this;
  }

  /** The class {@code synapse-keyvault://} looks up instead of Synapse's TokenLibrary (tests). */
  SecretResolver synapseTokenLibrary(String className) {
    synapse.className(className);
    return this;
  }

  /** Where {@code env://} variables are looked up; default {@link System#getenv(String)} (tests pass a map). */
  public SecretResolver environment(Function<String, String> lookup) {
    Checks.checkArgument(lookup != null, "environment lookup may not be null");
    this.environment = lookup;
    return this;
  }

  /** Parses and resolves the value of config key {@code configPath}. */
  public Secret resolve(String configPath, String value) {
    return resolve(configPath, SecretReference.parse(configPath, value));
  }

  /** Resolves a parsed reference; {@code configPath} is named in any failure. */
  public Secret resolve(String configPath, SecretReference reference) {
    if (reference.isLiteral()) {
      return reference.literal();
    }
    Secret cached = cache.get(reference);
    if (cached != null) {
      return cached;
    }
    Secret secret = fetch(configPath, reference);
    if (secret.isEmpty()) {
      throw new SecretResolutionException(configPath, reference.toString(),
          "resolved to an empty value; set the secret, or write \"\" in the config for no value");
    }
    LOG.info("{}: resolved {}", configPath, reference);
    Secret raced = cache.putIfAbsent(reference, secret);
    return raced != null ? raced : secret;
  }

  private Secret fetch(String configPath, SecretReference reference) {
    switch (reference.scheme()) {
      case ENV:
        return fromEnvironment(configPath, reference);
      case FILE:
        return fromFile(configPath, reference);
      case KEYVAULT:
        return keyVault.fetch(configPath, reference);
      case SYNAPSE_KEYVAULT:
        return synapse.fetch(configPath, reference);
      default:
        throw new IllegalStateException("unexpected scheme " + reference.scheme());
    }
  }

  private Secret fromEnvironment(String configPath, SecretReference reference) {
    String value = environment.apply(reference.variable());
    if (value == null) {
      throw new SecretResolutionException(configPath, reference.toString(),
          "environment variable " + reference.variable() + " is not set");
    }
    return Secret.of(value);
  }

  /** The file's content as UTF-8 with one trailing newline ({@code \n} or {@code \r\n}) removed. */
  private static Secret fromFile(String configPath, SecretReference reference) {
    String content;
    try {
      content = Files.readString(reference.path(), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new SecretResolutionException(configPath, reference.toString(),
          "file " + reference.path() + " does not exist");
    } catch (IOException e) {
      // I/O errors name the path and the failure, never the content: safe to chain.
      throw new SecretResolutionException(configPath, reference.toString(),
          "cannot read file " + reference.path() + ": " + e.getClass().getSimpleName(), e);
    }
    if (content.endsWith("\r\n")) {
      content = content.substring(0, content.length() - 2);
    } else if (content.endsWith("\n")) {
      content = content.substring(0, content.length() - 1);
    }
    return Secret.of(content);
  }
}
