package io.c360.cli;

import io.c360.config.Settings;
import io.c360.config.SettingsLoader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The configuration options every command that touches the lake shares (DESIGN §7 layers). */
final class ConfigOptions {

  @Option(names = "--profile", paramLabel = "NAME",
      description = "Profile conf/<NAME>.conf: local, synapse, databricks (default: ${DEFAULT-VALUE}).",
      defaultValue = "local")
  String profile;

  @Option(names = "--conf", paramLabel = "FILE", description = "Extra HOCON file over the profile.")
  Path confFile;

  @Option(names = "--conf-dir", paramLabel = "DIR", hidden = true,
      description = "Where profiles are looked up before the classpath (default: ./conf).")
  Path confDirectory = Paths.get("conf");

  @Option(names = "-D", paramLabel = "KEY=VALUE", mapFallbackValue = "",
      description = "Override one setting, e.g. -Dc360.lake.root=/data/lake (wins over files).")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Option(names = {"-v", "--verbose"}, description = "Show Spark's logging and stack traces.")
  boolean verbose;

  Settings load() {
    return SettingsLoader.create()
        .confDirectory(confDirectory)
        .profile(profile)
        .confFile(confFile)
        .overrides(overrides)
        .load();
  }
}
