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

  @Test
  void aRowTheTargetRefusesFailsPublishInOneLineNamingTableKeyAndColumnWithTheTraceOnlyUnderVerbose()
      throws Exception {
    Path lake = tmp.resolve("lake");
    io.c360.generate.Generator.create().scale(1).seed(42).outputDirectory(lake.resolve("bronze")).execute();
    assertEquals(C360.OK, C360.execute("run", "--stages", "silver", "-Dc360.lake.root=" + lake,
        "-Dc360.spark.master=local[2]", "-Dc360.spark.shuffle-partitions=2"));
    // Silver holds a value the target's VARCHAR(100) cannot: written past silver's checks, as a value that a
    // target counts differently from silver would be.
    String customers = lake.resolve("silver/Customers").toString();
    org.apache.spark.sql.SparkSession spark = org.apache.spark.sql.SparkSession.active();
    int id = spark.read().format("delta").load(customers).orderBy("CustomerID").first().getInt(0);
    spark.sql("UPDATE delta.`" + customers + "` SET Name = repeat('x', 150) WHERE CustomerID = " + id);

    ReportTestLake.Result quiet = CliChild.run(tmp.resolve("quiet"), java.util.Map.of(), 5, CliChild.runArgs(lake));
    assertEquals(C360.RUNTIME, quiet.exit, quiet.toString());
    java.util.List<String> lines = quiet.errLines();
    assertTrue(lines.size() <= 2, "at most two lines on stderr without --verbose: " + quiet);
    String message = String.join("\n", lines);
    assertTrue(message.contains("publishing Customers") && message.contains("CustomerID=" + id)
        && message.contains("column Name"), message);
    assertTrue(!message.contains("\tat "), message);

    ReportTestLake.Result verbose = CliChild.run(tmp.resolve("verbose"), java.util.Map.of(), 5,
        CliChild.runArgs(lake, "--verbose"));
    assertEquals(C360.RUNTIME, verbose.exit, verbose.toString());
    assertTrue(verbose.err.contains("\tat io.c360.publish."), "the stack trace with --verbose: " + verbose);
    assertTrue(verbose.err.contains("CustomerID=" + id + ", column Name"), verbose.toString());
  }

  @Test
  void aFullDiskFailsInOneLineWithExitThreeAndTheNextRunAfterSpaceIsFreedCompletes() throws Exception {
    Path disk = tmp.resolve("disk");
    Files.createDirectories(disk);
    org.junit.jupiter.api.Assumptions.assumeTrue(sh("mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs",
        disk.toString()) == 0, "needs a tmpfs mount (root)");
    try {
      Path lake = disk.resolve("lake");
      io.c360.generate.Manifest manifest = io.c360.generate.Generator.create().scale(1).seed(42)
          .outputDirectory(lake.resolve("bronze")).execute();
      // Leave about 96 KB: the lock and the ledger's first commit fit, silver's nine tables do not.
      Path filler = disk.resolve("filler");
      long free = Files.getFileStore(disk).getUsableSpace();
      try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(filler.toFile(), "rw")) {
        byte[] block = new byte[64 * 1024];
        for (long left = free - 96 * 1024; left > 0; left -= block.length) {
          file.write(block, 0, (int) Math.min(block.length, left));
        }
      }

      ReportTestLake.Result full = CliChild.run(tmp.resolve("full"), java.util.Map.of(), 5,
          CliChild.runArgs(lake, "--stages", "silver,gold"));
      assertEquals(C360.RUNTIME, full.exit, full.toString());
      java.util.List<String> lines = full.errLines();
      assertTrue(lines.size() <= 2, "one line for a full disk: " + full);
      assertTrue(lines.get(0).startsWith("c360: storage failure in ") && lines.get(0).contains("No space left on device"),
          full.toString());

      Files.delete(filler);
      ReportTestLake.Result freed = CliChild.run(tmp.resolve("freed"), java.util.Map.of(), 5,
          CliChild.runArgs(lake, "--stages", "silver,gold"));
      assertEquals(C360.OK, freed.exit, freed.toString());
      org.apache.spark.sql.SparkSession spark = io.c360.lake.LakeSpark.session("local[2]", "c360-test", 2,
          java.util.Map.of());
      for (io.c360.catalog.Table table : io.c360.catalog.Catalog.tables()) {
        assertEquals(manifest.silver(table.name()), spark.read().format("delta")
            .load(lake.resolve("silver").resolve(table.name()).toString()).count(), table.name());
      }
    } finally {
      sh("umount", "-l", disk.toString());
    }
  }

  private static int sh(String... command) throws Exception {
    return new ProcessBuilder(command).inheritIO().start().waitFor();
  }
}
