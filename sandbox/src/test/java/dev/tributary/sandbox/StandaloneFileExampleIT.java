package dev.tributary.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.sandbox.process.KafkaBroker;
import dev.tributary.sandbox.process.LocalWorker;
import dev.tributary.sandbox.process.Ports;
import dev.tributary.sandbox.process.Records;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The seed's standalone example: a file into a topic and back out, across a worker restart. */
@ExtendWith(SharedKafka.class)
class StandaloneFileExampleIT {

  @Test
  void everyLineArrivesExactlyOnceAcrossARestart() throws Exception {
    KafkaBroker kafka = SharedKafka.broker();
    Path dir = TestPaths.freshDir("standalone");
    Path input = dir.resolve("in.txt");
    Path output = dir.resolve("out.txt");
    String topic = "standalone-lines-" + System.nanoTime();
    int restPort = Ports.free();

    Map<String, String> worker =
        Map.of(
            "bootstrap.servers",
            kafka.bootstrapServers(),
            "key.converter",
            "org.apache.kafka.connect.storage.StringConverter",
            "value.converter",
            "org.apache.kafka.connect.storage.StringConverter",
            "offset.storage.file.filename",
            dir.resolve("offsets").toString(),
            "offset.flush.interval.ms",
            "500",
            "listeners",
            "http://127.0.0.1:" + restPort);
    Path source = dir.resolve("file-source.properties");
    Files.writeString(
        source,
        String.join(
            "\n",
            "name=file-source",
            "connector.class=org.apache.kafka.connect.file.FileStreamSourceConnector",
            "tasks.max=1",
            "file=" + input,
            "topic=" + topic));
    // The sink comes as JSON: the other connector file format connect-standalone accepts.
    Path sink = dir.resolve("file-sink.json");
    Files.writeString(
        sink,
        """
        {"name": "file-sink", "config": {
          "connector.class": "org.apache.kafka.connect.file.FileStreamSinkConnector",
          "tasks.max": "1", "topics": "%s", "file": "%s"}}
        """
            .formatted(topic, output));

    List<String> first = Records.numbered("line-", 1, 5);
    Records.appendLines(input, first);
    try (var running = start(worker, dir, source, sink)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> Records.valuesOf(kafka.bootstrapServers(), topic).size() == 5);
    }

    List<String> second = Records.numbered("line-", 6, 10);
    Records.appendLines(input, second);
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    try (var restarted = start(worker, dir, source, sink)) {
      await().atMost(Duration.ofSeconds(60)).until(() -> Records.linesOf(output).containsAll(all));
      assertThat(Records.valuesOf(kafka.bootstrapServers(), topic))
          .as("the offsets file is honoured: nothing read twice")
          .containsExactlyElementsOf(all);
    }
    assertThat(Records.linesOf(output)).containsExactlyElementsOf(all);
  }

  private static LocalWorker start(Map<String, String> worker, Path dir, Path... connectors)
      throws Exception {
    return LocalWorker.start(
            TestPaths.workerHome(), dir, "standalone", worker, List.of(connectors), Map.of())
        .awaitHealthy(Duration.ofSeconds(60));
  }
}
