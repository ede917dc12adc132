package io.c360.silver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FollowingLinesTest {

  @TempDir
  Path tmp;

  private List<String> from(Path file, long start) throws IOException {
    List<String> lines = new ArrayList<>();
    try (FollowingLines following = new FollowingLines(new Configuration(), file.toUri().toString(), start)) {
      byte[] line;
      while ((line = following.next()) != null) {
        lines.add(new String(line, StandardCharsets.UTF_8));
      }
    }
    return lines;
  }

  @Test
  void readsTheLinesThatStartAfterTheSplitStartAsSparksTextSourceDoes() throws IOException {
    Path file = tmp.resolve("a b.csv"); // a space: Spark's file URIs are URL-encoded
    Files.write(file, "h\nline one\r\nline two\rline three\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of("line two", "line three"), from(file, 4), "byte 4 is inside 'line one': it belongs before");
    assertEquals(List.of("line two", "line three"), from(file, 2),
        "a line starting right at the split start belongs to the split before");
    assertEquals(List.of("line one", "line two", "line three"), from(file, 1));
    assertEquals(List.of(), from(file, Files.size(file)));
  }

  @Test
  void aStartOutsideTheFileIsRefused() throws IOException {
    Path file = tmp.resolve("b.csv");
    Files.writeString(file, "h\n");
    assertThrows(IllegalArgumentException.class, () -> from(file, 0));
    assertThrows(IllegalArgumentException.class, () -> from(file, 9));
  }
}
