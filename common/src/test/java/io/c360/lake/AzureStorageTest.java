package io.c360.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.config.InvalidConfigException;
import io.c360.config.Settings;
import io.c360.config.SettingsLoader;
import io.c360.secrets.Redaction;
import io.c360.secrets.SecretResolver;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/** Which hadoop-azure keys each {@code c360.storage.auth} sets, with secrets resolved from references. */
class AzureStorageTest {
  private static final String ABFS_ROOT = "abfss://lake@c360lake.dfs.core.windows.net/c360";
  private static final String WASB_ROOT = "wasb://lake@c360lake.blob.core.windows.net/c360";
  private static final String DFS = "c360lake.dfs.core.windows.net";
  private static final String BLOB = "c360lake.blob.core.windows.net";
  private static final Map<String, String> ENV = Map.of("LAKE_KEY", "a2V5LWZyb20tZW52", "LAKE_SAS",
      "?sv=2024-11-04&sig=c2lnbmF0dXJl", "SP_SECRET", "sp~Secret.From-Env");

  private static Settings settings(String root, String... storage) {
    Map<String, String> overrides = new HashMap<>();
    overrides.put("c360.lake.root", root);
    for (int i = 0; i < storage.length; i += 2) {
      overrides.put("c360.storage." + storage[i], storage[i + 1]);
    }
    return SettingsLoader.create().confDirectory(Paths.get("..", "conf")).profile("local").systemProperties(false)
        .environment(Map.of()).overrides(overrides).load();
  }

  private static Configuration apply(Settings settings, List<String> keys) {
    Configuration hadoop = new Configuration(false);
    keys.addAll(AzureStorage.of(settings.storage(), settings.lake().root())
        .secrets(SecretResolver.create().environment(ENV::get)).apply(hadoop));
    return hadoop;
  }

  private static void assertRedacted(List<String> secretKeys) {
    Pattern redaction = Pattern.compile(LakeSpark.REDACTION_REGEX);
    for (String key : secretKeys) {
      assertTrue(redaction.matcher(key).find(), key + " escapes spark.redaction.regex");
    }
  }

  @Test
  void noneSetsNothing() {
    List<String> keys = new java.util.ArrayList<>();
    apply(settings(ABFS_ROOT), keys);
    assertEquals(List.of(), keys);
  }

  @Test
  void accountKeyFromAReferenceServesAbfsAndWasb() {
    List<String> keys = new java.util.ArrayList<>();
    Configuration hadoop = apply(settings(ABFS_ROOT, "auth", "account-key", "account-key", "env://LAKE_KEY"), keys);
    assertEquals(List.of("fs.azure.account.auth.type." + DFS, "fs.azure.account.key." + BLOB,
        "fs.azure.account.key." + DFS), keys);
    assertEquals("SharedKey", hadoop.get("fs.azure.account.auth.type." + DFS));
    assertEquals("a2V5LWZyb20tZW52", hadoop.get("fs.azure.account.key." + DFS));
    assertEquals("a2V5LWZyb20tZW52", hadoop.get("fs.azure.account.key." + BLOB));
    assertEquals("resolved key in " + Redaction.MASK, Redaction.scrub("resolved key in a2V5LWZyb20tZW52"));
    assertRedacted(List.of("fs.azure.account.key." + DFS, "fs.azure.account.key." + BLOB));
  }

  @Test
  void sasServesAbfsThroughAFixedTokenProviderAndWasbForTheRootContainer() throws Exception {
    List<String> keys = new java.util.ArrayList<>();
    Configuration hadoop = apply(settings(WASB_ROOT, "auth", "sas", "sas", "env://LAKE_SAS"), keys);
    String token = "sv=2024-11-04&sig=c2lnbmF0dXJl";
    assertEquals("SAS", hadoop.get("fs.azure.account.auth.type." + DFS));
    assertEquals(token, hadoop.get("fs.azure.sas.fixed.token." + DFS), "leading ? dropped");
    assertEquals(token, hadoop.get("fs.azure.sas.lake." + BLOB));
    String provider = hadoop.get("fs.azure.sas.token.provider.type." + DFS);
    assertEquals(FixedSasTokenProvider.class.getName(), provider, "Hadoop 3.3.4 has no fixed-token provider");
    FixedSasTokenProvider sas = new FixedSasTokenProvider();
    sas.initialize(hadoop, DFS);
    assertEquals(token, sas.getSASToken("c360lake", "lake", "/c360/bronze", "read"));
    assertRedacted(List.of("fs.azure.sas.fixed.token." + DFS, "fs.azure.sas.lake." + BLOB));
  }

