package dev.tributary.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.sandbox.process.KafkaBroker;
import dev.tributary.sandbox.process.LocalWorker;
import dev.tributary.sandbox.process.Ports;
import dev.tributary.sandbox.process.Records;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two distributed workers in one group run four file → topic → file pipelines, one per converter
 * (JSON with and without schemas, String, ByteArray) with Cast, ExtractField and Drop; then one
 * worker is killed and the pipelines carry on on the other without losing a record.
 */
@ExtendWith(SharedKafka.class)
class DistributedPipelineIT {

  private static final String JSON = "org.apache.kafka.connect.json.JsonConverter";

  private final List<LocalWorker> workers = new ArrayList<>();

  /** One pipeline: extra source and sink config, and what the sink writes for each input line. */
  record Pipeline(
      String name,
      Map<String, String> source,
      Map<String, String> sink,
      Function<String, String> expectedOutput) {}

  static List<Pipeline> pipelines() {
    return List.of(
        new Pipeline(
            "json-schemas",
            Map.of(
                "value.converter", JSON,
                "value.converter.schemas.enable", "true",
                "transforms", "hoist",
                "transforms.hoist.type", "org.apache.kafka.connect.transforms.HoistField$Value",
                "transforms.hoist.field", "line"),
            Map.of(
                "value.converter", JSON,
                "value.converter.schemas.enable", "true",
                "transforms", "extract",
                "transforms.extract.type", "org.apache.kafka.connect.transforms.ExtractField$Value",
                "transforms.extract.field", "line"),
            line -> line),
        new Pipeline(
            "json-plain",
            Map.of(
                "value.converter", JSON,
                "value.converter.schemas.enable", "false",
                "transforms", "hoist",
                "transforms.hoist.type", "org.apache.kafka.connect.transforms.HoistField$Value",
                "transforms.hoist.field", "line"),
            Map.of(
                "value.converter", JSON,
                "value.converter.schemas.enable", "false",
                "transforms", "extract",
                "transforms.extract.type", "org.apache.kafka.connect.transforms.ExtractField$Value",
                "transforms.extract.field", "line"),
            line -> line),
        new Pipeline(
            "string-cast",
            Map.of("value.converter", "org.apache.kafka.connect.storage.StringConverter"),
            Map.of(
                "value.converter", "org.apache.kafka.connect.storage.StringConverter",
                "transforms", "cast",
                "transforms.cast.type", "org.apache.kafka.connect.transforms.Cast$Value",
                "transforms.cast.spec", "float64"),
            line -> Double.valueOf(line).toString()),
        new Pipeline(
            "bytes-drop",
            Map.of("value.converter", "org.apache.kafka.connect.storage.StringConverter"),
            Map.of(
                "value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter",
                "transforms", "drop",
                "transforms.drop.type", "dev.tributary.connect.transforms.Drop$Value"),
            line -> "null"));
  }

  @AfterEach
  void stopWorkers() {
    workers.forEach(LocalWorker::stop);
  }

  @Test
  void pipelinesRunOnTwoWorkersAndSurviveOneBeingKilled() throws Exception {
    KafkaBroker kafka = SharedKafka.broker();
    Path dir = TestPaths.freshDir("distributed");
    String group = "distributed-" + System.nanoTime();
    for (int i = 0; i < 2; i++) {
      Map<String, String> props =
          new HashMap<>(
              LocalWorker.distributedProperties(
                  kafka.bootstrapServers(), group, "127.0.0.1", Ports.free()));
      // Connect's 5-minute default would leave a killed worker's tasks idle for the whole test.
      props.put("scheduled.rebalance.max.delay.ms", "5000");
      workers.add(
          LocalWorker.start(
              TestPaths.workerHome(),
              dir.resolve("worker-" + i),
              "distributed",
              props,
              List.of(),
              Map.of()));
    }
    for (LocalWorker worker : workers) {
      worker.awaitHealthy(Duration.ofSeconds(90));
    }

    List<String> firstLines = Records.numbered("", 1, 5);
    for (Pipeline pipeline : pipelines()) {
      Path input = dir.resolve(pipeline.name() + ".in");
      Records.appendLines(input, firstLines);
      String topic = group + "-" + pipeline.name();
      var source = new HashMap<>(pipeline.source());
      source.put("connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector");
      source.put("file", input.toString());
      source.put("topic", topic);
      ConnectRest.putConnector(workers.get(0).restUrl(), pipeline.name() + "-source", source);
      var sink = new HashMap<>(pipeline.sink());
      sink.put("connector.class", "org.apache.kafka.connect.file.FileStreamSinkConnector");
      sink.put("file", dir.resolve(pipeline.name() + ".out").toString());
      sink.put("topics", topic);
      ConnectRest.putConnector(workers.get(0).restUrl(), pipeline.name() + "-sink", sink);
    }

    for (Pipeline pipeline : pipelines()) {
      Path output = dir.resolve(pipeline.name() + ".out");
      List<String> expected = firstLines.stream().map(pipeline.expectedOutput()).toList();
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> Records.linesOf(output).size() >= expected.size());
      assertThat(Records.linesOf(output)).as(pipeline.name()).containsExactlyElementsOf(expected);
    }
    assertThat(Records.valuesOf(kafka.bootstrapServers(), group + "-json-schemas"))
        .first()
        .asString()
        .contains("\"schema\"", "\"payload\"");
    assertThat(Records.valuesOf(kafka.bootstrapServers(), group + "-json-plain"))
        .first()
        .isEqualTo("{\"line\":\"1\"}");

    workers.get(1).kill();
    List<String> moreLines = Records.numbered("", 6, 12);
    for (Pipeline pipeline : pipelines()) {
      Records.appendLines(dir.resolve(pipeline.name() + ".in"), moreLines);
    }
    List<String> allLines = Records.numbered("", 1, 12);
    for (Pipeline pipeline : pipelines()) {
      Path output = dir.resolve(pipeline.name() + ".out");
      List<String> expected = allLines.stream().map(pipeline.expectedOutput()).toList();
      // At-least-once: a killed worker's last uncommitted records may be delivered again.
      await()
          .atMost(Duration.ofSeconds(120))
          .untilAsserted(
              () ->
                  assertThat(Records.linesOf(output))
                      .as(pipeline.name())
                      .containsAll(expected)
                      .hasSizeGreaterThanOrEqualTo(expected.size())
                      .allMatch(expected::contains));
    }
  }
}
