package io.c360.config;

import java.util.Locale;

/**
 * {@code c360.storage}: how Spark reaches the Azure storage account of an {@code abfss://} or {@code wasb://} lake
 * (DESIGN §9). {@link #accountKey()}, {@link #sas()} and {@link #clientSecret()} are the configured text, possibly
 * secret references ({@code keyvault://}, {@code env://}, {@code file://}) to resolve before use;
 * {@link #toString()} never shows them.
 */
public final class StorageSettings {
  /** How the account is authenticated. */
  public enum Auth {
    /** Set nothing: the cluster's own access (workspace identity, Unity Catalog), or a local lake. */
    NONE("none"),
    /** The account's shared key (ABFS and WASB). */
    ACCOUNT_KEY("account-key"),
    /** A SAS token (ABFS; WASB for the lake root's container). */
    SAS("sas"),
    /** An Entra ID service principal with a client secret (ABFS only). */
    OAUTH("oauth"),
    /** The machine's managed identity, system- or user-assigned (ABFS only). */
    MANAGED_IDENTITY("managed-identity"),
    /** The local storage emulator, Azurite, on 127.0.0.1:10000 (WASB only). */
    EMULATOR("emulator");

    private final String configName;

    Auth(String configName) {
      this.configName = configName;
    }

    /** The value as written in config, e.g. {@code account-key}. */
    public String configName() {
      return configName;
    }

    /** Whether this method works over WASB ({@code wasb://}, {@code wasbs://}); OAuth is ABFS-only in Hadoop 3.3. */
    public boolean supportsWasb() {
      return this != OAUTH && this != MANAGED_IDENTITY;
    }

    static Auth fromConfig(String value) {
      String v = value.strip().toLowerCase(Locale.ROOT);
      for (Auth auth : values()) {
        if (auth.configName.equals(v)) {
          return auth;
        }
      }
      return null;
    }
  }

  private final Auth auth;
  private final String account;
  private final String accountKey;
  private final String sas;
  private final String tenantId;
  private final String clientId;
  private final String clientSecret;
  private final String endpointSuffix;

  StorageSettings(Auth auth, String account, String accountKey, String sas, String tenantId, String clientId,
      String clientSecret, String endpointSuffix) {
    this.auth = auth;
    this.account = account;
    this.accountKey = accountKey;
    this.sas = sas;
    this.tenantId = tenantId;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.endpointSuffix = endpointSuffix;
  }

  public Auth auth() {
    return auth;
  }

  /** The storage account name, e.g. {@code c360lake}; "" = the account of {@code c360.lake.root}. */
  public String account() {
    return account;
  }

  /** The account key as configured: a literal or a secret reference. */
  public String accountKey() {
    return accountKey;
  }

  /** The SAS token as configured: a literal or a secret reference. */
  public String sas() {
    return sas;
  }

  /** Entra ID tenant (directory) id, for {@code oauth} and optionally {@code managed-identity}. */
  public String tenantId() {
    return tenantId;
  }

  /** Application (client) id of the service principal, or of a user-assigned managed identity. */
  public String clientId() {
    return clientId;
  }

  /** The client secret as configured: a literal or a secret reference. */
  public String clientSecret() {
    return clientSecret;
  }

  /** DNS suffix of the storage endpoints: {@code core.windows.net} in the public cloud. */
  public String endpointSuffix() {
    return endpointSuffix;
  }

  @Override
  public String toString() {
    return auth.configName() + (account.isEmpty() ? "" : " account " + account)
        + (clientId.isEmpty() ? "" : " client " + clientId);
  }
}
