package io.c360.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.secrets.SecretReference.Scheme;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

class SecretReferenceTest {
  private static final String PATH = "c360.publish.sqlserver.password";

  @Test
  void synapseKeyVaultReferenceNamesLinkedServiceVaultAndSecret() {
    SecretReference ref = SecretReference.parse("p", "Synapse-KeyVault://kv_link-1/c360-kv/sql-password");
    assertEquals(Scheme.SYNAPSE_KEYVAULT, ref.scheme());
    assertEquals("kv_link-1", ref.linkedService());
    assertEquals("c360-kv", ref.vault());
    assertEquals("sql-password", ref.secretName());
    assertTrue(SecretReference.isReference("synapse-keyvault://a/b/c"));
    assertEquals("Synapse-KeyVault://kv_link-1/c360-kv/sql-password", ref.toString());
  }

  @Test
  void malformedSynapseKeyVaultReferencesSayTheExpectedForm() {
    for (String bad : new String[] {"synapse-keyvault://", "synapse-keyvault:///v/s", "synapse-keyvault://l/v",
        "synapse-keyvault://l/v/", "synapse-keyvault://l.x/v/s", "synapse-keyvault://l/v/s/1"}) {
      SecretResolutionException e = assertThrows(SecretResolutionException.class,
          () -> SecretReference.parse("c360.publish.password", bad), bad);
      assertTrue(e.getMessage().startsWith("c360.publish.password: " + bad + ": "), e.getMessage());
      assertTrue(e.getMessage().endsWith("expected synapse-keyvault://<linked-service>/<vault>/<secret>"),
          e.getMessage());
    }
  }

  @Test
  void keyVaultReferenceNamesVaultAndSecret() {
    SecretReference ref = SecretReference.parse(PATH, "keyvault://c360-prod/sql-password");
    assertEquals(Scheme.KEYVAULT, ref.scheme());
    assertEquals("c360-prod", ref.vault());
    assertEquals("sql-password", ref.secretName());
    assertFalse(ref.isLiteral());
    assertEquals("keyvault://c360-prod/sql-password", ref.toString());
  }

  @Test
  void envReferenceNamesVariable() {
    SecretReference ref = SecretReference.parse(PATH, "env://C360_SQL_PASSWORD");
    assertEquals(Scheme.ENV, ref.scheme());
    assertEquals("C360_SQL_PASSWORD", ref.variable());
    assertEquals("env://C360_SQL_PASSWORD", ref.toString());
  }

  @Test
  void fileReferenceNamesAbsolutePath() {
    SecretReference ref = SecretReference.parse(PATH, "file:///run/secrets/sql password");
    assertEquals(Scheme.FILE, ref.scheme());
    assertEquals(Paths.get("/run/secrets/sql password"), ref.path());
    assertEquals("file:///run/secrets/sql password", ref.toString());
  }

  @Test
  void schemesAreMatchedIgnoringCaseSoATypoIsNotTakenForAPassword() {
    assertEquals(Scheme.KEYVAULT, SecretReference.parse(PATH, "KeyVault://v1/s").scheme());
    assertEquals(Scheme.ENV, SecretReference.parse(PATH, "ENV://X").scheme());
    assertEquals(Scheme.FILE, SecretReference.parse(PATH, "File:///x").scheme());
  }

  @Test
  void anythingElseIsALiteralThatNeverPrintsItsValue() {
    for (String value : new String[] {"s3cr3t-Literal", "", "keyvault:/v/s", "vault://v/s", "https://x/y"}) {
      SecretReference ref = SecretReference.parse(PATH, value);
      assertEquals(Scheme.LITERAL, ref.scheme(), value);
      assertTrue(ref.isLiteral());
      assertEquals("(literal)", ref.toString());
      assertEquals(value, ref.literal().reveal());
      assertNull(ref.vault());
      assertNull(ref.variable());
      assertNull(ref.path());
    }
  }

  @Test
  void referencesWrittenAlikeAreEqualLiteralsNever() {
    assertEquals(SecretReference.parse("a", "env://X"), SecretReference.parse("b", "env://X"));
    assertEquals(SecretReference.parse("a", "env://X").hashCode(), SecretReference.parse("b", "env://X").hashCode());
    assertNotEquals(SecretReference.parse("a", "env://X"), SecretReference.parse("a", "env://Y"));
    assertNotEquals(SecretReference.parse("a", "same"), SecretReference.parse("a", "same"));
    SecretReference literal = SecretReference.parse("a", "same");
    assertSame(literal, literal);
    assertEquals(literal, literal);
  }

  @Test
  void keyVaultWithoutSecretFailsNamingPathAndForm() {
    for (String value : new String[] {"keyvault://vault", "keyvault://vault/", "keyvault://"}) {
      SecretResolutionException e = assertThrows(SecretResolutionException.class,
          () -> SecretReference.parse(PATH, value));
      assertEquals(PATH + ": " + value + ": no secret name; expected keyvault://<vault>/<secret>", e.getMessage());
      assertEquals(PATH, e.configPath());
      assertEquals(value, e.reference());
    }
  }

  @Test
  void keyVaultWithBadNamesOrAVersionFails() {
    SecretResolutionException e = assertThrows(SecretResolutionException.class,
        () -> SecretReference.parse(PATH, "keyvault://vault/name/0123abc"));
    assertEquals(PATH + ": keyvault://vault/name/0123abc: secret name 'name/0123abc' is not 1-127 letters, digits"
        + " and dashes (no versions); expected keyvault://<vault>/<secret>", e.getMessage());
    e = assertThrows(SecretResolutionException.class,
        () -> SecretReference.parse(PATH, "keyvault:///name"));
    assertTrue(e.getMessage().startsWith(PATH + ": keyvault:///name: vault name '' is not"), e.getMessage());
    e = assertThrows(SecretResolutionException.class,
        () -> SecretReference.parse(PATH, "keyvault://v.example.com/name"));
    assertTrue(e.getMessage().startsWith(PATH + ": keyvault://v.example.com/name: vault name 'v.example.com'"),
        e.getMessage());
  }

  @Test
  void envWithoutVariableFailsNamingPath() {
    SecretResolutionException e = assertThrows(SecretResolutionException.class,
        () -> SecretReference.parse(PATH, "env://"));
    assertEquals(PATH + ": env://: no usable environment variable name; expected env://VAR", e.getMessage());
    e = assertThrows(SecretResolutionException.class, () -> SecretReference.parse(PATH, "env://A B"));
    assertTrue(e.getMessage().startsWith(PATH + ": env://A B: no usable"), e.getMessage());
  }

  @Test
  void fileMustBeAbsolute() {
    for (String value : new String[] {"file://", "file:///", "file://relative/path", "file://host/x"}) {
      SecretResolutionException e = assertThrows(SecretResolutionException.class,
          () -> SecretReference.parse(PATH, value));
      assertEquals(PATH + ": " + value + ": not an absolute file path; expected file:///absolute/path"
          + " (three slashes)", e.getMessage());
    }
  }

  @Test
  void nullValueOrPathIsAProgrammingError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SecretReference.parse(PATH, null));
    assertEquals(PATH + ": no value", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SecretReference.parse(null, "x"));
  }
}
