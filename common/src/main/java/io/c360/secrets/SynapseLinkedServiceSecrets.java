package io.c360.secrets;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Fetches {@code synapse-keyvault://<linked-service>/<vault>/<secret>} references on a Synapse Spark pool through
 * the runtime's {@code TokenLibrary.getSecret(vault, secret, linkedService)} (what
 * {@code mssparkutils.credentials.getSecret} calls), found by reflection: the class exists only on Synapse, so c360
 * has no compile-time dependency on it, and anywhere else the reference fails with a message saying so.
 * Microsoft documents this path for Synapse jobs; {@code DefaultAzureCredential} with the pool's managed identity
 * is reported not to work there.
 */
final class SynapseLinkedServiceSecrets {
  /** The Synapse runtime's token library (a Scala object: its methods have static forwarders). */
  static final String TOKEN_LIBRARY = "com.microsoft.azure.synapse.tokenlibrary.TokenLibrary";

  private String className = TOKEN_LIBRARY;

  /** Another class to look up instead of {@link #TOKEN_LIBRARY} (tests). */
  void className(String value) {
    this.className = value;
  }

  Secret fetch(String configPath, SecretReference reference) {
    Method getSecret = getSecret(configPath, reference);
    Object value;
    try {
      value = getSecret.invoke(null, reference.vault(), reference.secretName(), reference.linkedService());
    } catch (InvocationTargetException e) {
      // The cause's text is not chained or quoted: name its type only, so nothing it carries can leak.
      throw new SecretResolutionException(configPath, reference.toString(), "TokenLibrary.getSecret failed ("
          + e.getCause().getClass().getName() + "): check that linked service '" + reference.linkedService()
          + "' exists in the workspace and points at vault '" + reference.vault() + "', that its identity may get "
          + "secrets there (Key Vault Secrets User) and that secret '" + reference.secretName() + "' exists");
    } catch (IllegalAccessException e) {
      throw new SecretResolutionException(configPath, reference.toString(), "cannot call " + className
          + ".getSecret: " + e.getClass().getSimpleName());
    }
    if (!(value instanceof String)) {
      throw new SecretResolutionException(configPath, reference.toString(), className
          + ".getSecret returned " + (value == null ? "null" : "a " + value.getClass().getName()));
    }
    return Secret.of((String) value);
  }

  private Method getSecret(String configPath, SecretReference reference) {
    Class<?> library;
    try {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      library = Class.forName(className, true, loader != null ? loader : getClass().getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new SecretResolutionException(configPath, reference.toString(), "needs the Synapse runtime's "
          + className + ", which this JVM does not have: synapse-keyvault:// works on a Synapse Spark pool only; "
          + "elsewhere use keyvault://" + reference.vault() + "/" + reference.secretName()
          + " (DefaultAzureCredential), env:// or file://");
    }
    try {
      Method method = library.getMethod("getSecret", String.class, String.class, String.class);
      if (Modifier.isStatic(method.getModifiers()) && method.getReturnType() == String.class) {
        return method;
      }
    } catch (NoSuchMethodException e) {
      // reported below
    }
    throw new SecretResolutionException(configPath, reference.toString(), className
        + " has no static String getSecret(String vault, String secret, String linkedService): an unexpected "
        + "Synapse runtime");
  }
}
