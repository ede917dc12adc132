package io.c360.lake;

import io.c360.config.InvalidConfigException;
import io.c360.config.StorageSettings;
import io.c360.secrets.SecretResolutionException;
import io.c360.secrets.SecretResolver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;

/**
 * Applies {@code c360.storage} to the Hadoop configuration that Spark's file systems read (DESIGN §9): the
 * per-account ABFS ({@code abfss://}) and WASB ({@code wasb://}) keys of hadoop-azure. Secrets are resolved
 * through {@link SecretResolver} (so they are registered for redaction) and set on the Hadoop configuration only,
 * never on Spark's conf, which Spark logs and shows; {@link LakeSpark#REDACTION_REGEX} masks the key names in
 * the Spark UI's Hadoop properties and the event log anyway.
 *
 * <pre>
 * List&lt;String&gt; keys = AzureStorage.of(settings.storage(), settings.lake().root())
 *     .secrets(SecretResolver.create())
 *     .apply(spark.sparkContext().hadoopConfiguration());
 * </pre>
 */
public final class AzureStorage {
  static final String CLIENT_CREDS_PROVIDER = "org.apache.hadoop.fs.azurebfs.oauth2.ClientCredsTokenProvider";
  static final String MSI_PROVIDER = "org.apache.hadoop.fs.azurebfs.oauth2.MsiTokenProvider";
  static final String HADOOP_FIXED_SAS_PROVIDER = "org.apache.hadoop.fs.azurebfs.sas.FixedSASTokenProvider";
  static final String EMULATOR_ACCOUNT_KEY = "fs.azure.storage.emulator.account.name";

  private final StorageSettings settings;
  private final String lakeRoot;
  private SecretResolver secrets;

  private AzureStorage(StorageSettings settings, String lakeRoot) {
    this.settings = settings;
    this.lakeRoot = lakeRoot;
  }

  public static AzureStorage of(StorageSettings settings, String lakeRoot) {
    return new AzureStorage(settings, lakeRoot);
  }

  /** Where secret references are resolved; default a new {@link SecretResolver}. */
  public AzureStorage secrets(SecretResolver value) {
    this.secrets = value;
    return this;
  }

  /**
   * Sets the keys for the configured auth method and returns their names (never values), sorted; nothing for
   * {@code none}. A secret that cannot be resolved is a configuration error naming the key and the reference.
   */
  public List<String> apply(Configuration hadoop) {
    List<String> keys = new ArrayList<>();
    StorageSettings.Auth auth = settings.auth();
    if (auth == StorageSettings.Auth.NONE) {
      return keys;
    }
    if (auth == StorageSettings.Auth.EMULATOR) {
      // WASB talks to the emulator's fixed endpoint http://127.0.0.1:10000/devstoreaccount1 with its well-known
      // key when the URI's account host is the configured emulator account name.
      set(hadoop, keys, EMULATOR_ACCOUNT_KEY, host(lakeRoot));
      return keys;
    }
    String account = account();
    String dfs = account + ".dfs." + settings.endpointSuffix();
    String blob = account + ".blob." + settings.endpointSuffix();
    switch (auth) {
      case ACCOUNT_KEY: {
        String key = secret("c360.storage.account-key", settings.accountKey());
        set(hadoop, keys, "fs.azure.account.auth.type." + dfs, "SharedKey");
        set(hadoop, keys, "fs.azure.account.key." + dfs, key);
        set(hadoop, keys, "fs.azure.account.key." + blob, key);
        break;
      }
      case SAS: {
        String sas = secret("c360.storage.sas", settings.sas());
        sas = sas.startsWith("?") ? sas.substring(1) : sas;
        set(hadoop, keys, "fs.azure.account.auth.type." + dfs, "SAS");
        set(hadoop, keys, "fs.azure.sas.token.provider.type." + dfs, sasProvider());
        set(hadoop, keys, FixedSasTokenProvider.TOKEN_KEY + "." + dfs, sas);
        String container = isWasb(lakeRoot) ? container(lakeRoot) : "";
        if (!container.isEmpty()) {
          set(hadoop, keys, "fs.azure.sas." + container + "." + blob, sas);
        }
        break;
      }
      case OAUTH:
        set(hadoop, keys, "fs.azure.account.auth.type." + dfs, "OAuth");
        set(hadoop, keys, "fs.azure.account.oauth.provider.type." + dfs, CLIENT_CREDS_PROVIDER);
        set(hadoop, keys, "fs.azure.account.oauth2.client.endpoint." + dfs,
            "https://login.microsoftonline.com/" + settings.tenantId() + "/oauth2/token");
        set(hadoop, keys, "fs.azure.account.oauth2.client.id." + dfs, settings.clientId());
        set(hadoop, keys, "fs.azure.account.oauth2.client.secret." + dfs,
            secret("c360.storage.client-secret", settings.clientSecret()));
        break;
      case MANAGED_IDENTITY:
        set(hadoop, keys, "fs.azure.account.auth.type." + dfs, "OAuth");
        set(hadoop, keys, "fs.azure.account.oauth.provider.type." + dfs, MSI_PROVIDER);
        // MsiTokenProvider requires both keys to exist; empty means the system-assigned identity.
        set(hadoop, keys, "fs.azure.account.oauth2.msi.tenant." + dfs, settings.tenantId());
        set(hadoop, keys, "fs.azure.account.oauth2.client.id." + dfs, settings.clientId());
        break;
      default:
        throw new IllegalStateException("unexpected auth " + auth);
    }
    Collections.sort(keys);
    return keys;
  }

