package io.c360.cli;

import io.c360.config.InvalidConfigException;
import io.c360.lake.StorageFailure;
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
    cli.setExecutionStrategy(C360::executeCatchingErrors);
    cli.setExitCodeExceptionMapper(C360::exitCode);
    return cli.execute(args);
  }

  /**
   * Runs the chosen subcommand. Hadoop reports a failed local write (a full disk) as {@link
   * org.apache.hadoop.fs.FSError}, an {@link Error} that picocli lets through to a raw stack trace and exit 1; it
   * becomes a {@link StorageFailure} for {@link #handle}, as any error of the lake's storage does.
   */
  private static int executeCatchingErrors(CommandLine.ParseResult parsed) {
    try {
      return new CommandLine.RunLast().execute(parsed);
    } catch (CommandLine.ExecutionException e) {
      throw e;
    } catch (Error e) {
      CommandLine command = parsed.subcommand() == null ? parsed.commandSpec().commandLine()
          : parsed.subcommand().commandSpec().commandLine();
      Throwable failure = StorageFailure.of("c360 " + command.getCommandName(), e).map(Throwable.class::cast)
          .orElse(e);
      if (failure instanceof Error) {
        throw (Error) failure;
      }
      throw new CommandLine.ExecutionException(command, failure.getMessage(), failure);
    }
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

  private static int handle(Exception thrown, CommandLine cli, CommandLine.ParseResult parsed) {
    // An I/O failure outside any table's work (the ledger, the lock, a summary) is the storage's failure too.
    Exception error = exitCode(thrown) == RUNTIME
        ? StorageFailure.of("c360 " + cli.getCommandName(), thrown).map(Exception.class::cast).orElse(thrown)
        : thrown;
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

  /**
   * The error in a line or two: Spark's task failure by its cause (its own message carries the executor's stack
   * trace), H2's echo of the whole SQL statement left out, further lines joined.
   */
  static String message(Throwable error) {
    if (error instanceof org.apache.spark.SparkException && error.getCause() != null
        && error.getCause() != error) {
      return message(error.getCause());
    }
    String message = error.getMessage();
    if (message == null || message.isBlank()) {
      return error.getClass().getName();
    }
    String shown = H2_STATEMENT.matcher(message).replaceAll("")
        .replaceAll("\\s*\\R\\s*(- )?", "; ").strip();
    return Redaction.scrub(shown);
  }

  /** H2's {@code ; SQL statement:} and the statement after it, up to its error code such as {@code [22001-224]}. */
  private static final java.util.regex.Pattern H2_STATEMENT =
      java.util.regex.Pattern.compile("(?s); SQL statement:\\R.*?(?=\\[[0-9]+-[0-9]+\\])");
}
