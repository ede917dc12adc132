package io.c360.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import io.c360.catalog.Catalog;
import io.c360.secrets.JdbcUrlSecrets;
import io.c360.secrets.KeyVaultSecrets;
import io.c360.secrets.SecretReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Loads {@link Settings} from the layers of DESIGN §7, lowest first: {@code reference.conf} &lt;
 * {@code conf/<profile>.conf} &lt; {@code --conf FILE} &lt; environment ({@code c360-environment.conf}) &lt;
 * system properties ({@code -Dc360.*}, and {@code spark.c360.*}: spark-submit's {@code --conf} entries reach the
 * driver as system properties) and explicit overrides. Fails at once, naming the key's path and origin, on an
 * unknown key or a bad value.
 */
public final class SettingsLoader {
  private static final String ROOT = "c360";
  /** Spark conf entries for c360: {@code spark.c360.lake.root} sets {@code c360.lake.root}. */
  private static final String SPARK_PREFIX = "spark.";
  private static final List<String> PUBLISH_TARGETS = List.of("h2", "postgresql", "sqlserver");
  /** Settings that hold secrets (or references to them): never displayed as they are. */
  static final List<String> SECRET_PATHS = List.of("c360.publish.password", "c360.storage.account-key",
      "c360.storage.sas", "c360.storage.client-secret");
  /** Subtrees whose keys are the user's own: Spark settings and expectation names. */
  private static final List<String> FREE_FORM = List.of("c360.spark.conf", "c360.quality.expectations");

  private Path confDirectory;
  private String profile;
  private Path confFile;
  private Map<String, String> overrides = Map.of();
  private java.util.Properties systemProperties = System.getProperties();
  private Map<String, String> environment = System.getenv();

  private SettingsLoader() {
  }

  public static SettingsLoader create() {
    return new SettingsLoader();
  }

  /** Where {@code <profile>.conf} is looked up first; the classpath's {@code conf/} is the fallback. */
  public SettingsLoader confDirectory(Path value) {
    this.confDirectory = value;
    return this;
  }

  /** The profile to load; null means {@code c360.profile} from the environment or system properties, else local. */
  public SettingsLoader profile(String value) {
    this.profile = value;
    return this;
  }

  public SettingsLoader confFile(Path value) {
    this.confFile = value;
    return this;
  }

  /** Path → value overrides with the precedence of system properties (the CLI's {@code -D}). */
  public SettingsLoader overrides(Map<String, String> value) {
    this.overrides = new LinkedHashMap<>(value);
    return this;
  }

  /** Whether JVM system properties {@code -Dc360.*} take part (on by default; tests turn it off). */
  public SettingsLoader systemProperties(boolean value) {
    this.systemProperties = value ? System.getProperties() : new java.util.Properties();
    return this;
  }

  /** The system properties to read {@code c360.*} and {@code spark.c360.*} from (tests pass their own). */
  SettingsLoader systemProperties(java.util.Properties value) {
    this.systemProperties = value;
    return this;
  }

  /** The environment variables the {@code C360_*} overrides are read from (tests pass their own). */
  public SettingsLoader environment(Map<String, String> value) {
    this.environment = Map.copyOf(value);
    return this;
  }

