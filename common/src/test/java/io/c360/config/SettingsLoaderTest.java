package io.c360.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every default and every override layer pinned, Trino style. */
class SettingsLoaderTest {

  @TempDir
  Path tmp;

  /** Paths the defaults test asserts; reference.conf may not have a key outside this set. */
  private static final Set<String> ASSERTED = Set.of(
      "c360.profile", "c360.lake.root", "c360.lake.database", "c360.lake.lock-timeout", "c360.spark.master",
      "c360.spark.app-name", "c360.spark.shuffle-partitions", "c360.spark.concurrent-tables",
      "c360.spark.codegen-min-input", "c360.spark.conf", "c360.bronze.encoding", "c360.bronze.max-record-lines",
      "c360.quality.max-rejected-fraction", "c360.quality.domain-action", "c360.quality.expectations",
      "c360.gold.percentile-accuracy", "c360.generate.seed", "c360.publish.target", "c360.publish.url",
      "c360.publish.user", "c360.publish.password", "c360.publish.authentication", "c360.publish.batch-size",
      "c360.publish.parallelism", "c360.storage.auth", "c360.storage.account", "c360.storage.account-key",
      "c360.storage.sas", "c360.storage.client-secret", "c360.storage.tenant-id", "c360.storage.client-id",
      "c360.storage.endpoint-suffix", "c360.secrets.keyvault-url-template");

  private SettingsLoader loader() throws IOException {
    Files.writeString(tmp.resolve("empty.conf"), "");
    return SettingsLoader.create().confDirectory(tmp).profile("empty").systemProperties(false)
        .environment(Map.of());
  }

