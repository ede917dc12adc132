package io.c360.config;

import io.c360.secrets.SecretResolver;

/** {@code c360.secrets}: where secret references are resolved. */
public final class SecretsSettings {
  private final String keyVaultUrlTemplate;

  SecretsSettings(String keyVaultUrlTemplate) {
    this.keyVaultUrlTemplate = keyVaultUrlTemplate;
  }

  /** The URL of a {@code keyvault://<vault>/...} reference's vault, {@code {vault}} standing for its name. */
  public String keyVaultUrlTemplate() {
    return keyVaultUrlTemplate;
  }

  /** A resolver for this configuration's secret references; each resolves a reference once. */
  public SecretResolver resolver() {
    return SecretResolver.create().keyVaultUrlTemplate(keyVaultUrlTemplate);
  }
}
