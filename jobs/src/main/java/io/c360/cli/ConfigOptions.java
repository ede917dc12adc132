package io.c360.cli;

import io.c360.config.Settings;
import io.c360.config.SettingsLoader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The configuration options every command that touches the lake shares (DESIGN §7 layers). Each also has a form
 * without leading dashes ({@code profile=synapse}, {@code c360.lake.root=...}): job definitions whose argument list
 * goes through an argparse list (Synapse's {@code az ... --arguments}) cannot hold tokens that start with '-'.
 */
final class ConfigOptions {

  // No picocli default: without the option the profile comes from -Dc360.profile, C360_PROFILE, else local.
  @Option(names = {"--profile", "profile"}, paramLabel = "NAME",
      description = "Profile conf/<NAME>.conf: local, synapse, databricks (default: -Dc360.profile, C360_PROFILE, "
          + "else local). Also: profile=NAME.")
  String profile;

  @Option(names = "--conf", paramLabel = "FILE", description = "Extra HOCON file over the profile.")
  Path confFile;

  @Option(names = "--conf-dir", paramLabel = "DIR", hidden = true,
      description = "Where profiles are looked up before the classpath (default: ./conf).")
  Path confDirectory = Paths.get("conf");

  @Option(names = "-D", paramLabel = "KEY=VALUE", mapFallbackValue = "",
      description = "Override one setting, e.g. -Dc360.lake.root=/data/lake (wins over files).")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Parameters(paramLabel = "c360.KEY=VALUE", arity = "0..*",
      description = "Override one setting without a leading dash, e.g. c360.lake.root=/data/lake (as -D).")
  List<String> settings = new ArrayList<>();

  @Option(names = {"-v", "--verbose"}, description = "Show Spark's logging and stack traces.")
  boolean verbose;

  Settings load() {
    return SettingsLoader.create()
        .confDirectory(confDirectory)
        .profile(profile)
        .confFile(confFile)
        .overrides(overrides())
        .load();
  }

  /** How many leading positional arguments are the command's own (customer's CustomerID), not settings. */
  private int commandArguments;

  /** Picocli hands every positional argument to {@link #settings} too; the first {@code count} are the command's. */
  ConfigOptions commandArguments(int count) {
    this.commandArguments = count;
    return this;
  }

  /** {@code -D} and {@code c360.KEY=VALUE} arguments; a later one wins, as on a command line. */
  Map<String, String> overrides() {
    Map<String, String> all = new LinkedHashMap<>(overrides);
    for (String setting : settings.subList(Math.min(commandArguments, settings.size()), settings.size())) {
      int equals = setting.indexOf('=');
      if (equals < 1 || !setting.startsWith("c360.")) {
        throw new IllegalArgumentException("argument '" + setting + "': expected a setting c360.KEY=VALUE, "
            + "e.g. c360.lake.root=/data/lake");
      }
      all.put(setting.substring(0, equals).strip(), setting.substring(equals + 1));
    }
    return all;
  }
}
