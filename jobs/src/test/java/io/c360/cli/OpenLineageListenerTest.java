package io.c360.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.c360.catalog.Catalog;
import io.c360.catalog.Table;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenLineage Spark listener, configured as README's Lineage paragraph says (Spark settings in
 * {@code c360.spark.conf}), on a real {@code c360 run --stages silver} in its own JVM (the listener is set when the
 * Spark context starts): its file transport receives run events whose outputs name every silver table.
 */
class OpenLineageListenerTest {
  @TempDir
  Path tmp;

  @Test
  void silverRunWithTheListenerEmitsEventsNamingEverySilverTable() throws Exception {
    Path lake = tmp.resolve("lake");
    assertEquals(C360.OK, C360.execute("generate", "--scale", "1", "--out", lake.resolve("bronze").toString()));
    Path events = tmp.resolve("lineage.json");
    Path log = tmp.resolve("run.log");
    List<String> command = new ArrayList<>();
    command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    // Spark's --add-opens and the time zone, as surefire gave them to this JVM.
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Duser.timezone")).collect(Collectors.toList()));
    command.addAll(List.of("-Xmx2g", "-cp", System.getProperty("java.class.path"), C360.class.getName(),
        "run", "--stages", "silver", "-Dc360.lake.root=" + lake, "-Dc360.spark.master=local[2]",
        "-Dc360.spark.shuffle-partitions=2",
        "-Dc360.spark.conf.spark.extraListeners=io.openlineage.spark.agent.OpenLineageSparkListener",
        "-Dc360.spark.conf.spark.openlineage.namespace=c360",
        "-Dc360.spark.conf.spark.openlineage.transport.type=file",
        "-Dc360.spark.conf.spark.openlineage.transport.location=" + events));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process run = builder.start();
    assertTrue(run.waitFor(15, TimeUnit.MINUTES), "silver with the listener did not finish");
    assertEquals(C360.OK, run.exitValue(), Files.readString(log));

    assertTrue(Files.isRegularFile(events), "no lineage events written; run log:\n" + Files.readString(log));
    ObjectMapper json = new ObjectMapper();
    Set<String> outputs = new TreeSet<>();
    for (String line : Files.readAllLines(events)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode event = json.readTree(line);
      for (JsonNode output : event.path("outputs")) {
        outputs.add(output.path("name").asText());
      }
    }
    for (Table table : Catalog.tables()) {
      String silver = lake.resolve("silver").resolve(table.name()).toString();
      assertTrue(outputs.stream().anyMatch(name -> name.endsWith(silver)),
          "no lineage event names silver " + table.name() + " (" + silver + ") as an output: " + outputs);
    }
  }
}
