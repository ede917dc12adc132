package io.c360.publish;

import io.c360.config.InvalidConfigException;
import io.c360.config.PublishSettings;
import io.c360.lake.LakeLayout;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Where publish writes: a dialect, a JDBC URL and connection properties (user, password, authentication). It is
 * shipped to executors, which open their own connections to load staging tables; {@link #toString()} shows the URL
 * and user only, never the password.
 */
public final class PublishTarget implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Dialect dialect;
  private final String url;
  private final Properties properties;

  private PublishTarget(Dialect dialect, String url, Properties properties) {
    this.dialect = dialect;
    this.url = url;
    this.properties = properties;
  }

  /**
   * A target; {@code password} is the resolved secret ("" for none, e.g. with Entra ID authentication), and
   * {@code authentication} is mssql-jdbc's {@code authentication} property ("" for none).
   */
  public static PublishTarget of(Dialect dialect, String url, String user, String password, String authentication) {
    if (!url.startsWith("jdbc:")) {
      throw new IllegalArgumentException("c360.publish.url must be a JDBC URL (jdbc:...), got: " + url);
    }
    Properties properties = dialect.connectionDefaults();
    if (!user.isEmpty()) {
      properties.setProperty("user", user);
    }
    if (!password.isEmpty()) {
      properties.setProperty("password", password);
    }
    if (!authentication.isEmpty()) {
      properties.setProperty("authentication", authentication);
    }
    return new PublishTarget(dialect, url, properties);
  }

  /**
   * The target of {@code c360.publish}; {@code password} is the already resolved secret. With {@code target = h2}
   * and no URL, the database is {@code <lake root>/database/c360}, which needs a lake on local disk.
   */
  public static PublishTarget from(PublishSettings settings, LakeLayout layout, String password) {
    Dialect dialect = Dialect.named(settings.target());
    String url = settings.url();
    if (url.isEmpty()) {
      if (!(dialect instanceof H2Dialect)) {
        throw new InvalidConfigException("c360.publish.url: required for target " + settings.target());
      }
      if (!"file".equals(layout.root().toUri().getScheme())) {
        throw new InvalidConfigException("c360.publish.url: required when the lake is not on local disk (lake root "
            + layout.root() + "); the embedded H2 database lives in a local folder");
      }
      url = H2Dialect.fileUrl(databaseFolder(layout) + "/c360");
    }
    if (dialect instanceof H2Dialect && !h2Available()) {
      throw new InvalidConfigException("c360.publish.target: h2, but this jar has no H2 driver: the cluster jar "
          + "leaves the embedded database out (it needs a local lake); publish to sqlserver or postgresql, or run "
          + "scripts/c360 on a laptop");
    }
    return of(dialect, url, settings.user().isEmpty() && dialect instanceof H2Dialect ? "sa" : settings.user(),
        password, settings.authentication());
  }

  private static boolean h2Available() {
    try {
      Class.forName("org.h2.Driver", false, PublishTarget.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** The local folder of the lake's embedded database. */
  public static String databaseFolder(LakeLayout layout) {
    return layout.root().toUri().getPath() + "/database";
  }

  /** The embedded H2 file database at {@code databasePath} (without the {@code .mv.db} suffix). */
  public static PublishTarget h2File(String databasePath) {
    return of(new H2Dialect(), H2Dialect.fileUrl(databasePath), "sa", "", "");
  }

  public Dialect dialect() {
    return dialect;
  }

  public String url() {
    return url;
  }

  /** A new connection with auto-commit on; the caller closes it. */
  public Connection connect() throws SQLException {
    try {
      return DriverManager.getConnection(url, properties);
    } catch (SQLException e) {
      // Drivers may echo connection properties in their messages; only the URL and SQL state are kept.
      throw new SQLException("cannot connect to " + this + ": " + e.getSQLState() + " "
          + safeMessage(e), e.getSQLState(), e.getErrorCode());
    }
  }

  private String safeMessage(SQLException e) {
    String message = String.valueOf(e.getMessage());
    String password = properties.getProperty("password");
    return password == null || password.isEmpty() ? message : message.replace(password, "****");
  }

  @Override
  public String toString() {
    // Shown in progress lines and messages: a password inside the URL is masked.
    return dialect + " " + io.c360.secrets.JdbcUrlSecrets.masked(url) + (properties.containsKey("user") ? " as " + properties.getProperty("user") : "");
  }
}
