package io.c360.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.exception.ClientAuthenticationException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/**
 * {@code keyvault://} through the real Azure SDK against a local HTTPS stand-in for Key Vault: TLS with a
 * certificate made by {@code keytool} for this run, the SDK's unauthenticated first request, the 401 bearer
 * challenge, the token request for the challenge's resource and tenant, and the authenticated retry.
 */
class KeyVaultSecretsTest {
  private static final String PATH = "c360.publish.sqlserver.password";
  private static final String VALUE = "kv-Value-5Tz!q\"<&>";
  private static final String TOKEN = "test-access-token-1";
  private static final String TENANT = "72f988bf-0000-4000-8000-000000000042";
  /** Returned by the stand-in in an error body: a vault that echoes a value must not leak it through us. */
  private static final String ECHOED = "echoed-Value-2Wp";
  private static final String[] LOGGERS = {"com.azure", "io.c360", "reactor", "com.microsoft"};

  @TempDir
  static Path tmp;

  private static HttpsServer server;
  private static SSLContext clientTls;
  private static String urlTemplate;
  private static final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  /** Never cleared: the SDK caches a vault's challenge for the whole JVM, so only the first request is bare. */
  private static final List<String> everyRequest = Collections.synchronizedList(new ArrayList<>());
  private static final List<TokenRequestContext> tokenRequests = Collections.synchronizedList(new ArrayList<>());
  private static final Capture capture = new Capture();

  private final TokenCredential credential = context -> {
    tokenRequests.add(context);
    return Mono.just(new AccessToken(TOKEN, OffsetDateTime.now().plusHours(1)));
  };

  @BeforeAll
  static void startStandIn() throws Exception {
    char[] password = "changeit".toCharArray();
    Path keystore = selfSignedLocalhost(password);
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
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
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    clientTls = SSLContext.getInstance("TLS");
    clientTls.init(null, tmf.getTrustManagers(), null);

    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
    server.createContext("/", KeyVaultSecretsTest::keyVault);
    server.start();
    urlTemplate = "https://{vault}:" + server.getAddress().getPort();
    capture.start();
  }

  @AfterAll
  static void stopStandIn() {
    if (server != null) {
      server.stop(0);
    }
    capture.stop();
  }

  @BeforeEach
  void clearRecords() {
    requests.clear();
    tokenRequests.clear();
  }

