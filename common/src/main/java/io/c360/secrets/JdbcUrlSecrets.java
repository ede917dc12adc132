package io.c360.secrets;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secrets written inside a JDBC URL rather than in {@code c360.publish.password}: the values of properties such as
 * {@code password}, {@code sslpassword}, {@code trustStorePassword} or {@code aadSecurePrincipalSecret}, in
 * PostgreSQL's {@code ?k=v&k=v} and SQL Server's {@code ;k=v;k={v}} forms. They are registered for redaction when
 * the settings are read, and the URL is shown with them masked.
 */
public final class JdbcUrlSecrets {
  /** A property whose name says it holds a secret; its value runs to the next separator, or is SQL Server's {…}. */
  private static final Pattern SECRET_PROPERTY = Pattern.compile(
      "(?i)([;?&][^;?&=]*(?:password|secret|pwd|token)[^;?&=]*=)(\\{(?:[^}]|}})*}|[^;&]*)");

  private JdbcUrlSecrets() {
  }

  /** The secret values in {@code url}, as written and (for URL-encoded PostgreSQL values) decoded. */
  public static List<String> values(String url) {
    List<String> values = new ArrayList<>();
    Matcher m = SECRET_PROPERTY.matcher(url == null ? "" : url);
    while (m.find()) {
      String raw = m.group(2);
      if (raw.isEmpty()) {
        continue;
      }
      values.add(raw);
      if (raw.startsWith("{") && raw.endsWith("}")) {
        values.add(raw.substring(1, raw.length() - 1).replace("}}", "}"));
      } else if (raw.contains("%") || raw.contains("+")) {
        try {
          values.add(URLDecoder.decode(raw, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          // Not URL-encoded after all: the raw value is registered.
        }
      }
    }
    return values;
  }

  /** Registers every secret value of {@code url} with {@link Redaction}. */
  public static void register(String url) {
    values(url).forEach(Redaction::register);
  }

  /** {@code url} with each secret property's value replaced by {@link Redaction#MASK}. */
  public static String masked(String url) {
    return url == null ? null : SECRET_PROPERTY.matcher(url).replaceAll(m ->
        Matcher.quoteReplacement(m.group(1) + (m.group(2).isEmpty() ? "" : Redaction.MASK)));
  }
}
