package io.c360.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.generate.Generator;
import io.c360.publish.PublishTarget;
import io.c360.secrets.KeyVaultStandIn;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 item 4: a distinctive password and storage key, given as a literal, {@code env://}, {@code file://},
 * {@code keyvault://} (a stand-in vault reached through {@code c360.secrets.keyvault-url-template}, its token got by
 * {@code DefaultAzureCredential} from a stand-in managed identity endpoint), {@code -D} and inside a JDBC URL, in
 * succeeding and failing runs under {@code --verbose} with Spark's event log on, appear nowhere: not in any line the
 * processes print, any file under the lake and the event log folder (ledger, summaries, report, Delta logs), any
 * ledger row, nor any row of the database's tables. Nor do the vault's access token and the identity header.
 */
class SecretScanTest {
  private static final String PASSWORD = "Zq7-SecretScan-Pw-4412";
  private static final String KEY = "U2VjcmV0U2Nhbi1LZXktOTkxNw==";
  private static final String TOKEN = "Kv7-SecretScan-Token-5531";
  private static final String IDENTITY_HEADER = "Kv7-SecretScan-Header-8820";

  @TempDir
  Path tmp;

  @Test
  void aPlantedPasswordAndStorageKeyAppearInNoOutputFileLedgerRowOrDatabaseRow() throws Exception {
    Path lake = tmp.resolve("lake");
    Generator.create().scale(1).seed(3).outputDirectory(lake.resolve("bronze")).execute();
    Path events = tmp.resolve("events");
    Files.createDirectories(events);
    Path conf = tmp.resolve("scan.conf");
    Files.writeString(conf, "c360.spark.conf { \"spark.eventLog.enabled\" = \"true\", \"spark.eventLog.dir\" = \""
        + events.toUri() + "\" }\n");
    Path passwordFile = tmp.resolve("password.txt");
    Files.writeString(passwordFile, PASSWORD + "\n");
    List<ReportTestLake.Result> results = new ArrayList<>();

    // A literal and -D: creates the database with that password.
    results.add(run("literal", Map.of(), lake, 0, "--conf", conf.toString(), "-Dc360.publish.password=" + PASSWORD,
        "-Dc360.storage.account-key=" + KEY));
    // env:// and file://, nothing new to do.
    results.add(run("env", Map.of("C360_SCAN_PASSWORD", PASSWORD, "C360_SCAN_KEY", KEY), lake, 0, "--conf",
        conf.toString(), "-Dc360.publish.password=env://C360_SCAN_PASSWORD", "-Dc360.storage.account-key=env://C360_SCAN_KEY"));
    results.add(run("file", Map.of(), lake, 0, "--conf", conf.toString(),
        "-Dc360.publish.password=" + passwordFile.toUri(), "-Dc360.storage.account-key=" + KEY));
    try (KeyVaultStandIn vault = KeyVaultStandIn.start(tmp.resolve("keyvault"), TOKEN, IDENTITY_HEADER)
        .secret("scan-password", PASSWORD).secret("scan-key", KEY)) {
      Map<String, String> identity = new HashMap<>(vault.identityEnvironment());
      identity.put("JAVA_TOOL_OPTIONS", String.join(" ", vault.trustStoreOptions()));
      String template = "-Dc360.secrets.keyvault-url-template=" + vault.urlTemplate();
      // keyvault://, nothing new to do: publish opens the database with the vault's value; the storage key (set
      // for an account, so that it is resolved, although this lake is local) comes from the vault too.
      results.add(run("keyvault", identity, lake, 0, "--conf", conf.toString(), template,
          "-Dc360.publish.password=keyvault://localhost/scan-password", "-Dc360.storage.auth=account-key",
          "-Dc360.storage.account=c360scan", "-Dc360.storage.account-key=keyvault://localhost/scan-key"));
      for (String secret : new String[] {"scan-password", "scan-key"}) {
        assertTrue(vault.requests().stream().anyMatch(r -> r.startsWith("GET /secrets/" + secret + "?")
            && r.endsWith(" auth=Bearer " + TOKEN)), "the run read " + secret + " from the vault: " + vault.requests());
      }
      assertTrue(vault.identityRequests().stream().anyMatch(q -> q.contains("resource=https")),
          "the token came from the managed identity endpoint: " + vault.identityRequests());
      // ... and a vault that refuses: a configuration error naming the reference.
      ReportTestLake.Result denied = run("keyvault-denied", identity, lake, C360.USAGE, "--conf", conf.toString(),
          template, "-Dc360.publish.password=keyvault://localhost/forbidden", "-Dc360.storage.account-key=" + KEY);
      assertTrue(denied.err.contains("keyvault://localhost/forbidden: access to https://localhost:")
          && denied.err.contains("denied (HTTP 403)"), denied.toString());
      results.add(denied);
    }
    // Failing runs: a database that is not there, the password inside its JDBC URL ...
    results.add(run("url", Map.of(), lake, C360.RUNTIME, "--conf", conf.toString(), "-Dc360.publish.target=postgresql",
        "-Dc360.publish.url=jdbc:postgresql://127.0.0.1:9/c360?user=c360&password=" + PASSWORD,
        "-Dc360.storage.account-key=" + KEY));
    // ... the wrong password for the H2 database given as the secret (the real one inside the URL) ...
    results.add(run("h2-url", Map.of(), lake, C360.RUNTIME, "--conf", conf.toString(),
        "-Dc360.publish.url=" + PublishTarget.h2File(lake.resolve("database/c360").toString()).url() + ";PASSWORD="
            + PASSWORD + "x", "-Dc360.publish.password=" + PASSWORD + "-wrong"));
    // ... and a bronze file refused for its header (exit 1).
    Files.createDirectories(lake.resolve("bronze/Agents"));
    Files.writeString(lake.resolve("bronze/Agents/bad.csv"), "AgentID,Wrong\n1,x\n");
    results.add(run("refused", Map.of(), lake, C360.DATA_QUALITY, "--conf", conf.toString(),
        "-Dc360.publish.password=" + PASSWORD, "-Dc360.storage.account-key=" + KEY));
    ReportTestLake.Result report = CliChild.run(tmp.resolve("logs/report"), Map.of(), 5, "report",
        "-Dc360.lake.root=" + lake, "-Dc360.publish.password=" + PASSWORD, "-Dc360.storage.account-key=" + KEY,
        "--verbose", "--conf", conf.toString());
    assertEquals(0, report.exit, report.toString());
    results.add(report);

    List<String> hits = new ArrayList<>();
    for (ReportTestLake.Result r : results) {
      scan("output of a run", r.out + r.err, hits);
    }
    try (Stream<Path> files = Files.walk(tmp)) {
      for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.equals(passwordFile))
          .collect(Collectors.toList())) {
        scan(tmp.relativize(file).toString(), new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1), hits);
      }
    }
    assertTrue(Files.list(events).count() >= 1, "the event log was written");
    SparkSession spark = io.c360.lake.LakeSpark.session("local[2]", "c360-test", 2, Map.of());
    for (String table : new String[] {"runs", "files", "tables"}) {
      for (Row row : spark.read().format("delta").load(lake.resolve("_ledger/" + table).toString()).collectAsList()) {
        scan("ledger " + table + " row", row.toString(), hits);
      }
    }
    // The first run created the database with the planted password.
    try (Connection db = java.sql.DriverManager.getConnection(
        PublishTarget.h2File(lake.resolve("database/c360").toString()).url(), "sa", PASSWORD);
        Statement statement = db.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery("SELECT TABLE_SCHEMA, TABLE_NAME FROM INFORMATION_SCHEMA.TABLES "
          + "WHERE TABLE_SCHEMA IN ('PUBLIC', 'gold')")) {
        while (rs.next()) {
          tables.add("\"" + rs.getString(1) + "\".\"" + rs.getString(2) + "\"");
        }
      }
      assertTrue(tables.size() >= 10, tables.toString());
      for (String table : tables) {
        try (ResultSet rs = statement.executeQuery("SELECT * FROM " + table)) {
          while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
              row.append(rs.getString(c)).append(',');
            }
            scan("database " + table, row.toString(), hits);
          }
        }
      }
    }
    assertEquals(List.of(), hits, "secrets found");
  }

  private ReportTestLake.Result run(String name, Map<String, String> env, Path lake, int exit, String... extra)
      throws Exception {
    List<String> args = new ArrayList<>(List.of(CliChild.runArgs(lake, "--verbose")));
    args.addAll(List.of(extra));
    ReportTestLake.Result result = CliChild.run(tmp.resolve("logs/" + name), env, 5, args.toArray(new String[0]));
    assertEquals(exit, result.exit, name + ": " + result);
    return result;
  }

  private static void scan(String where, String text, List<String> hits) {
    for (String secret : new String[] {PASSWORD, KEY, TOKEN, IDENTITY_HEADER}) {
      int at = text.indexOf(secret);
      if (at >= 0) {
        hits.add(where + ": ..." + text.substring(Math.max(0, at - 80), Math.min(text.length(), at + 40)) + "...");
      }
    }
  }
}