  /** The storage account: {@code c360.storage.account}, else the first label of the lake root's host. */
  String account() {
    if (!settings.account().isEmpty()) {
      return settings.account();
    }
    String host = host(lakeRoot);
    if (host.isEmpty()) {
      throw new InvalidConfigException("c360.storage.account: needed for c360.storage.auth = "
          + settings.auth().configName() + " because c360.lake.root (" + lakeRoot + ") names no storage account");
    }
    return host.split("\\.", 2)[0];
  }

  private String secret(String path, String value) {
    try {
      return (secrets == null ? SecretResolver.create() : secrets).resolve(path, value).reveal();
    } catch (SecretResolutionException e) {
      throw new InvalidConfigException(e.getMessage());
    }
  }

  /** Hadoop 3.4's / Databricks' own fixed-token provider when present, else ours (same configuration key). */
  static String sasProvider() {
    try {
      Class.forName(HADOOP_FIXED_SAS_PROVIDER, false, AzureStorage.class.getClassLoader());
      return HADOOP_FIXED_SAS_PROVIDER;
    } catch (ClassNotFoundException | LinkageError e) {
      return FixedSasTokenProvider.class.getName();
    }
  }

  private static void set(Configuration hadoop, List<String> keys, String key, String value) {
    hadoop.set(key, value, "c360.storage");
    keys.add(key);
  }

  private static boolean isWasb(String root) {
    String lower = root.toLowerCase(Locale.ROOT);
    return lower.startsWith("wasb://") || lower.startsWith("wasbs://");
  }

  /** The host of {@code scheme://container@host/path}, or "" for a local path. */
  static String host(String root) {
    String authority = authority(root);
    String host = authority.contains("@") ? authority.substring(authority.indexOf('@') + 1) : authority;
    return host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
  }

  /** The container (file system) of {@code scheme://container@host/path}, or "". */
  static String container(String root) {
    String authority = authority(root);
    return authority.contains("@") ? authority.substring(0, authority.indexOf('@')) : "";
  }

  /** Plain string parsing: a placeholder such as {@code <account>} in a profile is not a valid URI. */
  private static String authority(String root) {
    int scheme = root.indexOf("://");
    if (scheme < 0) {
      return "";
    }
    String rest = root.substring(scheme + 3);
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }
}
