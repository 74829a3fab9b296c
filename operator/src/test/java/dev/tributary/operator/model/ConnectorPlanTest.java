package dev.tributary.operator.model;

import static dev.tributary.operator.Fixtures.kafkaConnector;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.operator.connectapi.dto.ConnectorInfo;
import dev.tributary.operator.connectapi.dto.ConnectorOverview;
import dev.tributary.operator.connectapi.dto.ConnectorStatus;
import dev.tributary.operator.connectapi.dto.StateInfo;
import dev.tributary.operator.model.ConnectorPlan.Action;
import dev.tributary.operator.model.ConnectorPlan.RestartHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectorPlanTest {

  static final Instant NOW = Instant.parse("2026-11-24T09:00:00Z");

  static KafkaConnector connector(String extraSpec) {
    return kafkaConnector(
        """
        apiVersion: tributary.dev/v1alpha1
        kind: KafkaConnector
        metadata: {name: file-source, namespace: data}
        spec:
          clusterRef: {name: pipeline}
          class: org.apache.kafka.connect.file.FileStreamSourceConnector
          tasksMax: 2
          config: {file: /in.txt, topic: lines}
        """
            + extraSpec.indent(2));
  }

  static ConnectorOverview observed(
      Map<String, String> config, String connectorState, String... taskStates) {
    List<StateInfo> tasks = new java.util.ArrayList<>();
    for (int i = 0; i < taskStates.length; i++) {
      tasks.add(
          new StateInfo(
              i,
              taskStates[i],
              "w1:8083",
              taskStates[i].equals("FAILED") ? "java.lang.RuntimeException: boom\n\tat x" : null));
    }
    return new ConnectorOverview(
        new ConnectorInfo("file-source", config, List.of(), "source"),
        new ConnectorStatus(
            "file-source", new StateInfo(null, connectorState, "w1:8083", null), tasks, "source"));
  }

  static Map<String, String> asConnectReturnsIt() {
    return Map.of(
        "connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector",
        "tasks.max", "2",
        "name", "file-source",
        "file", "/in.txt",
        "topic", "lines");
  }

  @Test
  void aMissingConnectorIsCreatedInItsDesiredState() {
    assertThat(ConnectorPlan.plan(connector("state: paused"), null, RestartHistory.NONE, NOW))
        .containsExactly(
            new Action.Create(
                asConnectReturnsIt().entrySet().stream()
                    .collect(
                        java.util.stream.Collectors.toMap(
                            Map.Entry::getKey,
                            Map.Entry::getValue,
                            (a, b) -> a,
                            java.util.TreeMap::new)),
                "PAUSED"));
  }

  @Test
  void anUnchangedSpecOnAHealthyConnectorPlansNothing() {
    var observed = observed(asConnectReturnsIt(), "RUNNING", "RUNNING", "RUNNING");
    assertThat(ConnectorPlan.plan(connector(""), observed, RestartHistory.NONE, NOW)).isEmpty();
    assertThat(ConnectorPlan.isHealthy(connector(""), observed)).isTrue();
  }

  @Test
  void aChangedOrDriftedConfigIsUpdated() {
    var drifted = new java.util.HashMap<>(asConnectReturnsIt());
    drifted.put("topic", "changed-by-hand");
    List<Action> plan =
        ConnectorPlan.plan(
            connector(""), observed(drifted, "RUNNING", "RUNNING"), RestartHistory.NONE, NOW);

    assertThat(plan).hasSize(1).first().isInstanceOf(Action.Update.class);
    assertThat(((Action.Update) plan.get(0)).config()).containsEntry("topic", "lines");
  }

  @Test
  void desiredStatesArePausedStoppedAndResumed() {
    var running = observed(asConnectReturnsIt(), "RUNNING", "RUNNING");
    var paused = observed(asConnectReturnsIt(), "PAUSED", "PAUSED");
    var stopped = observed(asConnectReturnsIt(), "STOPPED");

    assertThat(ConnectorPlan.plan(connector("state: paused"), running, RestartHistory.NONE, NOW))
        .containsExactly(new Action.Pause());
    assertThat(ConnectorPlan.plan(connector("state: stopped"), running, RestartHistory.NONE, NOW))
        .containsExactly(new Action.Stop());
    assertThat(ConnectorPlan.plan(connector("state: running"), paused, RestartHistory.NONE, NOW))
        .containsExactly(new Action.Resume());
    assertThat(ConnectorPlan.plan(connector("state: running"), stopped, RestartHistory.NONE, NOW))
        .containsExactly(new Action.Resume());
    assertThat(ConnectorPlan.plan(connector("state: paused"), paused, RestartHistory.NONE, NOW))
        .isEmpty();
    assertThat(ConnectorPlan.plan(connector("state: stopped"), stopped, RestartHistory.NONE, NOW))
        .isEmpty();
    assertThat(ConnectorPlan.isHealthy(connector("state: stopped"), stopped)).isTrue();
  }

  @Test
  void restartAnnotationsRestartOnce() {
    var running = observed(asConnectReturnsIt(), "RUNNING", "RUNNING");
    KafkaConnector withRestart = connector("");
    withRestart
        .getMetadata()
        .setAnnotations(
            Map.of(
                "tributary.dev/restart",
                "includeTasks,onlyFailed",
                "tributary.dev/restart-task",
                "1"));

    assertThat(ConnectorPlan.plan(withRestart, running, RestartHistory.NONE, NOW))
        .containsExactly(new Action.Restart(true, true, false), new Action.RestartTask(1));

    withRestart.getMetadata().setAnnotations(Map.of("tributary.dev/restart", "true"));
    assertThat(ConnectorPlan.plan(withRestart, running, RestartHistory.NONE, NOW))
        .containsExactly(new Action.Restart(false, false, false));
  }

  @Test
  void aFailedTaskIsRestartedAutomaticallyWithBackOffUpToTheLimit() {
    var failed = observed(asConnectReturnsIt(), "RUNNING", "RUNNING", "FAILED");

    assertThat(ConnectorPlan.plan(connector(""), failed, RestartHistory.NONE, NOW))
        .containsExactly(new Action.Restart(true, true, true));
    var justRestarted = new RestartHistory(1, NOW.minusSeconds(2));
    assertThat(ConnectorPlan.plan(connector(""), failed, justRestarted, NOW))
        .as("back-off: 5 s after the first")
        .isEmpty();
    var aWhileAgo = new RestartHistory(1, NOW.minusSeconds(6));
    assertThat(ConnectorPlan.plan(connector(""), failed, aWhileAgo, NOW))
        .containsExactly(new Action.Restart(true, true, true));
    var exhausted = new RestartHistory(3, NOW.minus(Duration.ofHours(1)));
    assertThat(
            ConnectorPlan.plan(connector("autoRestart: {maxRestarts: 3}"), failed, exhausted, NOW))
        .isEmpty();
    assertThat(
            ConnectorPlan.plan(
                connector("autoRestart: {enabled: false}"), failed, RestartHistory.NONE, NOW))
        .isEmpty();
    assertThat(
            ConnectorPlan.plan(
                connector("state: paused"),
                observed(asConnectReturnsIt(), "PAUSED", "FAILED"),
                RestartHistory.NONE,
                NOW))
        .as("a paused connector is not restarted")
        .isEmpty();
  }

  @Test
  void restartDelaysDoubleAndAreCapped() {
    assertThat(ConnectorPlan.restartDelay(0)).isEqualTo(Duration.ZERO);
    assertThat(ConnectorPlan.restartDelay(1)).isEqualTo(Duration.ofSeconds(5));
    assertThat(ConnectorPlan.restartDelay(2)).isEqualTo(Duration.ofSeconds(10));
    assertThat(ConnectorPlan.restartDelay(4)).isEqualTo(Duration.ofSeconds(40));
    assertThat(ConnectorPlan.restartDelay(50)).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void theClustersDefaultsGoUnderTheConnectorsOwnConfigAndAChangeIsAnUpdate() {
    var cr = connector("");
    cr.getSpec().config.put("errors.tolerance", "none");
    var defaults = Map.of("errors.tolerance", "all", "errors.log.enable", "true");

    Map<String, String> desired = ConnectorPlan.desiredConfig(cr, ClusterTerms.defaults(defaults));
    assertThat(desired)
        .containsEntry("errors.tolerance", "none")
        .containsEntry("errors.log.enable", "true")
        .containsEntry("tasks.max", "2");
    assertThat(ConnectorPlan.inherited(cr, defaults))
        .containsExactly(Map.entry("errors.log.enable", "true"));
    assertThat(ConnectorPlan.inherited(cr, Map.of())).isNull();

    var applied = observed(desired, "RUNNING", "RUNNING", "RUNNING");
    assertThat(
            ConnectorPlan.plan(
                cr, ClusterTerms.defaults(defaults), applied, RestartHistory.NONE, NOW))
        .isEmpty();
    assertThat(
            ConnectorPlan.plan(
                cr,
                ClusterTerms.defaults(Map.of("errors.log.enable", "false")),
                applied,
                RestartHistory.NONE,
                NOW))
        .singleElement()
        .isInstanceOf(Action.Update.class);
  }

  @Test
  void connectRunsNoMoreTasksThanCanWorkAndTheAutoscalersCountWithinThat() {
    var cr = connector("");
    assertThat(ConnectorPlan.desiredConfig(cr, ClusterTerms.NONE)).containsEntry("tasks.max", "2");
    var onePartition = new ClusterTerms(null, 1, null);
    assertThat(onePartition.limitsSpec(cr)).isTrue();
    assertThat(ConnectorPlan.desiredConfig(cr, onePartition)).containsEntry("tasks.max", "1");
    assertThat(new ClusterTerms(null, 12, null).limitsSpec(cr)).isFalse();
    assertThat(new ClusterTerms(null, 12, 5).tasks(cr))
        .as("never above spec.tasksMax")
        .isEqualTo(2);
    cr.getSpec().tasksMax = 10;
    assertThat(new ClusterTerms(null, 12, 5).tasks(cr)).isEqualTo(5);
    assertThat(new ClusterTerms(null, 3, 5).tasks(cr)).isEqualTo(3);

    // Autoscaling on, the operator just started: a sink keeps what Connect runs.
    assertThat(ClusterTerms.of(null, null, null, true, 4).tasks(cr)).isEqualTo(4);
    assertThat(ClusterTerms.of(null, null, null, false, 4).tasks(cr)).isEqualTo(10);
    assertThat(ClusterTerms.of(null, null, 6, true, 4).tasks(cr)).isEqualTo(6);
  }
}
