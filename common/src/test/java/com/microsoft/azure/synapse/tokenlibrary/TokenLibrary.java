package com.microsoft.azure.synapse.tokenlibrary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for the Synapse runtime's token library, under its real name and with the signature of the Scala
 * object's static forwarder {@code getSecret(akvName, secret, linkedService)}, so that the production lookup runs
 * unchanged. Secrets live in {@link #SECRETS} keyed {@code linkedService/vault/secret}; an unknown one throws, as
 * the real library does when the vault refuses.
 */
public final class TokenLibrary {
  public static final Map<String, String> SECRETS = new ConcurrentHashMap<>();
  public static final List<String> CALLS = new ArrayList<>();

  private TokenLibrary() {
  }

  public static synchronized String getSecret(String akvName, String secret, String linkedService) {
    String key = linkedService + "/" + akvName + "/" + secret;
    CALLS.add(key);
    String value = SECRETS.get(key);
    if (value == null) {
      throw new IllegalStateException("Forbidden: the caller may not get " + key);
    }
    return value;
  }
}
