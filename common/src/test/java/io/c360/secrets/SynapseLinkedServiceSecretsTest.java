package io.c360.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.azure.synapse.tokenlibrary.TokenLibrary;
import org.junit.jupiter.api.Test;

/** {@code synapse-keyvault://} through the stand-in TokenLibrary on the test classpath, and without one. */
class SynapseLinkedServiceSecretsTest {
  private static final String PATH = "c360.publish.password";

  @Test
  void readsTheSecretThroughTheLinkedServiceOnceAndMasksIt() {
    TokenLibrary.SECRETS.put("kv_link/c360-kv/c360-sql-password", "p4ss-from-kv");
    TokenLibrary.CALLS.clear();
    SecretResolver resolver = SecretResolver.create();
    Secret secret = resolver.resolve(PATH, "synapse-keyvault://kv_link/c360-kv/c360-sql-password");
    assertEquals("p4ss-from-kv", secret.reveal());
    assertEquals("****", secret.toString());
    resolver.resolve("c360.storage.account-key", "synapse-keyvault://kv_link/c360-kv/c360-sql-password");
    assertEquals(java.util.List.of("kv_link/c360-kv/c360-sql-password"), TokenLibrary.CALLS,
        "vault, secret and linked service in TokenLibrary's order, asked once");
    assertTrue(Redaction.scrub("password=p4ss-from-kv").indexOf("p4ss-from-kv") < 0);
  }

  @Test
  void aRefusalNamesTheLinkedServiceVaultAndSecretButNotTheCausesText() {
    SecretResolutionException e = assertThrows(SecretResolutionException.class,
        () -> SecretResolver.create().resolve(PATH, "synapse-keyvault://kv_link/c360-kv/missing"));
    assertTrue(e.getMessage().startsWith(PATH + ": synapse-keyvault://kv_link/c360-kv/missing: TokenLibrary"
        + ".getSecret failed (java.lang.IllegalStateException)"), e.getMessage());
    assertTrue(e.getMessage().contains("linked service 'kv_link'") && e.getMessage().contains("vault 'c360-kv'")
        && e.getMessage().contains("secret 'missing'"), e.getMessage());
    assertTrue(!e.getMessage().contains("Forbidden"), e.getMessage());
    assertNull(e.getCause());
  }

  @Test
  void withoutTheSynapseRuntimeTheErrorSaysWhereItWorksAndWhatToUseInstead() {
    SecretResolutionException e = assertThrows(SecretResolutionException.class, () -> SecretResolver.create()
        .synapseTokenLibrary("com.example.NoTokenLibrary")
        .resolve(PATH, "synapse-keyvault://kv_link/c360-kv/c360-sql-password"));
    assertEquals(PATH + ": synapse-keyvault://kv_link/c360-kv/c360-sql-password: needs the Synapse runtime's "
        + "com.example.NoTokenLibrary, which this JVM does not have: synapse-keyvault:// works on a Synapse Spark "
        + "pool only; elsewhere use keyvault://c360-kv/c360-sql-password (DefaultAzureCredential), env:// or "
        + "file://", e.getMessage());
  }

  @Test
  void aClassWithoutTheStaticGetSecretIsAnUnexpectedRuntime() {
    SecretResolutionException e = assertThrows(SecretResolutionException.class, () -> SecretResolver.create()
        .synapseTokenLibrary("java.lang.String").resolve(PATH, "synapse-keyvault://kv_link/c360-kv/s"));
    assertTrue(e.getMessage().contains("java.lang.String has no static String getSecret"), e.getMessage());
  }
}
