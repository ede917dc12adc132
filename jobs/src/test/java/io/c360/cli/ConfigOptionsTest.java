package io.c360.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.config.Settings;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The options every lake command shares, in both spellings: with dashes and as az-safe words. */
class ConfigOptionsTest {

  private static RunCommand parse(String... args) {
    RunCommand run = new RunCommand();
    new CommandLine(run).parseArgs(args);
    run.config.confDirectory = Paths.get("..", "conf");
    return run;
  }

  @Test
  void wordsWithoutDashesMeanWhatTheOptionsMean() {
    RunCommand words = parse("profile=synapse", "stages=silver,gold", "full-refresh",
        "c360.lake.root=abfss://lake@acct.dfs.core.windows.net/c360", "c360.spark.shuffle-partitions=3");
    RunCommand dashes = parse("--profile", "synapse", "--stages", "silver,gold", "--full-refresh",
        "-Dc360.lake.root=abfss://lake@acct.dfs.core.windows.net/c360", "-Dc360.spark.shuffle-partitions=3");
    for (RunCommand run : List.of(words, dashes)) {
      assertEquals(List.of("silver", "gold"), run.stages);
      assertTrue(run.fullRefresh);
      Settings s = run.config.load();
      assertEquals("synapse", s.profile());
      assertEquals("abfss://lake@acct.dfs.core.windows.net/c360", s.lake().root());
      assertEquals(3, s.spark().shufflePartitions());
      assertEquals("sqlserver", s.publish().target(), "conf/synapse.conf was loaded");
    }
  }

  @Test
  void withoutTheOptionTheProfileComesFromTheSystemProperty() {
    System.setProperty("c360.profile", "databricks");
    try {
      assertEquals("databricks", parse().config.load().profile());
      assertEquals("synapse", parse("--profile", "synapse").config.load().profile(), "the option wins");
    } finally {
      System.clearProperty("c360.profile");
    }
    assertEquals("local", parse().config.load().profile());
  }

  @Test
  void aWordThatIsNoSettingIsAUsageError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> parse("lake.root=/x").config.load());
    assertTrue(e.getMessage().contains("'lake.root=/x'") && e.getMessage().contains("c360.KEY=VALUE"),
        e.getMessage());
  }
}