  @Test
  void oauthServicePrincipal() {
    List<String> keys = new java.util.ArrayList<>();
    Configuration hadoop = apply(settings(ABFS_ROOT, "auth", "oauth", "tenant-id", "tenant-1", "client-id", "app-1",
        "client-secret", "env://SP_SECRET", "account", "otherlake"), keys);
    String other = "otherlake.dfs.core.windows.net";
    assertEquals("OAuth", hadoop.get("fs.azure.account.auth.type." + other));
    assertEquals(AzureStorage.CLIENT_CREDS_PROVIDER, hadoop.get("fs.azure.account.oauth.provider.type." + other));
    assertEquals("https://login.microsoftonline.com/tenant-1/oauth2/token",
        hadoop.get("fs.azure.account.oauth2.client.endpoint." + other));
    assertEquals("app-1", hadoop.get("fs.azure.account.oauth2.client.id." + other));
    assertEquals("sp~Secret.From-Env", hadoop.get("fs.azure.account.oauth2.client.secret." + other));
    assertEquals(5, keys.size(), keys.toString());
    assertRedacted(List.of("fs.azure.account.oauth2.client.secret." + other));
  }

  @Test
  void managedIdentitySystemAssignedNeedsNoIds() {
    List<String> keys = new java.util.ArrayList<>();
    Configuration hadoop = apply(settings(ABFS_ROOT, "auth", "managed-identity"), keys);
    assertEquals(AzureStorage.MSI_PROVIDER, hadoop.get("fs.azure.account.oauth.provider.type." + DFS));
    assertEquals("", hadoop.get("fs.azure.account.oauth2.msi.tenant." + DFS));
    assertEquals("", hadoop.get("fs.azure.account.oauth2.client.id." + DFS));
  }

  @Test
  void emulatorNamesTheLakeRootsAccountHost() {
    List<String> keys = new java.util.ArrayList<>();
    Configuration hadoop = apply(settings("wasb://lake@devstoreaccount1.blob.core.windows.net/c360", "auth",
        "emulator"), keys);
    assertEquals(List.of(AzureStorage.EMULATOR_ACCOUNT_KEY), keys);
    assertEquals("devstoreaccount1.blob.core.windows.net", hadoop.get(AzureStorage.EMULATOR_ACCOUNT_KEY));
  }

  @Test
  void anUnresolvableSecretIsAConfigErrorNamingTheReferenceNotAValue() {
    Settings s = settings(ABFS_ROOT, "auth", "account-key", "account-key", "env://NOT_SET_ANYWHERE");
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> apply(s, new java.util.ArrayList<>()));
    assertTrue(e.getMessage().startsWith("c360.storage.account-key: env://NOT_SET_ANYWHERE"), e.getMessage());
  }

  @Test
  void theDatabricksProfileResolvesItsEnvironmentReferences() {
    Settings databricks = SettingsLoader.create().confDirectory(Paths.get("..", "conf")).profile("databricks")
        .systemProperties(false).environment(Map.of())
        .overrides(Map.of("c360.lake.root", "abfss://lake@dbxlake.dfs.core.windows.net/c360")).load();
    Configuration hadoop = new Configuration(false);
    AzureStorage.of(databricks.storage(), databricks.lake().root())
        .secrets(SecretResolver.create().environment(Map.of("C360_LAKE_CLIENT_SECRET", "dbx-sp-value")::get))
        .apply(hadoop);
    assertEquals("dbx-sp-value", hadoop.get("fs.azure.account.oauth2.client.secret.dbxlake.dfs.core.windows.net"));
    assertFalse(databricks.describe().contains("dbx-sp-value"));
  }

  @Test
  void accountComesFromTheLakeRoot() {
    assertEquals("c360lake.dfs.core.windows.net", AzureStorage.host(ABFS_ROOT));
    assertEquals("lake", AzureStorage.container(WASB_ROOT));
    assertEquals("", AzureStorage.host("/data/lake"));
    assertEquals("<account>.dfs.core.windows.net",
        AzureStorage.host("abfss://lake@<account>.dfs.core.windows.net/c360"));
  }
}
