package io.c360.lake;

import com.microsoft.azure.storage.CloudStorageAccount;
import com.microsoft.azure.storage.blob.CloudBlobContainer;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * The Azurite blob emulator (npm {@code azurite}) on its standard endpoint {@code http://127.0.0.1:10000}, the
 * one hadoop-azure's WASB uses for the storage emulator. One already listening there (started by a developer or
 * {@code .ci/run}) is used as it is; otherwise {@code azurite-blob} from the PATH is started and stopped with
 * {@link #close()}. Not installed is a failure that says how to install it, not a skipped test.
 */
final class Azurite implements AutoCloseable {
  static final String VERSION = "3.37.0";
  static final int PORT = 10000;
  /** The emulator's account host in wasb:// URIs; {@code c360.storage.auth = emulator} maps it to 127.0.0.1. */
  static final String ACCOUNT_HOST = "devstoreaccount1.blob.core.windows.net";

  private final Process process;

  private Azurite(Process process) {
    this.process = process;
  }

  static Azurite start(Path workDir) throws IOException, InterruptedException {
    if (listening()) {
      return new Azurite(null);
    }
    Path executable = onPath("azurite-blob");
    if (executable == null) {
      throw new IllegalStateException("Azurite is not installed and nothing listens on 127.0.0.1:" + PORT
          + ": run 'npm install -g azurite@" + VERSION + "' (.ci/run does) or start azurite-blob yourself");
    }
    Files.createDirectories(workDir);
    Process process = new ProcessBuilder(executable.toString(), "--blobHost", "127.0.0.1", "--blobPort",
        Integer.toString(PORT), "--location", workDir.toString(), "--silent", "--disableTelemetry",
        "--skipApiVersionCheck", "--loose")
        .redirectErrorStream(true)
        .redirectOutput(workDir.resolve("azurite.log").toFile())
        .start();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!listening()) {
      if (!process.isAlive()) {
        throw new IllegalStateException("azurite-blob exited with " + process.exitValue() + "; see "
            + workDir.resolve("azurite.log"));
      }
      if (System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException("azurite-blob did not listen on 127.0.0.1:" + PORT + " within 60 s");
      }
      Thread.sleep(200);
    }
    return new Azurite(process);
  }

  /** Creates a container of that name (lower-case letters, digits, dashes). */
  void createContainer(String name) throws Exception {
    CloudBlobContainer container = CloudStorageAccount.getDevelopmentStorageAccount().createCloudBlobClient()
        .getContainerReference(name);
    container.createIfNotExists();
  }

  private static boolean listening() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", PORT), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static Path onPath(String name) {
    for (String dir : List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))) {
      Path candidate = Paths.get(dir.isEmpty() ? "." : dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  @Override
  public void close() {
    if (process != null) {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
    }
  }
}
