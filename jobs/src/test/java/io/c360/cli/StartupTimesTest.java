package io.c360.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The start-up line names each phase with its own seconds, in order, and their sum. */
class StartupTimesTest {

  @Test
  void eachPhaseIsTheTimeSinceTheMarkBeforeIt() {
    StartupTimes times = new StartupTimes(10_000, 10_800)
        .mark("settings", 10_900)
        .mark("Spark session", 16_100)
        .mark("lock and run record", 16_400);
    assertEquals("start-up 6.4 s: JVM and CLI 0.8 s, settings 0.1 s, Spark session 5.2 s, lock and run record 0.3 s",
        times.line());
  }

  @Test
  void aPhaseMarkedTwiceAddsUpAndAClockGoingBackCountsZero() {
    StartupTimes times = new StartupTimes(0, 1_000).mark("ledger", 1_500).mark("ledger", 1_400).mark("ledger", 2_000);
    assertEquals("start-up 2.0 s: JVM and CLI 1.0 s, ledger 1.0 s", times.line());
  }
}
