package io.c360.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The shaded cluster jar (after {@code package}): what the cluster provides is not inside, what we need is. */
class ClusterJarIT {
  /** What the cluster provides, and H2, which nothing on a cluster uses (its database needs a local lake). */
  private static final List<String> PROVIDED = List.of("scala/", "org/apache/spark/", "com/fasterxml/jackson/",
      "io/delta/", "org/apache/hadoop/", "org/slf4j/", "com/typesafe/config/", "org/h2/");

  private static Path clusterJar() throws IOException {
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(Paths.get("target"), "c360-jobs-*-cluster.jar")) {
      for (Path jar : jars) {
        return jar;
      }
    }
    throw new AssertionError("no target/c360-jobs-*-cluster.jar: run ./mvnw package");
  }

  @Test
  void holdsOurLibrariesButNothingTheClusterProvides() throws IOException {
    try (JarFile jar = new JarFile(clusterJar().toFile())) {
      List<String> provided = new ArrayList<>();
      for (JarEntry entry : java.util.Collections.list(jar.entries())) {
        if (PROVIDED.stream().anyMatch(entry.getName()::startsWith)) {
          provided.add(entry.getName());
        }
      }
      assertEquals(List.of(), provided.subList(0, Math.min(10, provided.size())), "provided classes shaded in");
      for (String needed : List.of("io/c360/cli/C360.class", "io/c360/lake/AzureStorage.class", "reference.conf",
          "conf/synapse.conf", "conf/databricks.conf", "sql/gold/AverageOrderValue.sql",
          "com/microsoft/sqlserver/jdbc/SQLServerDriver.class", "com/azure/identity/DefaultAzureCredential.class",
          "io/c360/shaded/typesafe/config/ConfigFactory.class", "picocli/CommandLine.class")) {
        assertNotNull(jar.getEntry(needed), needed + " missing");
      }
      assertEquals("io.c360.cli.C360", jar.getManifest().getMainAttributes().getValue("Main-Class"));
      assertTrue(jar.getEntry("META-INF/MANIFEST.MF") != null);
      try (InputStream in = jar.getInputStream(jar.getEntry("META-INF/services/java.sql.Driver"))) {
        List<String> drivers = Arrays.asList(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip()
            .split("\\s+"));
        assertTrue(drivers.containsAll(List.of("org.postgresql.Driver",
            "com.microsoft.sqlserver.jdbc.SQLServerDriver")), "service files merged: " + drivers);
        assertTrue(!drivers.contains("org.h2.Driver"), "H2 left out: " + drivers);
      }
      for (String signature : List.of(".SF", ".DSA", ".RSA")) {
        assertTrue(java.util.Collections.list(jar.entries()).stream()
            .noneMatch(e -> e.getName().startsWith("META-INF/") && e.getName().endsWith(signature)), signature);
      }
    }
  }
}
