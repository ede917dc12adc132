package io.c360.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretResolverTest {
  private static final String PATH = "c360.publish.sqlserver.password";

  @TempDir
  Path tmp;

  private final Map<String, String> env = new HashMap<>();
  private final SecretResolver resolver = SecretResolver.create().environment(env::get);

  @Test
  void envReferenceReadsTheVariable() {
    env.put("C360_SQL_PASSWORD", "env-value-7Qx");
    Secret secret = resolver.resolve(PATH, "env://C360_SQL_PASSWORD");
    assertEquals("env-value-7Qx", secret.reveal());
    assertEquals("****", secret.toString());
  }

  @Test
  void missingEnvVariableFailsNamingPathAndVariable() {
    SecretResolutionException e = assertThrows(SecretResolutionException.class,
        () -> resolver.resolve(PATH, "env://C360_NOT_SET"));
    assertEquals(PATH + ": env://C360_NOT_SET: environment variable C360_NOT_SET is not set", e.getMessage());
    assertNull(e.getCause());
  }

  @Test
  void emptyEnvVariableFailsWithoutAValue() {
    env.put("C360_EMPTY", "");
    SecretResolutionException e = assertThrows(SecretResolutionException.class,
        () -> resolver.resolve(PATH, "env://C360_EMPTY"));
    assertEquals(PATH + ": env://C360_EMPTY: resolved to an empty value; set the secret, or write \"\" in the"
        + " config for no value", e.getMessage());
  }

  @Test
  void defaultEnvironmentIsTheProcessEnvironment() {
    String variable = System.getenv().entrySet().stream()
        .filter(e -> !e.getValue().isEmpty() && e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*"))
        .map(Map.Entry::getKey).findFirst().orElseThrow();
    assertEquals(System.getenv(variable), SecretResolver.create().resolve(PATH, "env://" + variable).reveal());
  }

  @Test
  void fileReferenceReadsContentWithOneTrailingNewlineStripped() throws IOException {
    Path file = Files.writeString(tmp.resolve("password"), "file-value-9Zk\n\n", StandardCharsets.UTF_8);
    assertEquals("file-value-9Zk\n", resolver.resolve(PATH, "file://" + file).reveal());
    Path crlf = Files.writeString(tmp.resolve("crlf"), "crlf-välue\r\n", StandardCharsets.UTF_8);
    assertEquals("crlf-välue", resolver.resolve(PATH, "file://" + crlf).reveal());
    Path none = Files.writeString(tmp.resolve("none"), "no newline", StandardCharsets.UTF_8);
    assertEquals("no newline", resolver.resolve(PATH, "file://" + none).reveal());
  }

  @Test
  void missingFileFailsNamingPathAndFile() {
    Path missing = tmp.resolve("missing");
    SecretResolutionException e = assertThrows(SecretResolutionException.class,
        () -> resolver.resolve(PATH, "file://" + missing));
    assertEquals(PATH + ": file://" + missing + ": file " + missing + " does not exist", e.getMessage());
  }

  @Test
  void unreadableFileFailsNamingTheFile() {
    SecretResolutionException e = assertThrows(SecretResolutionException.class,
        () -> resolver.resolve(PATH, "file://" + tmp));
    assertTrue(e.getMessage().startsWith(PATH + ": file://" + tmp + ": cannot read file " + tmp + ": "),
        e.getMessage());
  }

  @Test
  void emptyFileFails() throws IOException {
    Path file = Files.writeString(tmp.resolve("empty"), "\n");
    SecretResolutionException e = assertThrows(SecretResolutionException.class,
        () -> resolver.resolve(PATH, "file://" + file));
    assertTrue(e.getMessage().contains(": resolved to an empty value"), e.getMessage());
  }

  @Test
  void literalIsTheValueItselfAndMayBeEmpty() {
    assertEquals("literal-Pw-1", resolver.resolve(PATH, "literal-Pw-1").reveal());
    assertEquals("", resolver.resolve(PATH, "").reveal());
  }

  @Test
  void eachReferenceIsFetchedOnce() {
    AtomicInteger lookups = new AtomicInteger();
    SecretResolver counting = SecretResolver.create().environment(name -> {
      lookups.incrementAndGet();
      return "cached-" + name;
    });
    Secret first = counting.resolve("a.password", "env://C360_A");
    Secret second = counting.resolve("b.password", "env://C360_A");
    assertSame(first, second);
    assertEquals(1, lookups.get());
    counting.resolve("c.password", "env://C360_B");
    assertEquals(2, lookups.get());
  }

  @Test
  void failuresAreNotCached() {
    SecretResolutionException e = assertThrows(SecretResolutionException.class,
        () -> resolver.resolve(PATH, "env://C360_LATER"));
    assertTrue(e.getMessage().endsWith("is not set"));
    env.put("C360_LATER", "later-value");
    assertEquals("later-value", resolver.resolve(PATH, "env://C360_LATER").reveal());
  }

  @Test
  void resolvedValuesAreScrubbedFromText() {
    env.put("C360_SCRUB", "scrub-me-8Hd");
    resolver.resolve(PATH, "env://C360_SCRUB");
    resolver.resolve("c360.short", "ab3");
    assertEquals("jdbc:sqlserver://h;password=****; user=**** x",
        Redaction.scrub("jdbc:sqlserver://h;password=scrub-me-8Hd; user=ab3 x"));
    assertNull(Redaction.scrub(null));
    assertEquals("", Redaction.scrub(""));
  }

  @Test
  void aValueContainingAnotherIsMaskedWhole() {
    Secret.of("inner-4Rt");
    Secret.of("outer-inner-4Rt-outer");
    assertEquals("[****]", Redaction.scrub("[outer-inner-4Rt-outer]"));
    assertEquals("(****)", Redaction.scrub("(inner-4Rt)"));
  }

  @Test
  void secretPrintsMaskedAndSurvivesSerialization() throws Exception {
    Secret secret = Secret.of("serial-value-3Mn");
    assertEquals("****", secret.toString());
    assertEquals("settings{password=****}", "settings{password=" + secret + "}");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(secret);
    }
    Secret copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (Secret) in.readObject();
    }
    assertEquals("serial-value-3Mn", copy.reveal());
    assertFalse(copy.isEmpty());
  }
}
