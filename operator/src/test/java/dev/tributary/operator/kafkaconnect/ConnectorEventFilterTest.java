package dev.tributary.operator.kafkaconnect;

import static dev.tributary.operator.Fixtures.kafkaConnector;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.api.v1alpha1.KafkaConnector;
import org.junit.jupiter.api.Test;

class ConnectorEventFilterTest {

  static KafkaConnector connector(String extraSpec) {
    return kafkaConnector(
        """
        apiVersion: tributary.dev/v1alpha1
        kind: KafkaConnector
        metadata: {name: cdc, namespace: data}
        spec:
          clusterRef: {name: pipeline}
          class: org.example.Source
        """
            + extraSpec.indent(2));
  }

  @Test
  void aPlainNewConnectorDoesNotReconcileItsCluster() {
    assertThat(
            KafkaConnectReconciler.needsWorkersChanged(
                connector("config: {file: /in.txt, topic: lines}")))
        .isFalse();
  }

  @Test
  void aNewConnectorReadingASecretDoesForTheWorkersMustBeAllowedToReadIt() {
    assertThat(
            KafkaConnectReconciler.needsWorkersChanged(
                connector("config: {password: '${secrets:db:password}'}")))
        .isTrue();
  }

  @Test
  void aNewConnectorRaisingItsLoggingDoes() {
    assertThat(KafkaConnectReconciler.needsWorkersChanged(connector("logLevel: DEBUG"))).isTrue();
  }
}