  public Settings load() {
    ClassLoader loader = SettingsLoader.class.getClassLoader();
    Config reference = ConfigFactory.parseResources(loader, "reference.conf", strict());
    Config variables = ConfigFactory.parseMap(environmentVariables(), "environment");
    Config environment;
    try {
      environment = ConfigFactory.parseResources(loader, "c360-environment.conf", strict())
          .resolveWith(variables, ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
    } catch (ConfigException e) {
      throw new InvalidConfigException("cannot read C360_* environment overrides: " + e.getMessage());
    }
    Config top = ConfigFactory.parseMap(overrides, "command-line -D");
    top = top.withFallback(systemPropertyOverrides(systemProperties));
    Config aboveFiles = resolve(top.withFallback(environment));
    String chosen = profile != null ? profile
        : aboveFiles.hasPath("c360.profile") ? aboveFiles.getString("c360.profile") : "local";
    Config layered = aboveFiles
        .withFallback(confFile())
        .withFallback(profileFile(chosen))
        .withFallback(reference);
    Config config = resolve(layered.withValue("c360.profile", ConfigValueFactory.fromAnyRef(chosen,
        "the chosen profile")));
    rejectUnknownKeys(config, reference);
    return settings(config);
  }

  /**
   * {@code c360.*} system properties, over {@code spark.c360.*} ones (the Spark conf of a job definition, which
   * spark-submit turns into the driver's system properties).
   */
  private static Config systemPropertyOverrides(java.util.Properties properties) {
    Map<String, String> direct = new TreeMap<>();
    Map<String, String> fromSpark = new TreeMap<>();
    for (String name : properties.stringPropertyNames()) {
      if (name.startsWith(ROOT + ".")) {
        direct.put(name, properties.getProperty(name));
      } else if (name.startsWith(SPARK_PREFIX + ROOT + ".")) {
        fromSpark.put(name.substring(SPARK_PREFIX.length()), properties.getProperty(name));
      }
    }
    return ConfigFactory.parseMap(direct, "system properties -Dc360.*")
        .withFallback(ConfigFactory.parseMap(fromSpark, "Spark conf spark.c360.*"));
  }

  /** Only C360_* variables, quoted as single keys so names with dots cannot form paths. */
  private Map<String, String> environmentVariables() {
    Map<String, String> variables = new TreeMap<>();
    environment.forEach((k, v) -> {
      if (k.startsWith("C360_") && k.matches("[A-Z0-9_]+")) {
        variables.put(k, v);
      }
    });
    return variables;
  }

  private static ConfigParseOptions strict() {
    return ConfigParseOptions.defaults().setAllowMissing(false);
  }

  private static Config resolve(Config config) {
    try {
      return config.resolve();
    } catch (ConfigException e) {
      throw new InvalidConfigException("cannot resolve configuration: " + e.getMessage());
    }
  }

  private Config confFile() {
    if (confFile == null) {
      return ConfigFactory.empty();
    }
    if (!Files.isRegularFile(confFile)) {
      throw new InvalidConfigException("--conf " + confFile + ": no such file");
    }
    return parse(() -> ConfigFactory.parseFile(confFile.toFile(), strict()), confFile.toString());
  }

  private Config profileFile(String name) {
    if (!name.matches("[A-Za-z0-9_-]+")) {
      throw new InvalidConfigException("c360.profile: '" + name + "' is not a profile name");
    }
    if (confDirectory != null) {
      Path file = confDirectory.resolve(name + ".conf");
      if (Files.isRegularFile(file)) {
        return parse(() -> ConfigFactory.parseFile(file.toFile(), strict()), file.toString());
      }
    }
    String resource = "conf/" + name + ".conf";
    if (SettingsLoader.class.getClassLoader().getResource(resource) == null) {
      throw new InvalidConfigException("c360.profile: no profile '" + name + "': looked for "
          + (confDirectory == null ? "" : confDirectory.resolve(name + ".conf") + " and ")
          + "classpath resource " + resource + "; known profiles are local, synapse, databricks");
    }
    return parse(() -> ConfigFactory.parseResources(SettingsLoader.class.getClassLoader(), resource, strict()),
        resource);
  }

  private interface Parser {
    Config parse();
  }

  private static Config parse(Parser parser, String what) {
    try {
      return parser.parse();
    } catch (ConfigException e) {
      throw new InvalidConfigException("cannot read " + what + ": " + e.getMessage());
    }
  }

  private static void rejectUnknownKeys(Config config, Config reference) {
    Set<String> known = leafPaths(reference.getConfig(ROOT), ROOT);
    for (String path : leafPaths(config.getConfig(ROOT), ROOT)) {
      if (known.contains(path) || FREE_FORM.stream().anyMatch(f -> path.startsWith(f + "."))) {
        continue;
      }
      String hint = closest(path, known);
      throw new InvalidConfigException(path + ": unknown setting (set at " + origin(config, path) + ")"
          + (hint == null ? "" : "; did you mean " + hint + "?"));
    }
  }

  /** Every leaf path below {@code prefix}; free-form subtrees count as leaves. */
  static Set<String> leafPaths(Config config, String prefix) {
    Set<String> paths = new TreeSet<>();
    for (Map.Entry<String, ConfigValue> entry : config.entrySet()) {
      String path = prefix + "." + entry.getKey();
      String free = FREE_FORM.stream().filter(f -> path.startsWith(f + ".")).findFirst().orElse(null);
      paths.add(free == null ? path : free);
    }
    // An empty free-form object has no leaves but is still a declared key.
    for (String free : FREE_FORM) {
      if (free.startsWith(prefix + ".") && config.hasPath(free.substring(prefix.length() + 1))) {
        paths.add(free);
      }
    }
    return paths;
  }

  private static String closest(String path, Set<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int d = editDistance(path, candidate);
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return bestDistance <= 3 ? best : null;
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  static String origin(Config config, String path) {
    try {
      return config.getValue(path).origin().description();
    } catch (ConfigException e) {
      return "unknown origin";
    }
  }

  private static Settings settings(Config config) {
    Values v = new Values(config);
    LakeSettings lake = new LakeSettings(v.string("c360.lake.root", false), v.string("c360.lake.database", true),
        v.duration("c360.lake.lock-timeout"));
    if (!lake.database().isEmpty() && !LakeSettings.isDatabaseName(lake.database())) {
      throw v.bad("c360.lake.database", "\"\", a schema or a catalog.schema name (letters, digits, underscores)");
    }
    SparkSettings spark = new SparkSettings(v.string("c360.spark.master", true),
        v.string("c360.spark.app-name", false), v.intAtLeast("c360.spark.shuffle-partitions", 1),
        v.intAtLeast("c360.spark.concurrent-tables", 1), v.bytes("c360.spark.codegen-min-input"),
        v.stringMap("c360.spark.conf"));
    QualitySettings quality = new QualitySettings(v.fraction("c360.quality.max-rejected-fraction"),
        v.action("c360.quality.domain-action"), expectations(config, v));
    PublishSettings publish = new PublishSettings(v.oneOf("c360.publish.target", PUBLISH_TARGETS),
        v.string("c360.publish.url", true), v.string("c360.publish.user", true),
        v.string("c360.publish.password", true), v.string("c360.publish.authentication", true),
        v.intAtLeast("c360.publish.batch-size", 1), v.intAtLeast("c360.publish.parallelism", 1));
    StorageSettings storage = storage(config, v, lake.root());
    JdbcUrlSecrets.register(publish.url());
    String effective = withoutSecrets(config).getConfig(ROOT).atPath(ROOT).root()
        .render(ConfigRenderOptions.defaults().setOriginComments(true).setComments(false).setJson(false));
    BronzeSettings bronze = new BronzeSettings(v.charset("c360.bronze.encoding"),
        v.intAtLeast("c360.bronze.max-record-lines", 1));
    return new Settings(config.getString("c360.profile"), lake, spark, quality, publish, storage, bronze,
        secrets(v), v.intAtLeast("c360.gold.percentile-accuracy", 1), v.longValue("c360.generate.seed"), effective);
  }

  /** The config with each secret value that is not a reference replaced by {@code ****}, for display. */
  private static Config withoutSecrets(Config config) {
    Config shown = config;
    for (String path : SECRET_PATHS) {
      String value = config.getString(path);
      if (!value.isEmpty() && !SecretReference.isReference(value)) {
        shown = shown.withValue(path, ConfigValueFactory.fromAnyRef("****", "secret, not shown"));
      }
    }
    String url = config.getString("c360.publish.url");
    if (!JdbcUrlSecrets.masked(url).equals(url)) {
      shown = shown.withValue("c360.publish.url", ConfigValueFactory.fromAnyRef(JdbcUrlSecrets.masked(url),
          "secrets in the URL not shown"));
    }
    return shown;
  }

  /** {@code c360.secrets}: the Key Vault URL template must name the vault and use TLS. */
  private static SecretsSettings secrets(Values v) {
    String path = "c360.secrets.keyvault-url-template";
    String template = v.string(path, false);
    if (!KeyVaultSecrets.isUrlTemplate(template)) {
      throw v.bad(path, KeyVaultSecrets.URL_TEMPLATE_RULE);
    }
    return new SecretsSettings(template);
  }

  /** {@code c360.storage}, checked against the auth method and the lake root's scheme. */
  private static StorageSettings storage(Config config, Values v, String lakeRoot) {
    String authPath = "c360.storage.auth";
    StorageSettings.Auth auth = StorageSettings.Auth.fromConfig(v.string(authPath, false));
    if (auth == null) {
      throw v.bad(authPath, "one of none, account-key, sas, oauth, managed-identity, emulator");
    }
    StorageSettings storage = new StorageSettings(auth, v.string("c360.storage.account", true),
        v.string("c360.storage.account-key", true), v.string("c360.storage.sas", true),
        v.string("c360.storage.tenant-id", true), v.string("c360.storage.client-id", true),
        v.string("c360.storage.client-secret", true), v.string("c360.storage.endpoint-suffix", false));
    switch (auth) {
      case ACCOUNT_KEY:
        v.required("c360.storage.account-key", authPath);
        break;
      case SAS:
        v.required("c360.storage.sas", authPath);
        break;
      case OAUTH:
        v.required("c360.storage.tenant-id", authPath);
        v.required("c360.storage.client-id", authPath);
        v.required("c360.storage.client-secret", authPath);
        break;
      default:
        break;
    }
    String scheme = lakeRoot.contains("://") ? lakeRoot.substring(0, lakeRoot.indexOf("://")).toLowerCase(Locale.ROOT)
        : "";
    boolean wasb = scheme.equals("wasb") || scheme.equals("wasbs");
    boolean azure = wasb || scheme.equals("abfs") || scheme.equals("abfss");
    String where = " (c360.lake.root = " + lakeRoot + ", set at " + origin(config, "c360.lake.root") + ")";
    if (wasb && !auth.supportsWasb()) {
      throw new InvalidConfigException(authPath + ": " + auth.configName() + " works with abfss:// only, WASB has "
          + "no OAuth in Hadoop 3.3; use an abfss:// lake root or account-key/sas" + where);
    }
    if (auth == StorageSettings.Auth.EMULATOR && !wasb) {
      throw new InvalidConfigException(authPath + ": emulator needs a wasb:// lake root such as "
          + "wasb://lake@devstoreaccount1.blob.core.windows.net/c360" + where);
    }
    if (auth != StorageSettings.Auth.NONE && auth != StorageSettings.Auth.EMULATOR && !azure
        && storage.account().isEmpty()) {
      throw new InvalidConfigException(authPath + ": " + auth.configName() + " needs a storage account: set "
          + "c360.storage.account or an abfss:// or wasb:// lake root" + where);
    }
    return storage;
  }

  private static List<Expectation> expectations(Config config, Values v) {
    String base = "c360.quality.expectations";
    ConfigObject tables = v.object(base);
    List<Expectation> expectations = new ArrayList<>();
    for (String tableName : new TreeSet<>(tables.keySet())) {
      String tablePath = base + "." + quote(tableName);
      if (Catalog.find(tableName).isEmpty()) {
        throw new InvalidConfigException(tablePath + ": no table '" + tableName + "' in the catalog (set at "
            + origin(config, tablePath) + "); tables are " + Catalog.tables());
      }
      String table = Catalog.table(tableName).name();
      ConfigObject named = v.object(tablePath);
      for (String name : new TreeSet<>(named.keySet())) {
        String path = tablePath + "." + quote(name);
        ConfigObject body = v.object(path);
        for (String key : body.keySet()) {
          if (!key.equals("condition") && !key.equals("action")) {
            throw new InvalidConfigException(path + "." + key + ": unknown setting (set at "
                + origin(config, path + "." + key) + "); an expectation has only condition and action");
          }
        }
        expectations.add(new Expectation(table, name, v.string(path + ".condition", false),
            v.action(path + ".action")));
      }
    }
    return expectations;
  }

  private static String quote(String key) {
    return key.matches("[A-Za-z0-9_-]+") ? key : "\"" + key.replace("\"", "\\\"") + "\"";
  }

  /** Typed reads that turn Typesafe's errors into messages with the path, the value and its origin. */
  private static final class Values {
    private final Config config;

    Values(Config config) {
      this.config = config;
    }

    private InvalidConfigException bad(String path, String expected) {
      String got = config.hasPathOrNull(path) && !config.getIsNull(path)
          ? config.getValue(path).render(ConfigRenderOptions.concise()) : "nothing";
      return new InvalidConfigException(path + ": expected " + expected + " but got " + got + " (set at "
          + origin(config, path) + ")");
    }

    /** Fails unless {@code path} is non-empty, naming the setting that requires it. */
    void required(String path, String because) {
      if (string(path, true).isBlank()) {
        throw bad(path, "a value because " + because + " = " + config.getString(because) + " needs it");
      }
    }

    String string(String path, boolean mayBeEmpty) {
      try {
        String value = config.getString(path);
        if (!mayBeEmpty && value.isBlank()) {
          throw bad(path, "a non-empty string");
        }
        return value;
      } catch (ConfigException e) {
        throw bad(path, "a string");
      }
    }

    /** The canonical name of a charset bronze files can be split in ({@link BronzeSettings#isSplittable}). */
    String charset(String path) {
      java.nio.charset.Charset charset;
      try {
        charset = java.nio.charset.Charset.forName(string(path, false));
      } catch (IllegalArgumentException e) {
        throw bad(path, "a charset name such as UTF-8, windows-1252 or ISO-8859-1");
      }
      if (!BronzeSettings.isSplittable(charset)) {
        throw bad(path, "a charset in which line breaks, ',' and '\"' are single ASCII bytes (UTF-8, windows-1252, "
            + "ISO-8859-1, ...); convert UTF-16 or UTF-32 files to UTF-8 first");
      }
      return charset.name();
    }

    int intAtLeast(String path, int min) {
      return checked(path, "an integer >= " + min, config::getInt, value -> value >= min);
    }

    long longValue(String path) {
      return checked(path, "an integer", config::getLong, value -> true);
    }

    long bytes(String path) {
      return checked(path, "a size such as 128m or 1g, or 0", config::getBytes, value -> value >= 0);
    }

    double fraction(String path) {
      return checked(path, "a number between 0 and 1", config::getDouble,
          value -> value >= 0 && value <= 1 && !Double.isNaN(value));
    }

    Duration duration(String path) {
      checked(path, "a duration such as 30m or 2h", config::getDuration, value -> true);
      return checked(path, "a positive duration", config::getDuration,
          value -> !value.isNegative() && !value.isZero());
    }

    /** {@code read(path)}, failing with {@code expected} if Typesafe cannot read it or it is not {@code valid}. */
    private <T> T checked(String path, String expected, Function<String, T> read, Predicate<T> valid) {
      T value;
      try {
        value = read.apply(path);
      } catch (ConfigException e) {
        throw bad(path, expected);
      }
      if (!valid.test(value)) {
        throw bad(path, expected);
      }
      return value;
    }

    String oneOf(String path, List<String> allowed) {
      String value = string(path, false).strip().toLowerCase(Locale.ROOT);
      if (!allowed.contains(value)) {
        throw bad(path, "one of " + String.join(", ", allowed));
      }
      return value;
    }

    ExpectationAction action(String path) {
      String value = string(path, false);
      try {
        return ExpectationAction.valueOf(value.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw bad(path, "one of warn, drop, fail");
      }
    }

    ConfigObject object(String path) {
      try {
        return config.getObject(path);
      } catch (ConfigException e) {
        throw bad(path, "an object { ... }");
      }
    }

    Map<String, String> stringMap(String path) {
      Map<String, String> values = new TreeMap<>();
      Config sub;
      try {
        sub = config.getConfig(path);
      } catch (ConfigException e) {
        throw bad(path, "an object of Spark settings");
      }
      for (Map.Entry<String, ConfigValue> entry : sub.entrySet()) {
        Object raw = entry.getValue().unwrapped();
        if (raw instanceof Map || raw instanceof List) {
          throw bad(path + "." + entry.getKey(), "a single value");
        }
        // Quoted ("spark.sql.x" = 1) and nested (spark.sql.x = 1) spellings mean the same Spark key.
        values.put(String.join(".", ConfigUtil.splitPath(entry.getKey())), String.valueOf(raw));
      }
      return values;
    }
  }
}
