package io.c360.cli;

import io.c360.config.InvalidConfigException;
import io.c360.ledger.LakeBusyException;
import io.c360.secrets.Redaction;
import io.c360.silver.ExpectationFailedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code c360} command line. Exit codes (DESIGN §8): 0 ok, 1 data-quality failure, 2 usage or config
 * error, 3 runtime failure.
 */
@Command(name = "c360", mixinStandardHelpOptions = true, version = "c360 0.1.0",
    description = "Customer 360 lakehouse: bronze CSV -> silver Delta -> gold -> SQL.",
    subcommands = {DemoCommand.class, GenerateCommand.class, RunCommand.class, ReportCommand.class, StatusCommand.class,
        CustomerCommand.class, QuarantineCommand.class, CommandLine.HelpCommand.class})
public final class C360 {
  public static final int OK = 0;
  public static final int DATA_QUALITY = 1;
  public static final int USAGE = 2;
  public static final int RUNTIME = 3;

  public static void main(String[] args) {
    int exit = execute(args);
    // A Databricks JAR task must return from main on success: System.exit there fails the task or the cluster's
    // later tasks. A non-zero code still exits, so that the task fails with it.
    if (exit != OK || System.getenv("DATABRICKS_RUNTIME_VERSION") == null) {
      System.exit(exit);
    }
  }

  /** Runs the command line and returns its exit code; tests call this instead of {@link #main}. */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new C360());
    cli.setExecutionExceptionHandler(C360::handle);
    cli.setExitCodeExceptionMapper(C360::exitCode);
    return cli.execute(args);
  }

  static int exitCode(Throwable error) {
    if (error instanceof ExpectationFailedException) {
      return DATA_QUALITY;
    }
    if (error instanceof InvalidConfigException || error instanceof IllegalArgumentException
        || error instanceof CommandLine.ParameterException) {
      return USAGE;
    }
    return RUNTIME;
  }

  private static int handle(Exception error, CommandLine cli, CommandLine.ParseResult parsed) {
    boolean verbose = parsed.originalArgs().contains("--verbose") || parsed.originalArgs().contains("-v");
    if (verbose) {
      java.io.StringWriter trace = new java.io.StringWriter();
      error.printStackTrace(new java.io.PrintWriter(trace));
      cli.getErr().print(Redaction.scrub(trace.toString()));
    }
    String kind = error instanceof LakeBusyException ? "lake busy" : error.getClass().getSimpleName();
    cli.getErr().println(cli.getColorScheme().errorText("c360: " + message(error)
        + (verbose ? "" : "  (" + kind + "; --verbose for details)")));
    return exitCode(error);
  }

  private static String message(Throwable error) {
    String message = error.getMessage();
    return message == null || message.isBlank() ? error.getClass().getName() : Redaction.scrub(message);
  }
}
