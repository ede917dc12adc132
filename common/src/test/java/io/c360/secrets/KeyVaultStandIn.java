package io.c360.secrets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A stand-in Azure Key Vault on the loopback interface, speaking the part of the REST API the SDK uses to get a
 * secret: HTTPS with a self-signed certificate for localhost and 127.0.0.1, the bearer challenge
 * ({@code WWW-Authenticate} naming a tenant and {@code https://vault.azure.net}), then {@code GET /secrets/<name>}.
 * Secret {@code forbidden} answers 403, {@code echoing} a 400 whose body quotes {@link #ECHOED}, unknown names 404.
 *
 * <p>It also serves an App Service managed identity endpoint (plain HTTP, API version 2019-08-01, the
 * {@code X-IDENTITY-HEADER} check), so that a c360 child process started with {@link #identityEnvironment()} and
 * {@link #trustStoreOptions()} gets its token through {@code DefaultAzureCredential} with nothing stubbed inside it.
 */
public final class KeyVaultStandIn implements AutoCloseable {
  public static final String TENANT = "72f988bf-0000-4000-8000-000000000042";
  /** Returned in an error body: a vault that echoes a value must not leak it through c360. */
  public static final String ECHOED = "echoed-Value-2Wp";
  private static final String TRUST_STORE_PASSWORD = "changeit";

  private final Map<String, String> secrets = new ConcurrentHashMap<>();
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private final List<String> everyRequest = Collections.synchronizedList(new ArrayList<>());
  private final List<String> identityRequests = Collections.synchronizedList(new ArrayList<>());
  private final String token;
  private final String identityHeader;
  private final Path trustStore;
  private final SSLContext clientTls;
  private final HttpsServer vault;
  private final HttpServer identity;

  private KeyVaultStandIn(Path directory, String token, String identityHeader) throws IOException,
      GeneralSecurityException, InterruptedException {
    this.token = token;
    this.identityHeader = identityHeader;
    char[] password = TRUST_STORE_PASSWORD.toCharArray();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(selfSignedLocalhost(directory.resolve("localhost.p12"), password))) {
      keys.load(in, password);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, password);
    SSLContext serverTls = SSLContext.getInstance("TLS");
    serverTls.init(kmf.getKeyManagers(), null, null);

    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    Certificate certificate = keys.getCertificate("localhost");
    trust.setCertificateEntry("localhost", certificate);
    trustStore = directory.resolve("trust.p12");
    try (OutputStream out = Files.newOutputStream(trustStore)) {
      trust.store(out, password);
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    clientTls = SSLContext.getInstance("TLS");
    clientTls.init(null, tmf.getTrustManagers(), null);

    vault = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    vault.setHttpsConfigurator(new HttpsConfigurator(serverTls));
    vault.createContext("/", this::keyVault);
    vault.start();
    identity = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    identity.createContext("/msi/token", this::managedIdentity);
    identity.start();
  }

  /**
   * Starts both servers; {@code directory} receives the certificate and trust store. Requests to the vault must
   * carry {@code token}; the managed identity endpoint hands it out to callers sending {@code identityHeader}.
   */
  public static KeyVaultStandIn start(Path directory, String token, String identityHeader) throws Exception {
    Files.createDirectories(directory);
    return new KeyVaultStandIn(directory, token, identityHeader);
  }

  /** Serves {@code value} as the current version of secret {@code name}. */
  public KeyVaultStandIn secret(String name, String value) {
    secrets.put(name, value);
    return this;
  }

  /** For {@code c360.secrets.keyvault-url-template}: the vault's name is the host, so use vault {@code localhost}. */
  public String urlTemplate() {
    return "https://{vault}:" + vault.getAddress().getPort();
  }

  /** TLS trusting the stand-in's certificate only, for an in-process client. */
  public SSLContext clientTls() {
    return clientTls;
  }

  /** JVM options that make a child process trust the stand-in's certificate (and nothing else). */
  public List<String> trustStoreOptions() {
    return List.of("-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStoreType=PKCS12",
        "-Djavax.net.ssl.trustStorePassword=" + TRUST_STORE_PASSWORD);
  }

  /** The environment of an App Service managed identity whose endpoint is this stand-in. */
  public Map<String, String> identityEnvironment() {
    return Map.of("IDENTITY_ENDPOINT", "http://127.0.0.1:" + identity.getAddress().getPort() + "/msi/token",
        "IDENTITY_HEADER", identityHeader);
  }

  /** Requests the vault received, as {@code METHOD path?query auth=<Authorization>}; cleared by {@link #clear()}. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /** Every request since the start, never cleared: the SDK caches a vault's challenge for its whole JVM. */
  public List<String> everyRequest() {
    return List.copyOf(everyRequest);
  }

  /** Token requests the managed identity endpoint answered, as their query strings. */
  public List<String> identityRequests() {
    return List.copyOf(identityRequests);
  }

  public void clear() {
    requests.clear();
    identityRequests.clear();
  }

  @Override
  public void close() {
    vault.stop(0);
    identity.stop(0);
  }

  /** A certificate for localhost and 127.0.0.1, made with the running JDK's keytool. */
  private static Path selfSignedLocalhost(Path keystore, char[] password) throws IOException, InterruptedException {
    Files.deleteIfExists(keystore);
    Process keytool = new ProcessBuilder(
        Paths.get(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "localhost", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
        "-keystore", keystore.toString(), "-storetype", "PKCS12",
        "-storepass", new String(password), "-keypass", new String(password), "-noprompt")
        .redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
      throw new IOException("keytool could not make a certificate: " + output);
    }
    return keystore;
  }

  private void keyVault(HttpExchange exchange) throws IOException {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    String path = exchange.getRequestURI().getPath().replaceAll("/+$", "");
    String query = String.valueOf(exchange.getRequestURI().getQuery());
    String request = exchange.getRequestMethod() + " " + path + "?" + query + " auth=" + authorization;
    requests.add(request);
    everyRequest.add(request);
    if (authorization == null || !authorization.equals("Bearer " + token)) {
      exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer authorization=\"https://login.microsoftonline"
          + ".com/" + TENANT + "\", resource=\"https://vault.azure.net\"");
      respond(exchange, 401, error("Unauthorized", "AKV10000: Request is missing a Bearer or PoP token."));
      return;
    }
    if (!exchange.getRequestMethod().equals("GET") || !path.startsWith("/secrets/")
        || !query.startsWith("api-version=")) {
      respond(exchange, 400, error("BadParameter", "unexpected request"));
      return;
    }
    String name = path.substring("/secrets/".length());
    String value = secrets.get(name);
    if (value != null) {
      respond(exchange, 200, "{\"value\":\"" + json(value) + "\",\"id\":\"https://localhost:"
          + vault.getAddress().getPort() + "/secrets/" + name + "/1\",\"attributes\":{\"enabled\":true}}");
    } else if (name.equals("forbidden")) {
      respond(exchange, 403, error("Forbidden", "Caller is not authorized to perform action on resource."));
    } else if (name.equals("echoing")) {
      respond(exchange, 400, error("BadParameter", "the value " + ECHOED + " is odd"));
    } else {
      respond(exchange, 404, error("SecretNotFound", "A secret with (name/id) " + name
          + " was not found in this key vault."));
    }
  }

  /** App Service's managed identity protocol (API version 2019-08-01), as MSAL for Java calls it. */
  private void managedIdentity(HttpExchange exchange) throws IOException {
    String query = String.valueOf(exchange.getRequestURI().getQuery());
    identityRequests.add(query);
    if (!identityHeader.equals(exchange.getRequestHeaders().getFirst("X-IDENTITY-HEADER"))) {
      respond(exchange, 401, "{\"statusCode\":401,\"message\":\"X-IDENTITY-HEADER missing or wrong\"}");
      return;
    }
    long expiresOn = Instant.now().plusSeconds(3600).getEpochSecond();
    respond(exchange, 200, "{\"access_token\":\"" + token + "\",\"expires_on\":\"" + expiresOn
        + "\",\"resource\":\"https://vault.azure.net\",\"token_type\":\"Bearer\"}");
  }

  private static String json(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static String error(String code, String message) {
    return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}";
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
