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
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
  private static final String[] LOGGERS = {"com.azure", "io.c360", "reactor", "com.microsoft"};

  @TempDir
  static Path tmp;

  private static KeyVaultStandIn vault;
  private static String urlTemplate;
  private static final List<TokenRequestContext> tokenRequests = Collections.synchronizedList(new ArrayList<>());
  private static final Capture capture = new Capture();

  private final TokenCredential credential = context -> {
    tokenRequests.add(context);
    return Mono.just(new AccessToken(TOKEN, OffsetDateTime.now().plusHours(1)));
  };

  @BeforeAll
  static void startStandIn() throws Exception {
    vault = KeyVaultStandIn.start(tmp, TOKEN, "unused-identity-header").secret("db-password", VALUE);
    urlTemplate = vault.urlTemplate();
    capture.start();
  }

  @AfterAll
  static void stopStandIn() {
    if (vault != null) {
      vault.close();
    }
    capture.stop();
  }

  @BeforeEach
  void clearRecords() {
    vault.clear();
    tokenRequests.clear();
  }

  private SecretResolver resolver() {
    return SecretResolver.create().keyVaultUrlTemplate(urlTemplate).credential(credential)
        .sslContext(vault.clientTls());
  }

  @Test
  void keyVaultReferenceResolvesThroughTheSdkAndItsBearerChallenge() {
    Secret secret = resolver().resolve(PATH, "keyvault://localhost/db-password");

    assertEquals(VALUE, secret.reveal());
    assertEquals("****", secret.toString());
    List<String> requests = vault.requests();
    String last = requests.get(requests.size() - 1);
    assertTrue(last.startsWith("GET /secrets/db-password?api-version="), last);
    assertTrue(last.endsWith(" auth=Bearer " + TOKEN), last);
    assertTrue(vault.everyRequest().get(0).endsWith(" auth=null"), "the SDK's first request, answered with the "
        + "challenge, is unauthenticated: " + vault.everyRequest());
    assertEquals(1, tokenRequests.size());
    assertEquals(List.of("https://vault.azure.net/.default"), tokenRequests.get(0).getScopes());
    assertEquals(KeyVaultStandIn.TENANT, tokenRequests.get(0).getTenantId());
    assertEquals("password=****", Redaction.scrub("password=" + VALUE));
  }

  @Test
  void secretIsFetchedOncePerResolver() {
    SecretResolver resolver = resolver();
    resolver.resolve("a.password", "keyvault://localhost/db-password");
    int afterFirst = vault.requests().size();
    assertEquals(VALUE, resolver.resolve("b.password", "keyvault://localhost/db-password").reveal());
    assertEquals(afterFirst, vault.requests().size());
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
    assertFalse(stackTrace(e).contains(KeyVaultStandIn.ECHOED), stackTrace(e));
  }

  @Test
  void credentialFailureSaysHowToLogIn() {
    SecretResolver resolver = SecretResolver.create().keyVaultUrlTemplate(urlTemplate).sslContext(vault.clientTls())
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
        .credential(credential).sslContext(vault.clientTls());
    SecretResolutionException e = assertThrows(SecretResolutionException.class,
        () -> resolver.resolve(PATH, "keyvault://localhost/db-password"));
    assertTrue(e.getMessage().startsWith(PATH + ": keyvault://localhost/db-password: cannot read from https://"
        + "localhost:" + closedPort + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(" <- java.net.ConnectException"), e.getMessage());
  }

  @Test
  void urlTemplateMustUseTlsAndNameTheVault() {
    for (String bad : new String[] {"http://{vault}.vault.azure.net", "https://c360.vault.azure.net", null}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> KeyVaultSecrets.create().urlTemplate(bad));
      assertEquals("Key Vault URL template '" + bad + "' must be an https:// URL containing {vault} (the SDK sends "
          + "tokens over TLS only), e.g. https://{vault}.vault.azure.net", e.getMessage());
    }
    assertEquals("https://c360-prod.vault.azure.cn",
        KeyVaultSecrets.create().urlTemplate("https://{vault}.vault.azure.cn").vaultUrl("c360-prod"));
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
    /** Logger configs of log4j2-common-test.properties replaced while capturing (io.c360), put back by stop(). */
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
