package io.c360.publish;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * A JDBC driver for URLs {@code jdbc:c360-log:<real URL>} that connects through the real driver and records the SQL
 * of every statement prepared or executed on those connections, so a test can see what publish sends to a real
 * database.
 */
final class StatementLog implements Driver {
  private static final String PREFIX = "jdbc:c360-log:";
  private static final List<String> SQL = Collections.synchronizedList(new ArrayList<>());

  static {
    try {
      DriverManager.registerDriver(new StatementLog());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private StatementLog() {
  }

  /** {@code target} with every connection logged; {@code user} is the target's user. */
  static PublishTarget logging(PublishTarget target, String user) {
    return PublishTarget.of(target.dialect(), PREFIX + target.url(), user, "", "");
  }

  /** The statements sent since the last call, in order, and forgets them. */
  static List<String> take() {
    synchronized (SQL) {
      List<String> sent = new ArrayList<>(SQL);
      SQL.clear();
      return sent;
    }
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    Connection real = DriverManager.getConnection(url.substring(PREFIX.length()), info);
    return (Connection) wrap(real, Connection.class);
  }

  private static Object wrap(Object real, Class<?> type) {
    InvocationHandler handler = (proxy, method, args) -> {
      if (args != null && args.length > 0 && args[0] instanceof String && logs(method)) {
        SQL.add(((String) args[0]).strip());
      }
      Object result = invoke(real, method, args);
      return method.getName().equals("createStatement") ? wrap(result, Statement.class) : result;
    };
    return Proxy.newProxyInstance(StatementLog.class.getClassLoader(), new Class<?>[] {type}, handler);
  }

  private static boolean logs(Method method) {
    String name = method.getName();
    return name.startsWith("execute") || name.equals("addBatch") || name.startsWith("prepare");
  }

  private static Object invoke(Object real, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(real, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    return new DriverPropertyInfo[0];
  }

  @Override
  public int getMajorVersion() {
    return 1;
  }

  @Override
  public int getMinorVersion() {
    return 0;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }
}
