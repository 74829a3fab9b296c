package dev.tributary.operator.events;

import static dev.tributary.operator.Fixtures.kafkaConnector;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.operator.testing.TestClock;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class KubernetesEventsIT {

  KubernetesClient client;

  @Test
  void aRepeatedEventIsCountedOnOneEventNotWrittenAgain() {
    var clock = new TestClock(Instant.parse("2026-12-01T09:00:00Z"));
    var events = new KubernetesEvents(client, clock);
    KafkaConnector connector =
        kafkaConnector(
            """
            apiVersion: tributary.dev/v1alpha1
            kind: KafkaConnector
            metadata: {name: file-source, namespace: data, uid: u-1}
            spec: {clusterRef: {name: pipeline}, class: org.example.Source}
            """);

    events.warning(connector, "TasksFailed", "task 0 FAILED: boom");
    clock.advance(Duration.ofSeconds(30));
    events.warning(connector, "TasksFailed", "task 0 FAILED: boom");
    events.normal(connector, "ConnectorCreated", "created connector file-source in state RUNNING");

    List<Event> written =
        client.v1().events().inNamespace("data").list().getItems().stream()
            .sorted(Comparator.comparing(Event::getReason).reversed())
            .toList();
    assertThat(written).hasSize(2);
    Event failed = written.get(0);
    assertThat(failed.getReason()).isEqualTo("TasksFailed");
    assertThat(failed.getType()).isEqualTo("Warning");
    assertThat(failed.getCount()).isEqualTo(2);
    assertThat(failed.getFirstTimestamp()).isEqualTo("2026-12-01T09:00:00Z");
    assertThat(failed.getLastTimestamp()).isEqualTo("2026-12-01T09:00:30Z");
    assertThat(failed.getInvolvedObject().getKind()).isEqualTo("KafkaConnector");
    assertThat(failed.getInvolvedObject().getName()).isEqualTo("file-source");
    assertThat(failed.getInvolvedObject().getUid()).isEqualTo("u-1");
    assertThat(failed.getSource().getComponent()).isEqualTo("tributary-operator");
    assertThat(written.get(1).getType()).isEqualTo("Normal");

    client.v1().events().inNamespace("data").withName(failed.getMetadata().getName()).delete();
    events.warning(connector, "TasksFailed", "task 0 FAILED: boom");
    assertThat(client.v1().events().inNamespace("data").list().getItems())
        .as("a repeat of an Event that expired is a new Event")
        .hasSize(2)
        .anyMatch(e -> "TasksFailed".equals(e.getReason()) && e.getCount() == 1);
    events.warning(connector, "ReconcileFailed", null);

    clock.advance(KubernetesEvents.SAME_EVENT);
    events.warning(connector, "TasksFailed", "task 0 FAILED: boom");
    assertThat(client.v1().events().inNamespace("data").list().getItems())
        .as("long after, the same condition is a new Event")
        .hasSize(4);
  }
}
