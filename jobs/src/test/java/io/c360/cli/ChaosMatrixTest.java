package io.c360.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick part of the fault matrix ({@code scripts/chaos} runs all of it): real {@code kill -9}-like halts in
 * child processes, each followed by one plain run that must equal an uninterrupted run table by table.
 */
class ChaosMatrixTest {

  @TempDir
  static Path work;

  private static ChaosMatrix matrix;

  private static ChaosMatrix matrix() {
    if (matrix == null) {
      matrix = new ChaosMatrix(work);
    }
    return matrix;
  }

  private static ChaosMatrix.Kill kill(String point) {
    return ChaosMatrix.KILLS.stream().filter(k -> k.point.equals(point)).findFirst().orElseThrow();
  }

  @Test
  void aFullRefreshKilledAfterTheParentsIsRedoneByThePlainRunThatFollows() throws Exception {
    String[] row = matrix().kill(kill("silver-table@5"));
    assertEquals("exit 0", row[2], String.join(" | ", row));
    assertTrue(row[3].startsWith("yes"), String.join(" | ", row));
  }

  @Test
  void aRunKilledInsideAPublishTransactionIsResumedByTheNextRun() throws Exception {
    String[] row = matrix().kill(kill("publish-merge@1"));
    assertEquals("exit 0", row[2], String.join(" | ", row));
    assertTrue(row[3].startsWith("yes"), String.join(" | ", row));
  }

  @Test
  void aSecondRunOnTheSameLakeFailsFastWhileTheFirstCompletes() throws Exception {
    String[] row = matrix().concurrentRuns();
    assertTrue(row[3].startsWith("yes"), String.join(" | ", row));
  }
}
