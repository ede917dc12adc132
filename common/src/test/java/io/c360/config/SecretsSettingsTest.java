package io.c360.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.secrets.SecretResolutionException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** {@link SecretsSettings}: the resolver it builds asks the configured vault URL, and there is one per run. */
class SecretsSettingsTest {

  @Test
  void theResolverAsksTheVaultAtTheConfiguredUrl() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    SecretsSettings settings = new SecretsSettings("https://{vault}:" + closedPort);

    // The SDK's first request carries no token, so no credential is needed to see where it went.
    SecretResolutionException e = assertThrows(SecretResolutionException.class,
        () -> settings.resolver().resolve("c360.publish.password", "keyvault://localhost/db-password"));
    assertTrue(e.getMessage().startsWith("c360.publish.password: keyvault://localhost/db-password: cannot read from "
        + "https://localhost:" + closedPort + ": "), e.getMessage());
    assertEquals("https://{vault}:" + closedPort, settings.keyVaultUrlTemplate());
  }

  @Test
  void everyCallerGetsTheSameResolverSoASecretIsFetchedOncePerRun() {
    SecretsSettings settings = new SecretsSettings("https://{vault}.vault.azure.net");
    assertSame(settings.resolver(), settings.resolver());
    assertNotSame(settings.resolver(), new SecretsSettings("https://{vault}.vault.azure.net").resolver());
  }
}
