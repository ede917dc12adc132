package io.c360.lake;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.azurebfs.extensions.SASTokenProvider;

/**
 * A SAS token fixed in the Hadoop configuration, for {@code abfss://} with {@code c360.storage.auth = sas}.
 * Hadoop 3.3.4 (Spark 3.5's) has no built-in provider for a fixed token; Hadoop 3.4 and Databricks have
 * {@code org.apache.hadoop.fs.azurebfs.sas.FixedSASTokenProvider}, which {@link AzureStorage} prefers when it
 * is on the classpath. Both read {@value #TOKEN_KEY}{@code .<account host>}, then {@value #TOKEN_KEY}.
 */
public final class FixedSasTokenProvider implements SASTokenProvider {
  public static final String TOKEN_KEY = "fs.azure.sas.fixed.token";

  private String token;

  @Override
  public void initialize(Configuration configuration, String accountName) throws IOException {
    String value = configuration.get(TOKEN_KEY + "." + accountName, configuration.get(TOKEN_KEY));
    if (value == null || value.isEmpty()) {
      throw new IOException("no SAS token for " + accountName + ": set c360.storage.sas");
    }
    token = value.startsWith("?") ? value.substring(1) : value;
  }

  @Override
  public String getSASToken(String account, String fileSystem, String path, String operation) {
    return token;
  }
}
