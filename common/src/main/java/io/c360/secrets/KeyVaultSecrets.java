package io.c360.secrets;

import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;

/**
 * Fetches {@code keyvault://<vault>/<secret>} references with the Azure SDK: one {@link SecretClient} per vault,
 * on the JDK's HTTP client (the SDK's default, Netty, clashes with Spark's Netty), authenticated by
 * {@code DefaultAzureCredential} (managed identity on Synapse, Fabric and Databricks; {@code az login} on a
 * laptop) unless a credential is given.
 *
 * <p>The default credential is built on the first fetch, not before: a run whose config holds no
 * {@code keyvault://} reference never probes for Azure identities. HTTP logging is pinned to
 * {@link HttpLogDetailLevel#BASIC} (method, URL, status) so that {@code AZURE_HTTP_LOG_DETAIL_LEVEL=body} cannot
 * make the SDK log a response holding a secret value.
 */
public final class KeyVaultSecrets {
  /** The public Azure cloud; sovereign clouds and tests set their own with {@link #urlTemplate(String)}. */
  public static final String DEFAULT_URL_TEMPLATE = "https://{vault}.vault.azure.net";
  private static final String VAULT = "{vault}";

  private String urlTemplate = DEFAULT_URL_TEMPLATE;
  private TokenCredential credential;
  private SSLContext sslContext;
  private final Map<String, SecretClient> clients = new ConcurrentHashMap<>();

  private KeyVaultSecrets() {
  }

  public static KeyVaultSecrets create() {
    return new KeyVaultSecrets();
  }

  /** What {@link #isUrlTemplate} accepts, worded for an error message. */
  public static final String URL_TEMPLATE_RULE =
      "an https:// URL containing " + VAULT + " (the SDK sends tokens over TLS only), e.g. " + DEFAULT_URL_TEMPLATE;

  /** Whether {@code value} can be a vault URL template: TLS, and a place for the vault's name. */
  public static boolean isUrlTemplate(String value) {
    return value != null && value.startsWith("https://") && value.contains(VAULT);
  }

  /** The vault URL with {@code {vault}} standing for the reference's vault name. */
  public KeyVaultSecrets urlTemplate(String value) {
    Checks.checkArgument(isUrlTemplate(value), "Key Vault URL template '%s' must be %s", value, URL_TEMPLATE_RULE);
    this.urlTemplate = value;
    clients.clear();
    return this;
  }

  /** The credential to get tokens with; default {@code DefaultAzureCredential}, built on first use. */
  public KeyVaultSecrets credential(TokenCredential value) {
    Checks.checkArgument(value != null, "credential may not be null");
    this.credential = value;
    clients.clear();
    return this;
  }

  /** TLS settings for the vault connection (a test's own CA, a proxy's); default: the JVM's trust store. */
  public KeyVaultSecrets sslContext(SSLContext value) {
    this.sslContext = value;
    clients.clear();
    return this;
  }

  /** The URL of a vault, e.g. {@code https://c360-prod.vault.azure.net}. */
  public String vaultUrl(String vault) {
    return urlTemplate.replace(VAULT, vault);
  }

  /**
   * The current version of the referenced secret. Failures name the config path, the reference and the vault
   * URL; the SDK exception is not chained, because a response body quoted in its message may hold a value.
   */
  public Secret fetch(String configPath, SecretReference reference) {
    Checks.checkArgument(reference.scheme() == SecretReference.Scheme.KEYVAULT,
        "%s: %s is not a keyvault:// reference", configPath, reference);
    String url = vaultUrl(reference.vault());
    KeyVaultSecret secret;
    try {
      secret = client(reference.vault()).getSecret(reference.secretName());
    } catch (RuntimeException e) {
      throw new SecretResolutionException(configPath, reference.toString(), describe(e, url, reference));
    }
    if (secret == null || secret.getValue() == null) {
      throw new SecretResolutionException(configPath, reference.toString(), url + " returned no value");
    }
    return Secret.of(secret.getValue());
  }

  private SecretClient client(String vault) {
    return clients.computeIfAbsent(vault, v -> new SecretClientBuilder()
        .vaultUrl(vaultUrl(v))
        .credential(credential())
        .httpClient(httpClient())
        .httpLogOptions(new HttpLogOptions().setLogLevel(HttpLogDetailLevel.BASIC))
        .disableChallengeResourceVerification()
        .buildClient());
  }

  private synchronized TokenCredential credential() {
    if (credential == null) {
      credential = new DefaultAzureCredentialBuilder().build();
    }
    return credential;
  }

  private HttpClient httpClient() {
    if (sslContext == null) {
      return new JdkHttpClientBuilder().build();
    }
    return new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(sslContext)).build();
  }

  /** What went wrong, in words that cannot contain the value: status codes, class names, credential errors. */
  private static String describe(RuntimeException e, String url, SecretReference reference) {
    if (e instanceof ClientAuthenticationException && ((HttpResponseException) e).getResponse() == null) {
      // Raised by the credential before the vault was asked for anything, so it cannot quote a value.
      return "no Azure credential could get a token for " + url + " (" + Redaction.scrub(firstLine(e)) + "); "
          + "on a cluster check its managed identity, on a laptop run 'az login'";
    }
    if (e instanceof HttpResponseException && ((HttpResponseException) e).getResponse() != null) {
      int status = ((HttpResponseException) e).getResponse().getStatusCode();
      switch (status) {
        case 404:
          return "vault " + url + " has no secret '" + reference.secretName() + "' (HTTP 404)";
        case 401:
        case 403:
          return "access to " + url + " denied (HTTP " + status + "); give the identity the 'Key Vault Secrets "
              + "User' role or a 'get' secret access policy on the vault";
        default:
          return url + " answered HTTP " + status;
      }
    }
    return "cannot read from " + url + ": " + causes(e);
  }

  private static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** Class names of the cause chain, e.g. {@code UncheckedIOException <- ConnectException}. */
  private static String causes(Throwable e) {
    StringBuilder text = new StringBuilder(e.getClass().getName());
    Throwable cause = e.getCause();
    for (int depth = 0; cause != null && cause != e && depth < 5; depth++, e = cause, cause = cause.getCause()) {
      text.append(" <- ").append(cause.getClass().getName());
    }
    return text.toString();
  }
}
