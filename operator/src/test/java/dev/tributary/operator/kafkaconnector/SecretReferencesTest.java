package dev.tributary.operator.kafkaconnector;

import static dev.tributary.operator.Fixtures.kafkaConnector;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.api.v1alpha1.KafkaConnectorStatus;
import dev.tributary.operator.connectapi.FakeConnectApi;
import dev.tributary.operator.connectapi.dto.ConnectorOverview;
import dev.tributary.operator.model.ClusterNames;
import dev.tributary.operator.testing.RecordingEvents;
import org.junit.jupiter.api.Test;

class SecretReferencesTest {

  final FakeConnectApi connect = new FakeConnectApi("http://pipeline-connect-api.data.svc:8083/");
  final RecordingEvents events = new RecordingEvents();
  final ConnectorOverview running = new ConnectorOverview(null, null);

  static KafkaConnector connector(String extra, String previousDigest) {
    KafkaConnector cr =
        kafkaConnector(
            """
            apiVersion: tributary.dev/v1alpha1
            kind: KafkaConnector
            metadata: {name: cdc, namespace: data}
            spec:
              clusterRef: {name: pipeline}
              class: org.example.Source
              config: {password: '${secrets:db:password}'}
            """
                + extra);
    cr.setStatus(new KafkaConnectorStatus());
    cr.getStatus().secretsDigest = previousDigest;
    return cr;
  }

  @Test
  void aChangedValueRestartsTheConnectorAndItsTasksOnceWithAnEvent() {
    connect.createConnector(
        "cdc", java.util.Map.of("connector.class", "org.example.Source"), "RUNNING");

    SecretReferences.restartIfChanged(connector("", "aaaa"), "bbbb", running, connect, events);

    assertThat(connect.writes())
        .containsExactly("POST cdc RUNNING", "POST cdc/restart includeTasks=true onlyFailed=false");
    assertThat(events.reasons()).containsExactly("Normal SecretChanged");
  }

  @Test
  void noRestartWhenNothingChangedOnFirstSightOrWhenOptedOut() {
    SecretReferences.restartIfChanged(connector("", "aaaa"), "aaaa", running, connect, events);
    SecretReferences.restartIfChanged(connector("", null), "aaaa", running, connect, events);
    SecretReferences.restartIfChanged(connector("", "aaaa"), "bbbb", null, connect, events);
    SecretReferences.restartIfChanged(
        connector("  restartOnSecretChange: false\n", "aaaa"), "bbbb", running, connect, events);

    assertThat(connect.writes()).isEmpty();
    assertThat(events.recorded()).isEmpty();
  }

  @Test
  void aConfigWithoutReferencesNeedsNoClientAtAll() {
    KafkaConnector plain =
        kafkaConnector(
            """
            apiVersion: tributary.dev/v1alpha1
            kind: KafkaConnector
            metadata: {name: plain, namespace: data}
            spec: {clusterRef: {name: pipeline}, class: org.example.Source, config: {a: b}}
            """);

    var check =
        SecretReferences.check(
            () -> {
              throw new AssertionError("no client needed");
            },
            plain,
            new ClusterNames("pipeline", "data"));

    assertThat(check.ok()).isTrue();
    assertThat(check.digest()).isNull();
  }
}
