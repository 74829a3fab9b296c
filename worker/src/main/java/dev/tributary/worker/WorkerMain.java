package dev.tributary.worker;

import dev.tributary.worker.plugins.FetchPluginsCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.runtime.Connect;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Entry point of the worker distribution: Kafka Connect's two modes and the plugin fetcher. */
@Command(
    name = "tributary-worker",
    mixinStandardHelpOptions = true,
    description = "Apache Kafka Connect, as run by Tributary.",
    subcommands = {
      WorkerMain.Distributed.class,
      WorkerMain.Standalone.class,
      FetchPluginsCommand.class
    })
public final class WorkerMain {

  public static void main(String[] args) {
    Map<String, String> environment = System.getenv();
    FatalErrors.install(environment);
    int exitCode =
        new CommandLine(new WorkerMain())
            .setExecutionExceptionHandler(
                (e, cmd, parsed) -> {
                  if (!(e instanceof UserError)) {
                    // The whole trace for whoever reads the log; the one line after it, for status.
                    e.printStackTrace();
                  }
                  TerminationMessage.report(TerminationMessage.line(e), System.err, environment);
                  return e instanceof UserError ? 2 : 1;
                })
            .execute(args);
    if (exitCode != 0) {
      System.exit(exitCode);
    }
  }

  /** The worker properties Connect gets: file, then {@code CONNECT_*} overrides, then defaults. */
  static Map<String, String> resolveWorkerProperties(
      Path workerProperties, Map<String, String> environment, Path home) throws IOException {
    if (!Files.isRegularFile(workerProperties)) {
      throw new UserError("worker properties file not found: " + workerProperties);
    }
    var props =
        new TreeMap<>(
            WorkerProperties.withEnvironmentOverrides(
                WorkerProperties.load(workerProperties), environment));
    props.putIfAbsent("plugin.path", home.resolve("plugins").toString());
    props.putIfAbsent("plugin.discovery", PluginDiscovery.modeFor(props.get("plugin.path")));
    return props;
  }

  static Path home() {
    String home = System.getProperty("tributary.home");
    return home != null ? Path.of(home) : Path.of("").toAbsolutePath();
  }

  /** {@code distributed <worker.properties>}: one worker of a Connect group. */
  @Command(name = "distributed", description = "Run a Connect worker in distributed mode.")
  static final class Distributed implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "WORKER_PROPERTIES")
    Path workerProperties;

    @Override
    public Integer call() throws Exception {
      Map<String, String> props =
          resolveWorkerProperties(workerProperties, System.getenv(), home());
      LogLevels.applyBeside(workerProperties);
      var metrics = WorkerMetrics.startIfEnabled(System.getenv());
      Connect<?> connect = new ConnectDistributed().startConnect(props);
      connect.awaitStop();
      metrics.ifPresent(server -> server.close());
      return 0;
    }
  }

  /** {@code standalone <worker.properties> <connector file>...}: one process, offsets in a file. */
  @Command(name = "standalone", description = "Run a Connect worker in standalone mode.")
  static final class Standalone implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "WORKER_PROPERTIES")
    Path workerProperties;

    @Parameters(
        index = "1..*",
        paramLabel = "CONNECTOR_CONFIG",
        description = "Connector configs as .properties or JSON, as Apache's connect-standalone.")
    List<Path> connectorConfigs = List.of();

    @Override
    public Integer call() throws Exception {
      Map<String, String> props =
          resolveWorkerProperties(workerProperties, System.getenv(), home());
      LogLevels.applyBeside(workerProperties);
      var metrics = WorkerMetrics.startIfEnabled(System.getenv());
      var cli = new ConnectStandalone();
      var connect = cli.startConnect(props);
      cli.processExtraArgs(
          connect, connectorConfigs.stream().map(Path::toString).toArray(String[]::new));
      connect.awaitStop();
      metrics.ifPresent(server -> server.close());
      return 0;
    }
  }
}
