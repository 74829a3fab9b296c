package dev.tributary.bench;

import dev.tributary.sandbox.SandboxPaths;
import dev.tributary.sandbox.process.KafkaBroker;
import dev.tributary.sandbox.process.LocalWorker;
import dev.tributary.sandbox.process.ManagedProcess;
import dev.tributary.sandbox.process.Ports;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Our launcher against Apache's own {@code ConnectStandalone} main, on the same jars and worker
 * config: time from process start to {@code GET /health} = 200, and records/s through file source →
 * topic → file sink. Rounds alternate between the two so machine noise hits both alike.
 */
public final class WorkerBenchmark {

  private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
  private static final int LINES = Integer.getInteger("bench.lines", 1_000_000);

  record Sample(String launcher, double startSeconds, double recordsPerSecond) {}

  public static void main(String[] args) throws Exception {
    var paths = SandboxPaths.fromSystemProperties("target/bench");
    Path workerHome = paths.workerHome();
    String classpath = paths.runtimeClasspath();
    Path dir = paths.dir();
    List<Sample> samples = new ArrayList<>();
    try (var kafka = KafkaBroker.start(dir.resolve("kafka"), classpath)) {
      for (int round = 0; round < ROUNDS; round++) {
        for (String launcher : List.of("tributary", "apache")) {
          Sample sample = runOnce(launcher, workerHome, dir.resolve(launcher + "-" + round), kafka);
          System.out.printf(
              Locale.ROOT,
              "[bench] round %d %-9s start→/health %.2f s, %,.0f records/s%n",
              round,
              launcher,
              sample.startSeconds(),
              sample.recordsPerSecond());
          samples.add(sample);
        }
      }
    }
    System.out.println(report(samples));
  }

  static Sample runOnce(String launcher, Path workerHome, Path dir, KafkaBroker kafka)
      throws Exception {
    Files.createDirectories(dir);
    Path input = dir.resolve("in.txt");
    Path output = dir.resolve("out.txt");
    try (BufferedWriter writer = Files.newBufferedWriter(input)) {
      for (int i = 0; i < LINES; i++) {
        writer.write(String.format(Locale.ROOT, "%09d some payload to make a realistic line", i));
        writer.newLine();
      }
    }
    String topic = "bench-" + dir.getFileName() + "-" + System.nanoTime();
    Path source = dir.resolve("source.properties");
    Files.writeString(
        source,
        "name=source\nconnector.class=org.apache.kafka.connect.file.FileStreamSourceConnector\n"
            + "tasks.max=1\nbatch.size=5000\nfile="
            + input
            + "\ntopic="
            + topic
            + "\n");
    Path sink = dir.resolve("sink.properties");
    Files.writeString(
        sink,
        "name=sink\nconnector.class=org.apache.kafka.connect.file.FileStreamSinkConnector\n"
            + "tasks.max=1\ntopics="
            + topic
            + "\nfile="
            + output
            + "\n");
    int port = Ports.free();
    Map<String, String> worker = new TreeMap<>();
    worker.put("bootstrap.servers", kafka.bootstrapServers());
    worker.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    worker.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    worker.put("offset.storage.file.filename", dir.resolve("offsets").toString());
    worker.put("listeners", "http://127.0.0.1:" + port);
    worker.put("plugin.path", workerHome.resolve("plugins").toString());

    long started = System.nanoTime();
    LocalWorker process =
        launcher.equals("tributary")
            ? LocalWorker.start(
                workerHome, dir, "standalone", worker, List.of(source, sink), Map.of())
            : startApache(workerHome, dir, worker, source, sink);
    try (process) {
      process.awaitHealthy(Duration.ofSeconds(120));
      long healthy = System.nanoTime();
      while (lineCount(output) < LINES) {
        Thread.sleep(50);
      }
      long done = System.nanoTime();
      return new Sample(launcher, (healthy - started) / 1e9, LINES / ((done - healthy) / 1e9));
    }
  }

  /** Apache's {@code ConnectStandalone} main on the distribution's own jars and log config. */
  private static LocalWorker startApache(
      Path workerHome, Path dir, Map<String, String> worker, Path source, Path sink)
      throws IOException {
    Path properties = dir.resolve("worker.properties");
    Files.writeString(
        properties,
        String.join(
            "\n", worker.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
    List<String> command =
        List.of(
            ManagedProcess.javaExecutable(),
            "-Xms64m",
            "-Xmx384m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Dlog4j2.configurationFile=" + workerHome.resolve("config/log4j2.properties"),
            "-cp",
            workerHome.resolve("lib") + "/*",
            "org.apache.kafka.connect.cli.ConnectStandalone",
            properties.toString(),
            source.toString(),
            sink.toString());
    var process =
        ManagedProcess.start("apache-connect", command, Map.of(), dir.resolve("worker.log"));
    return LocalWorker.attach(process, URI.create(worker.get("listeners") + "/"));
  }

  private static long lineCount(Path file) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    try (var lines = Files.lines(file)) {
      return lines.count();
    }
  }

  static String report(List<Sample> samples) {
    double tributaryStart = median(samples, "tributary", Sample::startSeconds);
    double apacheStart = median(samples, "apache", Sample::startSeconds);
    double tributaryRate = median(samples, "tributary", Sample::recordsPerSecond);
    double apacheRate = median(samples, "apache", Sample::recordsPerSecond);
    return String.format(
        Locale.ROOT,
        """
        | launcher | start → /health 200 (median, s) | records/s file → topic → file (median) |
        | --- | --- | --- |
        | tributary-worker standalone | %.2f | %,.0f |
        | Apache ConnectStandalone | %.2f | %,.0f |
        | ratio tributary / apache | %.2f | %.2f |
        """,
        tributaryStart,
        tributaryRate,
        apacheStart,
        apacheRate,
        tributaryStart / apacheStart,
        tributaryRate / apacheRate);
  }

  private static double median(
      List<Sample> samples, String launcher, java.util.function.ToDoubleFunction<Sample> metric) {
    double[] values =
        samples.stream()
            .filter(s -> s.launcher().equals(launcher))
            .mapToDouble(metric)
            .sorted()
            .toArray();
    return values[values.length / 2];
  }
}