  private Path file(String name, String content) throws IOException {
    Path file = tmp.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  @Test
  void defaults() throws IOException {
    Settings s = loader().load();
    assertEquals("empty", s.profile());
    assertEquals("lake", s.lake().root());
    assertEquals("", s.lake().database());
    assertEquals(Duration.ofHours(2), s.lake().lockTimeout());
    assertEquals("local[*]", s.spark().master());
    assertEquals("c360", s.spark().appName());
    assertEquals(8, s.spark().shufflePartitions());
    assertEquals(4, s.spark().concurrentTables());
    assertEquals(128L << 20, s.spark().codegenMinInputBytes());
    assertEquals(Map.of(), s.spark().conf());
    assertEquals("UTF-8", s.bronze().encoding());
    assertEquals(32, s.bronze().maxRecordLines());
    assertEquals(0.5, s.quality().maxRejectedFraction());
    assertEquals(ExpectationAction.WARN, s.quality().domainAction());
    assertEquals(List.of(
        "InStoreTransactions.amount-non-negative {condition = \"Amount >= 0\", action = WARN}",
        "OnlineTransactions.amount-non-negative {condition = \"Amount >= 0\", action = WARN}",
        "Products.price-non-negative {condition = \"Price >= 0\", action = WARN}"),
        s.quality().expectations().stream().map(Expectation::toString).collect(Collectors.toList()));
    assertEquals(10_000_000, s.percentileAccuracy());
    assertEquals(42L, s.generateSeed());
    assertEquals("h2", s.publish().target());
    assertEquals("", s.publish().url());
    assertEquals("", s.publish().user());
    assertEquals("", s.publish().password());
    assertEquals("", s.publish().authentication());
    assertEquals(10_000, s.publish().batchSize());
    assertEquals(4, s.publish().parallelism());
    assertEquals(StorageSettings.Auth.NONE, s.storage().auth());
    assertEquals("", s.storage().account());
    assertEquals("", s.storage().accountKey());
    assertEquals("", s.storage().sas());
    assertEquals("", s.storage().clientSecret());
    assertEquals("", s.storage().tenantId());
    assertEquals("", s.storage().clientId());
    assertEquals("core.windows.net", s.storage().endpointSuffix());
    assertEquals("https://{vault}.vault.azure.net", s.secrets().keyVaultUrlTemplate());
  }

  @Test
  void everyKeyOfReferenceConfIsPinnedByTheDefaultsTest() {
    Set<String> declared = SettingsLoader.leafPaths(ConfigFactory.parseResources("reference.conf")
        .getConfig("c360"), "c360");
    assertEquals(new TreeSet<>(ASSERTED), declared, "a key was added to reference.conf without a test");
  }

  @Test
  void everyKeyOverriddenExplicitly() throws IOException {
    Path conf = file("all.conf", String.join("\n",
        "c360.lake { root = \"/data/lake\", database = \"c360db\", lock-timeout = 15m }",
        "c360.spark { master = \"local[2]\", app-name = \"nightly\", shuffle-partitions = 3 }",
        "c360.spark.concurrent-tables = 1",
        "c360.spark.codegen-min-input = 0",
        "c360.bronze { encoding = cp1252, max-record-lines = 5 }",
        "c360.spark.conf { \"spark.sql.files.maxPartitionBytes\" = \"64m\" }",
        "c360.quality { max-rejected-fraction = 0.1, domain-action = DROP }",
        "c360.quality.expectations.OnlineTransactions.amount-non-negative.action = fail",
        "c360.quality.expectations.Customers.has-email { condition = \"Email IS NOT NULL\", action = drop }",
        "c360.gold.percentile-accuracy = 1000",
        "c360.generate.seed = 7",
        "c360.publish { target = PostgreSQL, url = \"jdbc:postgresql://db/c360\", user = loader }",
        "c360.publish { password = \"env://C360_DB_PASSWORD\", authentication = ActiveDirectoryDefault }",
        "c360.publish { batch-size = 500, parallelism = 2 }",
        "c360.storage { auth = OAuth, account = c360lake, account-key = \"env://KEY\", sas = \"env://SAS\" }",
        "c360.storage { client-secret = \"keyvault://kv/sp\", tenant-id = t-1, client-id = c-1 }",
        "c360.storage.endpoint-suffix = core.chinacloudapi.cn",
        "c360.secrets.keyvault-url-template = \"https://{vault}.vault.azure.cn\""));
    Settings s = loader().confFile(conf).load();
    assertEquals("/data/lake", s.lake().root());
    assertEquals("c360db", s.lake().database());
    assertEquals(Duration.ofMinutes(15), s.lake().lockTimeout());
    assertEquals("local[2]", s.spark().master());
    assertEquals("nightly", s.spark().appName());
    assertEquals(3, s.spark().shufflePartitions());
    assertEquals(1, s.spark().concurrentTables());
    assertEquals(0, s.spark().codegenMinInputBytes());
    assertEquals(Map.of("spark.sql.files.maxPartitionBytes", "64m"), s.spark().conf());
    assertEquals("windows-1252", s.bronze().encoding(), "the charset's canonical name");
    assertEquals(5, s.bronze().maxRecordLines());
    assertEquals(0.1, s.quality().maxRejectedFraction());
    assertEquals(ExpectationAction.DROP, s.quality().domainAction());
    assertEquals(List.of(
        "Customers.has-email {condition = \"Email IS NOT NULL\", action = DROP}",
        "InStoreTransactions.amount-non-negative {condition = \"Amount >= 0\", action = WARN}",
        "OnlineTransactions.amount-non-negative {condition = \"Amount >= 0\", action = FAIL}",
        "Products.price-non-negative {condition = \"Price >= 0\", action = WARN}"),
        s.quality().expectations().stream().map(Expectation::toString).collect(Collectors.toList()));
    assertEquals(1000, s.percentileAccuracy());
    assertEquals(7L, s.generateSeed());
    assertEquals("postgresql", s.publish().target());
    assertEquals("jdbc:postgresql://db/c360", s.publish().url());
    assertEquals("loader", s.publish().user());
    assertEquals("env://C360_DB_PASSWORD", s.publish().password());
    assertEquals("ActiveDirectoryDefault", s.publish().authentication());
    assertEquals(500, s.publish().batchSize());
    assertEquals(2, s.publish().parallelism());
    assertEquals(StorageSettings.Auth.OAUTH, s.storage().auth());
    assertEquals("c360lake", s.storage().account());
    assertEquals("env://KEY", s.storage().accountKey());
    assertEquals("env://SAS", s.storage().sas());
    assertEquals("keyvault://kv/sp", s.storage().clientSecret());
    assertEquals("t-1", s.storage().tenantId());
    assertEquals("c-1", s.storage().clientId());
    assertEquals("core.chinacloudapi.cn", s.storage().endpointSuffix());
    assertEquals("https://{vault}.vault.azure.cn", s.secrets().keyVaultUrlTemplate());
  }

  @Test
  void eachLayerOverridesTheOneBelow() throws IOException {
    file("p.conf", "c360.lake.root = profile\nc360.spark.app-name = profile\nc360.spark.shuffle-partitions = 4\n"
        + "c360.generate.seed = 1");
    Path conf = file("extra.conf", "c360.spark.app-name = conf-file\nc360.spark.shuffle-partitions = 5\n"
        + "c360.generate.seed = 2");
    SettingsLoader loader = SettingsLoader.create().confDirectory(tmp).profile("p").confFile(conf)
        .systemProperties(false)
        .environment(Map.of("C360_SPARK_SHUFFLE_PARTITIONS", "6", "C360_LAKE_ROOT", "from-env"))
        .overrides(Map.of("c360.lake.root", "from-d"));
    Settings s = loader.load();
    assertEquals("from-d", s.lake().root(), "-D beats environment, --conf and profile");
    assertEquals(6, s.spark().shufflePartitions(), "environment beats --conf and profile");
    assertEquals("conf-file", s.spark().appName(), "--conf beats profile");
    assertEquals(2L, s.generateSeed());
    assertEquals("profile", SettingsLoader.create().confDirectory(tmp).profile("p").systemProperties(false)
        .environment(Map.of()).load().lake().root(), "profile beats reference.conf");
  }

  @Test
  void systemPropertiesOverrideFiles() throws IOException {
    System.setProperty("c360.spark.app-name", "from-system-property");
    try {
      Settings s = loader().systemProperties(true).load();
      assertEquals("from-system-property", s.spark().appName());
    } finally {
      System.clearProperty("c360.spark.app-name");
    }
  }

  @Test
  void unknownKeyFailsNamingItsPathOriginAndTheNearestKey() throws IOException {
    Path conf = file("typo.conf", "c360.spark.shuffle-partiton = 4");
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> loader().confFile(conf).load());
    assertTrue(e.getMessage().startsWith("c360.spark.shuffle-partiton: unknown setting"), e.getMessage());
    assertTrue(e.getMessage().contains("typo.conf: 1"), e.getMessage());
    assertTrue(e.getMessage().contains("did you mean c360.spark.shuffle-partitions?"), e.getMessage());
  }

