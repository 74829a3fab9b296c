package dev.tributary.operator.model;

import static dev.tributary.operator.Fixtures.kafkaConnector;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.operator.connectapi.dto.LoggerLevel;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LogLevelsTest {

  static KafkaConnector connector(String name, String connectorClass, String level) {
    return kafkaConnector(
        """
        apiVersion: tributary.dev/v1alpha1
        kind: KafkaConnector
        metadata: {name: %s, namespace: data}
        spec:
          clusterRef: {name: pipeline}
          class: %s
          logLevel: %s
        """
            .formatted(name, connectorClass, level));
  }

  static Map<String, LoggerLevel> workers(String... loggerLevels) {
    Map<String, LoggerLevel> levels = new TreeMap<>();
    for (int i = 0; i < loggerLevels.length; i += 2) {
      levels.put(loggerLevels[i], new LoggerLevel(loggerLevels[i + 1], null));
    }
    return levels;
  }

  @Test
  void aConnectorRaisesItsPackageAndTheClusterHasTheLastWord() {
    var spec =
        WorkerResourcesTest.spec(
            "bootstrapServers: k:9092\n"
                + "logging: {loggers: {org.apache.kafka.connect.runtime: DEBUG,"
                + " org.example.jdbc: WARN}}");
    var desired =
        LogLevels.desired(
            spec,
            List.of(
                connector("a", "org.apache.kafka.connect.file.FileStreamSourceConnector", "DEBUG"),
                connector("b", "org.apache.kafka.connect.file.FileStreamSinkConnector", "TRACE"),
                connector("c", "org.example.jdbc.JdbcSinkConnector", "TRACE")));

    assertThat(desired)
        .containsExactly(
            Map.entry("org.apache.kafka.connect.file", "TRACE"),
            Map.entry("org.apache.kafka.connect.runtime", "DEBUG"),
            Map.entry("org.example.jdbc", "WARN"));
    assertThat(LogLevels.render(desired))
        .isEqualTo(
            "org.apache.kafka.connect.file=TRACE\n"
                + "org.apache.kafka.connect.runtime=DEBUG\n"
                + "org.example.jdbc=WARN\n");
  }

  @Test
  void onlyWhatDiffersIsSetAndWhatWasDroppedReturnsToRoot() {
    var desired = new TreeMap<>(Map.of("a", "DEBUG", "b", "WARN"));
    var observed = workers("root", "INFO", "a", "DEBUG", "b", "INFO", "gone", "TRACE");

    assertThat(LogLevels.changes(desired, observed, Map.of("a", "DEBUG", "gone", "TRACE")))
        .containsExactly(Map.entry("b", "WARN"), Map.entry("gone", "INFO"));
    assertThat(LogLevels.changes(desired, workers("root", "INFO", "a", "DEBUG", "b", "WARN"), null))
        .as("nothing to do when the workers match")
        .isEmpty();
    assertThat(LogLevels.observed(desired, observed))
        .containsExactly(Map.entry("a", "DEBUG"), Map.entry("b", "INFO"));
  }
}
