package dev.tributary.operator.connectpoll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.operator.connectapi.FakeConnectApi;
import dev.tributary.operator.connectapi.dto.ConnectorOverview;
import dev.tributary.operator.connectapi.dto.ConnectorStatus;
import dev.tributary.operator.connectapi.dto.StateInfo;
import dev.tributary.operator.model.ClusterNames;
import io.javaoperatorsdk.operator.health.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterPollerTest {

  static ConnectorOverview running(String name, String state) {
    return new ConnectorOverview(
        null,
        new ConnectorStatus(name, new StateInfo(null, state, "w:8083", null), List.of(), "source"));
  }

  @Test
  void aConnectorOfAnotherNamespaceWakesItsKafkaConnector() {
    assertThat(ClusterPoller.kafkaConnectorsNamed("team-b.orders", "platform"))
        .containsExactly(
            new io.javaoperatorsdk.operator.processing.event.ResourceID(
                "team-b.orders", "platform"),
            new io.javaoperatorsdk.operator.processing.event.ResourceID("orders", "team-b"));
    assertThat(ClusterPoller.kafkaConnectorsNamed("orders", "platform"))
        .containsExactly(
            new io.javaoperatorsdk.operator.processing.event.ResourceID("orders", "platform"));
  }

  @Test
  void onlyConnectorsThatLookDifferentAreNamed() {
    var first = new ClusterSnapshot(Map.of("a", running("a", "RUNNING")), null);
    var same = new ClusterSnapshot(Map.of("a", running("a", "RUNNING")), null);
    var changed =
        new ClusterSnapshot(
            Map.of("a", running("a", "PAUSED"), "b", running("b", "RUNNING")), null);

    assertThat(ClusterPoller.changedConnectors(null, first)).containsExactly("a");
    assertThat(ClusterPoller.changedConnectors(first, same)).isEmpty();
    assertThat(ClusterPoller.changedConnectors(same, changed)).containsExactlyInAnyOrder("a", "b");
    assertThat(ClusterPoller.changedConnectors(changed, same))
        .as("a connector gone from Connect is named too")
        .containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void whenTheClusterStopsAnsweringEveryConnectorIsNamedAndTheLastAnswerKept() {
    var answered = new ClusterSnapshot(Map.of("a", running("a", "RUNNING")), null);
    var silent = new ClusterSnapshot(answered.connectors(), "connection refused");

    assertThat(ClusterPoller.changedConnectors(answered, silent)).containsExactly("a");
  }

  @Test
  void aPollThatFailsKeepsTheLastGoodAnswerAndTheOperatorStaysHealthy() {
    var connect = new FakeConnectApi("http://x:8083/");
    connect.createConnector("a", Map.of("connector.class", "org.example.Source"), "RUNNING");
    var snapshots = new ClusterSnapshots();
    var cluster = new ClusterNames("pipeline", "data");
    var poller = new ClusterPoller(cluster, connect, Duration.ofHours(1), snapshots);

    assertThat(poller.poll().connectors()).containsKey("a");
    connect.unreachable(true);
    ClusterSnapshot failed = poller.poll();

    assertThat(failed.ok()).isFalse();
    assertThat(failed.connectors()).containsKey("a");
    assertThat(snapshots.latestGood(cluster)).as("the other controller does not read it").isEmpty();
    assertThat(poller.getStatus())
        .as("an unreachable cluster is its connectors' problem, not the operator's")
        .isEqualTo(Status.HEALTHY);
  }
}
