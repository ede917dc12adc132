package io.c360.cli;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Where the seconds before a command's first stage go, phase by phase from the JVM's own start time, printed as one
 * line (issue 13: start-up is a fixed cost of every run, so it is shown, not guessed). The first phase is the JVM
 * and the command line itself: class loading up to the first mark.
 */
final class StartupTimes {
  private final Map<String, Long> phaseMillis = new LinkedHashMap<>();
  private final long jvmStart;
  private long last;

  StartupTimes() {
    this(ManagementFactory.getRuntimeMXBean().getStartTime(), System.currentTimeMillis());
  }

  /** Starts at {@code jvmStart} (epoch ms); the JVM-and-CLI phase ends at {@code now}. */
  StartupTimes(long jvmStart, long now) {
    this.jvmStart = jvmStart;
    this.last = jvmStart;
    mark("JVM and CLI", now);
  }

  /** Ends the phase named {@code phase} now. */
  StartupTimes mark(String phase) {
    return mark(phase, System.currentTimeMillis());
  }

  StartupTimes mark(String phase, long now) {
    phaseMillis.merge(phase, Math.max(0, now - last), Long::sum);
    last = Math.max(last, now);
    return this;
  }

  /** For example {@code start-up 7.3 s: JVM and CLI 0.9 s, settings 0.2 s, Spark session 5.1 s}. */
  String line() {
    StringJoiner phases = new StringJoiner(", ");
    phaseMillis.forEach((phase, millis) -> phases.add(String.format(Locale.ROOT, "%s %.1f s", phase, millis / 1e3)));
    return String.format(Locale.ROOT, "start-up %.1f s: %s", (last - jvmStart) / 1e3, phases);
  }
}
