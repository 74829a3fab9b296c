package dev.tributary.bench.scale;

import dev.tributary.sandbox.process.ManagedProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The operator as its own JVM, started as its image starts it ({@code java -cp lib/*
 * OperatorMain}), with what it costs read from outside: CPU time and RSS from {@code /proc}, heap
 * after a full collection through {@code jcmd} and its own {@code /metrics}.
 */
final class OperatorProcess implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Linux's clock ticks per second, as {@code getconf CLK_TCK} says on every common kernel. */
  private static final double CLOCK_TICKS = 100.0;

  private final ManagedProcess process;
  private final int httpPort;

  private OperatorProcess(ManagedProcess process, int httpPort) {
    this.process = process;
    this.httpPort = httpPort;
  }

  /**
   * @param lib the operator distribution's {@code lib} folder
   * @param hosts a hosts file naming every cluster's REST host (the JDK resolves through it)
   */
  static OperatorProcess start(
      Path lib, Path kubeconfig, Path hosts, int httpPort, List<String> jvmOptions, Path log)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ManagedProcess.javaExecutable());
    command.addAll(jvmOptions);
    command.add("-Djdk.net.hosts.file=" + hosts);
    command.add("-cp");
    command.add(lib + "/*");
    command.add("dev.tributary.operator.OperatorMain");
    var process =
        ManagedProcess.start(
            "operator",
            command,
            Map.of(
                "KUBECONFIG",
                kubeconfig.toString(),
                "LEADER_ELECTION",
                "false",
                "HTTP_PORT",
                String.valueOf(httpPort),
                "TRIBUTARY_WORKER_IMAGE",
                "tributary/worker:bench"),
            log);
    return new OperatorProcess(process, httpPort);
  }

  long pid() {
    return process.process().pid();
  }

  boolean ready() {
    try {
      return get("/readyz").statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /** User plus system CPU time the process has used, in seconds. */
  double cpuSeconds() throws IOException {
    String stat = Files.readString(Path.of("/proc", String.valueOf(pid()), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // After the command name: state is field 3, utime 14 and stime 15 (1-based, man 5 proc).
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / CLOCK_TICKS;
  }

  /**
   * CPU seconds used so far by each kind of thread, threads named alike (digits and the cluster in
   * a poller's name aside) added up.
   */
  Map<String, Double> cpuSecondsByThread() throws IOException {
    Map<String, Double> byKind = new java.util.TreeMap<>();
    try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid()), "task"))) {
      for (Path task : tasks.toList()) {
        try {
          String name = Files.readString(task.resolve("comm")).trim();
          String stat = Files.readString(task.resolve("stat"));
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / CLOCK_TICKS;
          String kind =
              name.replaceAll("connect-poll/.*", "connect-poll/*").replaceAll("[0-9]+", "N");
          byKind.merge(kind, cpu, Double::sum);
        } catch (IOException e) {
          // the thread ended while being read
        }
      }
    }
    return byKind;
  }

  /** Resident set size in bytes. */
  long rssBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    throw new IOException("no VmRSS for pid " + pid());
  }

  /** Heap in use right after a full collection the benchmark asks for. */
  long heapAfterGcBytes() throws IOException, InterruptedException {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    Process gc = new ProcessBuilder(jcmd, String.valueOf(pid()), "GC.run").start();
    gc.getInputStream().readAllBytes();
    gc.waitFor();
    return (long) metricSum("jvm_memory_used_bytes", "area=\"heap\"");
  }

  /** The sum of a metric's samples whose labels contain {@code labels}. */
  double metricSum(String name, String labels) throws IOException {
    double sum = 0;
    for (String line : get("/metrics").body().split("\n")) {
      if (line.startsWith(name + "{") && line.contains(labels)) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  private HttpResponse<String> get(String path) throws IOException {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
              .timeout(Duration.ofSeconds(10))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  @Override
  public void close() {
    process.stop(Duration.ofSeconds(20));
  }
}
