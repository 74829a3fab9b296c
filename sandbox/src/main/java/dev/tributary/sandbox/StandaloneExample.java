package dev.tributary.sandbox;

import dev.tributary.sandbox.process.KafkaBroker;
import dev.tributary.sandbox.process.LocalWorker;
import dev.tributary.sandbox.process.Ports;
import dev.tributary.sandbox.process.Records;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The worker's standalone file example on one machine: a fresh KRaft broker, one standalone worker
 * from the distribution with a file source and a file sink, and lines flowing from one file to the
 * other until Ctrl-C.
 */
public final class StandaloneExample {

  public static void main(String[] args) throws Exception {
    var paths = SandboxPaths.fromSystemProperties("target/sandbox");
    Path workerHome = paths.workerHome();
    String classpath = paths.runtimeClasspath();
    Path dir = paths.dir();
    Files.createDirectories(dir);
    Path input = dir.resolve("in.txt");
    Path output = dir.resolve("out.txt");
    Files.deleteIfExists(input);
    Files.deleteIfExists(output);

    say("starting a KRaft broker (logs: " + dir.resolve("kafka") + ")");
    try (var kafka = KafkaBroker.start(dir.resolve("kafka"), classpath)) {
      say("broker ready at " + kafka.bootstrapServers() + "; starting a standalone worker");
      int restPort = Ports.free();
      Path source = dir.resolve("file-source.properties");
      Files.writeString(
          source,
          String.join(
              "\n",
              "name=file-source",
              "connector.class=org.apache.kafka.connect.file.FileStreamSourceConnector",
              "tasks.max=1",
              "file=" + input,
              "topic=lines"));
      Path sink = dir.resolve("file-sink.properties");
      Files.writeString(
          sink,
          String.join(
              "\n",
              "name=file-sink",
              "connector.class=org.apache.kafka.connect.file.FileStreamSinkConnector",
              "tasks.max=1",
              "topics=lines",
              "file=" + output));
      Map<String, String> worker =
          Map.of(
              "bootstrap.servers",
              kafka.bootstrapServers(),
              "key.converter",
              "org.apache.kafka.connect.storage.StringConverter",
              "value.converter",
              "org.apache.kafka.connect.storage.StringConverter",
              "offset.storage.file.filename",
              dir.resolve("standalone.offsets").toString(),
              "offset.flush.interval.ms",
              "1000",
              "listeners",
              "http://127.0.0.1:" + restPort);
      Files.deleteIfExists(dir.resolve("standalone.offsets"));
      try (var connect =
          LocalWorker.start(
              workerHome,
              dir.resolve("worker"),
              "standalone",
              worker,
              List.of(source, sink),
              Map.of())) {
        connect.awaitHealthy(Duration.ofSeconds(90));
        say(
            "worker healthy; REST API at "
                + connect.restUrl()
                + " (logs: "
                + connect.process().log()
                + ")");
        say("appending to " + input + " -> topic 'lines' -> " + output);
        say("append your own lines with: echo hello >> " + input + "   (Ctrl-C stops everything)");
        for (int i = 1; ; i++) {
          Records.appendLines(
              input,
              List.of("line " + i + " at " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS)));
          Thread.sleep(2000);
          List<String> out = Records.linesOf(output);
          say(
              out.size()
                  + " lines in "
                  + output.getFileName()
                  + (out.isEmpty() ? "" : "; last: " + out.get(out.size() - 1)));
        }
      }
    }
  }

  private static void say(String message) {
    System.out.println("[sandbox] " + message);
  }
}