  /** A certificate for localhost and 127.0.0.1, made with the running JDK's keytool. */
  private static Path selfSignedLocalhost(char[] password) throws IOException, InterruptedException {
    Path keystore = tmp.resolve("localhost.p12");
    Process keytool = new ProcessBuilder(
        Paths.get(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "localhost", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
        "-keystore", keystore.toString(), "-storetype", "PKCS12",
        "-storepass", new String(password), "-keypass", new String(password), "-noprompt")
        .redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(keytool.waitFor(60, TimeUnit.SECONDS), "keytool did not finish");
    assertEquals(0, keytool.exitValue(), "keytool failed: " + output);
    return keystore;
  }

  /** The part of Key Vault's REST API the SDK uses to get a secret, with its bearer challenge. */
  private static void keyVault(HttpExchange exchange) throws IOException {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    String path = exchange.getRequestURI().getPath().replaceAll("/+$", "");
    String query = String.valueOf(exchange.getRequestURI().getQuery());
    String request = exchange.getRequestMethod() + " " + path + "?" + query + " auth=" + authorization;
    requests.add(request);
    everyRequest.add(request);
    if (authorization == null || !authorization.equals("Bearer " + TOKEN)) {
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
    String port = String.valueOf(server.getAddress().getPort());
    switch (name) {
      case "db-password":
        respond(exchange, 200, "{\"value\":\"" + VALUE.replace("\"", "\\\"") + "\",\"id\":\"https://localhost:"
            + port + "/secrets/db-password/1\",\"attributes\":{\"enabled\":true}}");
        return;
      case "forbidden":
        respond(exchange, 403, error("Forbidden", "Caller is not authorized to perform action on resource."));
        return;
      case "echoing":
        respond(exchange, 400, error("BadParameter", "the value " + ECHOED + " is odd"));
        return;
      default:
        respond(exchange, 404, error("SecretNotFound", "A secret with (name/id) " + name
            + " was not found in this key vault."));
    }
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

  private SecretResolver resolver() {
    return SecretResolver.create().keyVaultUrlTemplate(urlTemplate).credential(credential).sslContext(clientTls);
  }

  @Test
  void keyVaultReferenceResolvesThroughTheSdkAndItsBearerChallenge() {
    Secret secret = resolver().resolve(PATH, "keyvault://localhost/db-password");

    assertEquals(VALUE, secret.reveal());
    assertEquals("****", secret.toString());
    String last = requests.get(requests.size() - 1);
    assertTrue(last.startsWith("GET /secrets/db-password?api-version="), last);
    assertTrue(last.endsWith(" auth=Bearer " + TOKEN), last);
    assertTrue(everyRequest.get(0).endsWith(" auth=null"), "the SDK's first request, answered with the challenge, "
        + "is unauthenticated: " + everyRequest);
    assertEquals(1, tokenRequests.size());
    assertEquals(List.of("https://vault.azure.net/.default"), tokenRequests.get(0).getScopes());
    assertEquals(TENANT, tokenRequests.get(0).getTenantId());
    assertEquals("password=****", Redaction.scrub("password=" + VALUE));
  }

  @Test
  void secretIsFetchedOncePerResolver() {
    SecretResolver resolver = resolver();
    resolver.resolve("a.password", "keyvault://localhost/db-password");
    int afterFirst = requests.size();
    assertEquals(VALUE, resolver.resolve("b.password", "keyvault://localhost/db-password").reveal());
    assertEquals(afterFirst, requests.size());
  }

  @Test
  void unknownSecretFailsNamingPathAndReference() {
    SecretResolutionException e = assertThrows(SecretResolutionException.class,
        () -> resolver().resolve(PATH, "keyvault://localhost/no-such-secret"));
    assertEquals(PATH + ": keyvault://localhost/no-such-secret: vault " + urlTemplate.replace("{vault}", "localhost")
        + " has no secret 'no-such-secret' (HTTP 404)", e.getMessage());
    assertEquals(PATH, e.configPath());
    assertEquals("keyvault://localhost/no-such-secret", e.reference());
    assertNull(e.getCause());
  }

  @Test
  void deniedAccessSaysWhichRoleIsMissing() {
    SecretResolutionException e = assertThrows(SecretResolutionException.class,
        () -> resolver().resolve(PATH, "keyvault://localhost/forbidden"));
    assertTrue(e.getMessage().startsWith(PATH + ": keyvault://localhost/forbidden: access to https://localhost:"),
        e.getMessage());
    assertTrue(e.getMessage().contains("denied (HTTP 403); give the identity the 'Key Vault Secrets User' role"),
        e.getMessage());
  }

  @Test
  void anErrorBodyQuotingAValueDoesNotReachTheMessage() {
    SecretResolutionException e = assertThrows(SecretResolutionException.class,
        () -> resolver().resolve(PATH, "keyvault://localhost/echoing"));
    assertEquals(PATH + ": keyvault://localhost/echoing: " + urlTemplate.replace("{vault}", "localhost")
        + " answered HTTP 400", e.getMessage());
    assertFalse(stackTrace(e).contains(ECHOED), stackTrace(e));
  }

  @Test
  void credentialFailureSaysHowToLogIn() {
    SecretResolver resolver = SecretResolver.create().keyVaultUrlTemplate(urlTemplate).sslContext(clientTls)
        .credential(context -> Mono.error(new ClientAuthenticationException(
            "ManagedIdentityCredential authentication unavailable.\nsecond line", null)));
    SecretResolutionException e = assertThrows(SecretResolutionException.class,
        () -> resolver.resolve(PATH, "keyvault://localhost/db-password"));
    assertEquals(PATH + ": keyvault://localhost/db-password: no Azure credential could get a token for "
        + urlTemplate.replace("{vault}", "localhost") + " (ManagedIdentityCredential authentication unavailable.);"
        + " on a cluster check its managed identity, on a laptop run 'az login'", e.getMessage());
    assertNull(e.getCause());
  }

  @Test
  void unreachableVaultNamesTheUrl() throws IOException {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    SecretResolver resolver = SecretResolver.create().keyVaultUrlTemplate("https://{vault}:" + closedPort)
        .credential(credential).sslContext(clientTls);
    SecretResolutionException e = assertThrows(SecretResolutionException.class,
        () -> resolver.resolve(PATH, "keyvault://localhost/db-password"));
    assertTrue(e.getMessage().startsWith(PATH + ": keyvault://localhost/db-password: cannot read from https://"
        + "localhost:" + closedPort + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(" <- java.net.ConnectException"), e.getMessage());
  }

  @Test
  void valueNeverReachesTheLogsEvenWithAzureLoggingAtAll() {
    resolver().resolve(PATH, "keyvault://localhost/db-password");
    assertThrows(SecretResolutionException.class, () -> resolver().resolve(PATH, "keyvault://localhost/nope"));

    List<String> lines = capture.lines();
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("io.c360.secrets.SecretResolver INFO " + PATH
        + ": resolved keyvault://localhost/db-password")), String.join("\n", lines));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("com.azure.")), "the SDK's own logging was captured");
    for (String line : lines) {
      assertFalse(line.contains(VALUE), line);
      assertFalse(line.contains(TOKEN), line);
    }
  }

  private static String stackTrace(Throwable e) {
    StringWriter text = new StringWriter();
    e.printStackTrace(new PrintWriter(text));
    return text.toString();
  }

  /** Every event of the Azure SDK, reactor, MSAL and our own code, at every level, with its stack trace. */
  private static final class Capture extends AbstractAppender {
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    /** Logger configs of log4j2-test.properties replaced while capturing (io.c360), put back by stop(). */
    private final List<LoggerConfig> replaced = new ArrayList<>();

    Capture() {
      super("secrets-test-capture", null, null, true, Property.EMPTY_ARRAY);
    }

    @Override
    public void append(LogEvent event) {
      String line = event.getLoggerName() + " " + event.getLevel() + " " + event.getMessage().getFormattedMessage();
      if (event.getThrown() != null) {
        line += "\n" + stackTrace(event.getThrown());
      }
      lines.add(line);
    }

    List<String> lines() {
      synchronized (lines) {
        return new ArrayList<>(lines);
      }
    }

    @Override
    public void start() {
      super.start();
      LoggerContext context = (LoggerContext) LogManager.getContext(false);
      Configuration config = context.getConfiguration();
      config.addAppender(this);
      for (String name : LOGGERS) {
        LoggerConfig existing = config.getLoggers().get(name);
        if (existing != null) {
          replaced.add(existing);
          config.removeLogger(name);
        }
        LoggerConfig logger = new LoggerConfig(name, Level.ALL, false);
        logger.addAppender(this, Level.ALL, null);
        config.addLogger(name, logger);
      }
      context.updateLoggers();
    }

    @Override
    public void stop() {
      LoggerContext context = (LoggerContext) LogManager.getContext(false);
      Configuration config = context.getConfiguration();
      for (String name : LOGGERS) {
        config.removeLogger(name);
      }
      for (LoggerConfig logger : replaced) {
        config.addLogger(logger.getName(), logger);
      }
      context.updateLoggers();
      super.stop();
    }
  }
}
