package io.c360.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class C360Test {

  @TempDir
  Path tmp;

  private String capture(Runnable action, boolean stderr) {
    PrintStream original = stderr ? System.err : System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    if (stderr) {
      System.setErr(capture);
    } else {
      System.setOut(capture);
    }
    try {
      action.run();
    } finally {
      if (stderr) {
        System.setErr(original);
      } else {
        System.setOut(original);
      }
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @Test
  void everySubcommandHasHelp() {
    for (String command : new String[] {"demo", "generate", "run", "report", "status", "quarantine"}) {
      int[] exit = new int[1];
      String out = capture(() -> exit[0] = C360.execute(command, "--help"), false);
      assertEquals(0, exit[0], command);
      assertTrue(out.contains("Usage: c360 " + command), out);
    }
    int[] exit = new int[1];
    String out = capture(() -> exit[0] = C360.execute("--help"), false);
    assertEquals(0, exit[0]);
    assertTrue(out.contains("generate") && out.contains("run"), out);
  }

  @Test
  void badConfigurationExitsTwoNamingTheKey() throws Exception {
    Path conf = tmp.resolve("bad.conf");
    Files.writeString(conf, "c360.spark.shuffle-partitions = none");
    int[] exit = new int[1];
    String err = capture(() -> exit[0] = C360.execute("run", "--conf", conf.toString()), true);
    assertEquals(C360.USAGE, exit[0]);
    assertTrue(err.contains("c360.spark.shuffle-partitions: expected an integer >= 1"), err);
    assertTrue(!err.contains("\tat "), "no stack trace without --verbose: " + err);
  }

  @Test
  void unknownStageAndBadScaleAreUsageErrors() {
    assertEquals(C360.USAGE, C360.execute("run", "--stages", "bronze"));
    assertEquals(C360.USAGE, C360.execute("generate", "--scale", "0", "--out", tmp.toString()));
    assertEquals(C360.USAGE, C360.execute("generate", "--scale", "many"));
  }
}
