package io.c360.config;

import io.c360.secrets.SecretResolver;

/** {@code c360.secrets}: where secret references are resolved. */
public final class SecretsSettings {
  private final String keyVaultUrlTemplate;
  private SecretResolver resolver;

  SecretsSettings(String keyVaultUrlTemplate) {
    this.keyVaultUrlTemplate = keyVaultUrlTemplate;
  }

  /** The URL of a {@code keyvault://<vault>/...} reference's vault, {@code {vault}} standing for its name. */
  public String keyVaultUrlTemplate() {
    return keyVaultUrlTemplate;
  }

  /**
   * The resolver for this configuration's secret references, the same one for every caller: it fetches a
   * reference once, so the storage key and the publish password of a run do not ask a vault twice for one secret.
   */
  public synchronized SecretResolver resolver() {
    if (resolver == null) {
      resolver = SecretResolver.create().keyVaultUrlTemplate(keyVaultUrlTemplate);
    }
    return resolver;
  }
}
