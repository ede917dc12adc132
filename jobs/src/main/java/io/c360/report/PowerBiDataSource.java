package io.c360.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.c360.publish.PublishTarget;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Power BI data source file ({@code .pbids}) for the publish target: opening it in Power BI Desktop connects to the
 * database holding the gold views. SQL Server / Azure SQL use the {@code tds} protocol; PostgreSQL its own. The
 * embedded H2 database is reached through H2's PostgreSQL-compatible server (see README, "The report"). No
 * credentials go into the file: Power BI asks for them.
 */
public final class PowerBiDataSource {
  /** The port H2's PostgreSQL-compatible server listens on by default ({@code org.h2.tools.Server -pg}). */
  public static final int H2_PG_PORT = 5435;

  private static final Pattern SQL_SERVER = Pattern.compile("jdbc:sqlserver://([^;:/]+)(?::(\\d+))?(.*)");
  private static final Pattern SQL_SERVER_DATABASE = Pattern.compile(";(?:databaseName|database)=([^;]+)",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern POSTGRES = Pattern.compile("jdbc:postgresql://([^/?]+)/([^?]+).*");
  private static final Pattern H2_FILE = Pattern.compile("jdbc:h2:(?:file:)?([^;]+).*");

  private PowerBiDataSource() {
  }

  /** The .pbids JSON for {@code target}. */
  public static String json(PublishTarget target) {
    Map<String, Object> address = new LinkedHashMap<>();
    String protocol;
    String url = target.url();
    Matcher m;
    switch (target.dialect().name()) {
      case "sqlserver":
        m = matched(SQL_SERVER, url);
        protocol = "tds";
        address.put("server", m.group(1) + (m.group(2) == null ? "" : "," + m.group(2)));
        Matcher db = SQL_SERVER_DATABASE.matcher(m.group(3));
        if (db.find()) {
          address.put("database", db.group(1));
        }
        break;
      case "postgresql":
        m = matched(POSTGRES, url);
        protocol = "postgresql";
        address.put("server", m.group(1));
        address.put("database", m.group(2));
        break;
      case "h2":
        m = matched(H2_FILE, url);
        protocol = "postgresql";
        address.put("server", "localhost:" + H2_PG_PORT);
        address.put("database", m.group(1));
        break;
      default:
        throw new IllegalArgumentException("no Power BI data source for target " + target.dialect());
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("protocol", protocol);
    details.put("address", address);
    Map<String, Object> connection = new LinkedHashMap<>();
    connection.put("details", details);
    connection.put("options", Map.of());
    connection.put("mode", "Import");
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("version", "0.1");
    file.put("connections", List.of(connection));
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(file);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Matcher matched(Pattern pattern, String url) {
    Matcher m = pattern.matcher(url);
    if (!m.matches()) {
      throw new IllegalArgumentException("cannot read server and database from JDBC URL " + url
          + " for the Power BI data source file");
    }
    return m;
  }
}