  @Test
  void badValuesFailNamingPathValueAndOrigin() throws IOException {
    Map<String, String> cases = new java.util.LinkedHashMap<>();
    cases.put("c360.spark.shuffle-partitions = 0", "c360.spark.shuffle-partitions: expected an integer >= 1 but got 0");
    cases.put("c360.spark.codegen-min-input = lots", "c360.spark.codegen-min-input: expected a size such as 128m");
    cases.put("c360.spark.codegen-min-input = -1", "c360.spark.codegen-min-input: expected a size such as 128m");
    cases.put("c360.spark.concurrent-tables = 0", "c360.spark.concurrent-tables: expected an integer >= 1 but got 0");
    cases.put("c360.quality.max-rejected-fraction = 1.5", "c360.quality.max-rejected-fraction: expected a number");
    cases.put("c360.lake.lock-timeout = soon", "c360.lake.lock-timeout: expected a duration");
    cases.put("c360.quality.domain-action = ignore", "c360.quality.domain-action: expected one of warn, drop, fail");
    cases.put("c360.lake.root = \"\"", "c360.lake.root: expected a non-empty string");
    cases.put("c360.quality.expectations.Orders.x { condition = \"1=1\", action = warn }",
        "c360.quality.expectations.Orders: no table 'Orders'");
    cases.put("c360.quality.expectations.Customers.x { condition = \"1=1\", action = explode }",
        "c360.quality.expectations.Customers.x.action: expected one of warn, drop, fail");
    cases.put("c360.quality.expectations.Customers.x { condition = \"1=1\", severity = high }",
        "c360.quality.expectations.Customers.x.severity: unknown setting");
    cases.put("c360.publish.target = oracle", "c360.publish.target: expected one of h2, postgresql, sqlserver");
    cases.put("c360.bronze.encoding = UTF-16", "c360.bronze.encoding: expected a charset in which line breaks");
    cases.put("c360.bronze.encoding = UTF-32LE", "c360.bronze.encoding: expected a charset in which line breaks");
    cases.put("c360.bronze.max-record-lines = 0", "c360.bronze.max-record-lines: expected an integer >= 1 but got 0");
    cases.put("c360.bronze.encoding = klingon", "c360.bronze.encoding: expected a charset name");
    cases.put("c360.secrets.keyvault-url-template = \"http://{vault}.vault.azure.net\"",
        "c360.secrets.keyvault-url-template: expected an https:// URL containing {vault}");
    cases.put("c360.secrets.keyvault-url-template = \"https://vault.azure.net\"",
        "c360.secrets.keyvault-url-template: expected an https:// URL containing {vault}");
    cases.put("c360.publish.batch-size = 0", "c360.publish.batch-size: expected an integer >= 1 but got 0");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      Path conf = file("bad.conf", c.getKey());
      InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> loader().confFile(conf).load(),
          c.getKey());
      assertTrue(e.getMessage().startsWith(c.getValue()), c.getKey() + " -> " + e.getMessage());
      assertTrue(e.getMessage().contains("bad.conf: 1") || e.getMessage().contains("unknown setting"),
          e.getMessage());
    }
  }

  @Test
  void missingProfileOrConfFileIsAClearError() throws IOException {
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> loader().profile("staging").load());
    assertTrue(e.getMessage().contains("no profile 'staging'"), e.getMessage());
    e = assertThrows(InvalidConfigException.class, () -> loader().confFile(tmp.resolve("nope.conf")).load());
    assertTrue(e.getMessage().contains("nope.conf: no such file"), e.getMessage());
  }

  @Test
  void aLiteralPasswordIsNeverDisplayedButAReferenceIs() throws IOException {
    Settings literal = loader().confFile(file("pw.conf", "c360.publish.password = \"s3cr3t-Pa55\"")).load();
    assertEquals("s3cr3t-Pa55", literal.publish().password());
    assertTrue(!literal.describe().contains("s3cr3t-Pa55") && literal.describe().contains("****"),
        literal.describe());
    assertTrue(!literal.publish().toString().contains("s3cr3t"), literal.publish().toString());
    Settings reference = loader().confFile(file("ref.conf", "c360.publish.password = \"keyvault://kv/db\"")).load();
    assertTrue(reference.describe().contains("keyvault://kv/db"), reference.describe());
  }

  @Test
  void publishUrlAndPasswordComeFromTheEnvironment() throws IOException {
    Settings s = loader().environment(Map.of("C360_PUBLISH_URL", "jdbc:h2:mem:x", "C360_PUBLISH_PASSWORD",
        "env://PW")).load();
    assertEquals("jdbc:h2:mem:x", s.publish().url());
    assertEquals("env://PW", s.publish().password());
  }

  @Test
  void theThreeProfilesLoad() {
    Path conf = Paths.get("..", "conf");
    for (String profile : List.of("local", "synapse", "databricks")) {
      Settings s = SettingsLoader.create().confDirectory(conf).profile(profile).systemProperties(false)
          .environment(Map.of()).load();
      assertEquals(profile, s.profile());
      assertTrue(s.describe().contains("c360"), s.describe());
    }
    Settings synapse = SettingsLoader.create().confDirectory(conf).profile("synapse").systemProperties(false)
        .environment(Map.of()).load();
    assertTrue(synapse.lake().root().startsWith("abfss://"), synapse.lake().root());
    assertEquals("", synapse.spark().master(), "spark-submit provides the master");
    assertEquals("local[*]", SettingsLoader.create().confDirectory(conf).profile("local").systemProperties(false)
        .environment(Map.of()).load().spark().master());
  }

  /** Each profile: every key resolves, every secret is a reference (shown as written), none is a literal. */
  @Test
  void profilesHoldSecretReferencesOnly() {
    Path conf = Paths.get("..", "conf");
    Map<String, Set<String>> references = Map.of(
        "local", Set.of(),
        "synapse", Set.of("synapse-keyvault://c360_kv/c360-kv/c360-sql-password"),
        "databricks", Set.of("env://C360_LAKE_CLIENT_SECRET", "env://C360_SQL_PASSWORD"));
    for (Map.Entry<String, Set<String>> profile : references.entrySet()) {
      Settings s = SettingsLoader.create().confDirectory(conf).profile(profile.getKey()).systemProperties(false)
          .environment(Map.of()).load();
      Set<String> found = new TreeSet<>();
      for (String value : List.of(s.publish().password(), s.storage().accountKey(), s.storage().sas(),
          s.storage().clientSecret())) {
        if (!value.isEmpty()) {
          io.c360.secrets.SecretReference reference = io.c360.secrets.SecretReference.parse("profile", value);
          assertTrue(!reference.isLiteral(), profile.getKey() + ": a literal secret in the profile");
          found.add(value);
          assertTrue(s.describe().contains(value), "references are shown as written: " + s.describe());
        }
      }
      assertEquals(profile.getValue(), found, profile.getKey());
    }
    Settings databricks = SettingsLoader.create().confDirectory(conf).profile("databricks").systemProperties(false)
        .environment(Map.of()).load();
    assertEquals(StorageSettings.Auth.OAUTH, databricks.storage().auth());
    assertEquals("sqlserver", databricks.publish().target());
  }

  @Test
  void storageAuthMustSuitTheLakeRoot() throws IOException {
    Map<String, String> cases = Map.of(
        "c360.lake.root = \"wasb://lake@acct.blob.core.windows.net/c360\"\nc360.storage.auth = managed-identity",
        "c360.storage.auth: managed-identity works with abfss:// only",
        "c360.lake.root = \"wasbs://lake@acct.blob.core.windows.net/c360\"\n"
            + "c360.storage { auth = oauth, tenant-id = t, client-id = c, client-secret = s }",
        "c360.storage.auth: oauth works with abfss:// only",
        "c360.lake.root = \"abfss://lake@acct.dfs.core.windows.net/c360\"\nc360.storage.auth = emulator",
        "c360.storage.auth: emulator needs a wasb:// lake root",
        "c360.lake.root = /data/lake\nc360.storage { auth = account-key, account-key = k }",
        "c360.storage.auth: account-key needs a storage account",
        "c360.storage.auth = kerberos", "c360.storage.auth: expected one of none, account-key, sas, oauth",
        "c360.storage.auth = account-key", "c360.storage.account-key: expected a value because c360.storage.auth",
        "c360.storage { auth = oauth, tenant-id = t, client-secret = s }",
        "c360.storage.client-id: expected a value because c360.storage.auth = oauth needs it");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      Path conf = file("storage.conf", c.getKey());
      InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> loader().confFile(conf).load(),
          c.getKey());
      assertTrue(e.getMessage().startsWith(c.getValue()), c.getKey() + " -> " + e.getMessage());
    }
    Settings ok = loader().confFile(file("ok.conf", "c360.lake.root = /data/lake\n"
        + "c360.storage { auth = sas, account = acct, sas = \"?sv=1\" }")).load();
    assertEquals(StorageSettings.Auth.SAS, ok.storage().auth());
  }

  @Test
  void literalStorageSecretsAreNeverDisplayed() throws IOException {
    Settings s = loader().confFile(file("s.conf", "c360.lake.root = \"abfss://l@acct.dfs.core.windows.net/x\"\n"
        + "c360.storage { auth = account-key, account-key = \"S3cretKey==\", sas = \"sv=2024&sig=S1G\" }\n"
        + "c360.storage { client-secret = \"cl1ent-S3cret\", client-id = app-1 }")).load();
    for (String secret : List.of("S3cretKey==", "sv=2024&sig=S1G", "cl1ent-S3cret")) {
      assertTrue(!s.describe().contains(secret), s.describe());
      assertTrue(!s.storage().toString().contains(secret), s.storage().toString());
    }
    assertTrue(s.describe().contains("app-1"), "a client id is not secret: " + s.describe());
  }

  @Test
  void aPasswordInsideThePublishUrlIsNeverDisplayedAndIsScrubbedEverywhere() throws IOException {
    Settings s = loader().confFile(file("u.conf", "c360.publish { target = postgresql, "
        + "url = \"jdbc:postgresql://db/c360?user=c360&password=Url-Pa55-planted\" }")).load();
    assertTrue(!s.describe().contains("Url-Pa55-planted"), s.describe());
    assertTrue(!s.publish().toString().contains("Url-Pa55-planted"), s.publish().toString());
    assertTrue(s.describe().contains("jdbc:postgresql://db/c360?user=c360&password=****"), s.describe());
    assertEquals("driver: password authentication failed (****)", io.c360.secrets.Redaction.scrub(
        "driver: password authentication failed (Url-Pa55-planted)"));
  }

  void profileCanComeFromTheEnvironmentOrASystemProperty() throws IOException {
    file("other.conf", "c360.lake.root = other-lake");
    java.util.Properties properties = new java.util.Properties();
    properties.setProperty("c360.profile", "other");
    for (SettingsLoader loader : List.of(
        SettingsLoader.create().systemProperties(false).environment(Map.of("C360_PROFILE", "other")),
        SettingsLoader.create().systemProperties(properties).environment(Map.of()))) {
      Settings s = loader.confDirectory(tmp).load();
      assertEquals("other", s.profile());
      assertEquals("other-lake", s.lake().root());
    }
  }


  @Test
  void sparkConfEntriesSetC360SettingsBelowSystemProperties() throws IOException {
    file("other.conf", "c360.lake.root = other-lake");
    java.util.Properties properties = new java.util.Properties();
    properties.setProperty("spark.c360.profile", "other");
    properties.setProperty("spark.c360.spark.shuffle-partitions", "5");
    properties.setProperty("spark.c360.spark.app-name", "from-spark-conf");
    properties.setProperty("c360.spark.app-name", "from-d");
    properties.setProperty("spark.app.name", "not ours");
    Settings s = SettingsLoader.create().confDirectory(tmp).systemProperties(properties)
        .environment(Map.of("C360_SPARK_SHUFFLE_PARTITIONS", "3")).load();
    assertEquals("other", s.profile(), "spark.c360.profile chooses the profile");
    assertEquals("other-lake", s.lake().root());
    assertEquals(5, s.spark().shufflePartitions(), "the Spark conf beats the environment");
    assertEquals("from-d", s.spark().appName(), "-Dc360.* beats spark.c360.*");
  }

  @Test
  void anExplicitProfileBeatsTheEnvironmentsAndTheSystemPropertys() throws IOException {
    file("other.conf", "c360.lake.root = other-lake");
    file("third.conf", "c360.lake.root = third-lake");
    java.util.Properties properties = new java.util.Properties();
    properties.setProperty("c360.profile", "other");
    Settings s = SettingsLoader.create().confDirectory(tmp).profile("third").systemProperties(properties)
        .environment(Map.of("C360_PROFILE", "other")).load();
    assertEquals("third", s.profile());
    assertEquals("third-lake", s.lake().root());
  }
}
