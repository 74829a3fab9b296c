package dev.tributary.operator.model;

import static dev.tributary.operator.Fixtures.kafkaConnect;
import static dev.tributary.operator.Fixtures.kafkaConnector;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.api.v1alpha1.ConnectState;
import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.api.v1alpha1.KafkaConnectStatus;
import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.api.v1alpha1.KafkaConnectorStatus;
import dev.tributary.api.v1alpha1.TaskStatus;
import dev.tributary.api.v1alpha1.WorkerStatus;
import dev.tributary.operator.connectapi.dto.PluginInfo;
import dev.tributary.operator.connectapi.dto.ServerInfo;
import dev.tributary.operator.model.ClusterStatus.RestObservation;
import dev.tributary.operator.status.StatusPatches;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterStatusTest {

  static final ClusterNames NAMES = new ClusterNames("pipeline", "data");
  static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
  static final Instant T1 = Instant.parse("2026-11-24T08:05:00Z");
  static final RestObservation REST_OK =
      new RestObservation(
          new ServerInfo("4.3.1", "abc", "cluster-1"),
          List.of(
              new PluginInfo(
                  "org.apache.kafka.connect.file.FileStreamSourceConnector", "source", "4.3.1"),
              new PluginInfo(
                  "org.apache.kafka.connect.file.FileStreamSinkConnector", "sink", "4.3.1")),
          List.of("a", "b"),
          null);

  static KafkaConnect cr(long generation) {
    KafkaConnect cr =
        kafkaConnect(
            """
            apiVersion: tributary.dev/v1alpha1
            kind: KafkaConnect
            metadata: {name: pipeline, namespace: data}
            spec: {replicas: 3, bootstrapServers: "kafka:9092"}
            """);
    cr.getMetadata().setGeneration(generation);
    return cr;
  }

  static KafkaConnect withStatus(KafkaConnect cr, KafkaConnectStatus status) {
    cr.setStatus(status);
    return cr;
  }

  static StatefulSet sts(int replicas, int ready, int updated, String current, String update) {
    return new StatefulSetBuilder()
        .withNewMetadata()
        .withGeneration(4L)
        .endMetadata()
        .withNewStatus()
        .withObservedGeneration(4L)
        .withReplicas(replicas)
        .withReadyReplicas(ready)
        .withUpdatedReplicas(updated)
        .withCurrentRevision(current)
        .withUpdateRevision(update)
        .endStatus()
        .build();
  }

  static KafkaConnector connector(String name, String... taskStates) {
    KafkaConnector connector =
        kafkaConnector(
            """
            apiVersion: tributary.dev/v1alpha1
            kind: KafkaConnector
            metadata: {name: %s, namespace: data}
            spec: {clusterRef: {name: pipeline}, class: x.Y}
            """
                .formatted(name));
    connector.setStatus(new KafkaConnectorStatus());
    connector.getStatus().tasks = new ArrayList<>();
    for (int id = 0; id < taskStates.length; id++) {
      TaskStatus task = new TaskStatus();
      task.id = id;
      task.state = ConnectState.valueOf(taskStates[id]);
      task.workerId = "pipeline-connect-" + id + ".pipeline-connect.data.svc:8083";
      connector.getStatus().tasks.add(task);
    }
    return connector;
  }

  static Condition condition(KafkaConnectStatus status, String type) {
    return status.conditions.stream()
        .filter(c -> c.getType().equals(type))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void allWorkersReadyAndTheRestApiAnsweringIsReady() {
    KafkaConnectStatus status =
        ClusterStatus.observed(
            cr(2), NAMES, 3, sts(3, 3, 3, "r1", "r1"), REST_OK, List.of(), null, List.of(), T0);

    assertThat(condition(status, "Ready").getStatus()).isEqualTo("True");
    assertThat(condition(status, "Ready").getMessage()).contains("3 workers ready", "4.3.1");
    assertThat(condition(status, "Progressing").getStatus()).isEqualTo("False");
    assertThat(condition(status, "Degraded").getStatus()).isEqualTo("False");
    assertThat(status.observedGeneration).isEqualTo(2L);
    assertThat(status.conditions).allMatch(c -> c.getObservedGeneration() == 2L);
    assertThat(status.kafkaClusterId).isEqualTo("cluster-1");
    assertThat(status.connectVersion).isEqualTo("4.3.1");
    assertThat(status.connectors).isEqualTo(2);
    assertThat(status.unmanagedConnectors)
        .as("no KafkaConnector manages a or b")
        .containsExactly("a", "b");
    assertThat(
            ClusterStatus.observed(
                    cr(2),
                    NAMES,
                    3,
                    sts(3, 3, 3, "r1", "r1"),
                    REST_OK,
                    List.of(),
                    null,
                    List.of(connector("a"), connector("b")),
                    T0)
                .unmanagedConnectors)
        .isNull();
    assertThat(status.connectorPlugins)
        .extracting(p -> p.connectorClass)
        .containsExactly(
            "org.apache.kafka.connect.file.FileStreamSinkConnector",
            "org.apache.kafka.connect.file.FileStreamSourceConnector");
    assertThat(status.replicas).isEqualTo(3);
    assertThat(status.readyReplicas).isEqualTo(3);

    KafkaConnectStatus one =
        ClusterStatus.observed(
            cr(2), NAMES, 1, sts(1, 1, 1, "r1", "r1"), REST_OK, List.of(), null, List.of(), T0);
    assertThat(condition(one, "Ready").getMessage()).startsWith("1 worker ready, Kafka Connect");
  }

  @Test
  void tasksRunningNowhereMakeTheClusterDegradedAndNameTheTasks() {
    var connectors =
        List.of(
            connector("orders", "RUNNING", "ORPHANED", "ORPHANED"),
            connector("audit", "ORPHANED"),
            connector("fine", "RUNNING"));

    KafkaConnectStatus status =
        ClusterStatus.observed(
            cr(2), NAMES, 3, sts(3, 3, 3, "r1", "r1"), REST_OK, List.of(), null, connectors, T0);

    assertThat(condition(status, "Degraded").getStatus()).isEqualTo("True");
    assertThat(condition(status, "Degraded").getReason()).isEqualTo("TasksOnDepartedWorkers");
    assertThat(condition(status, "Degraded").getMessage()).contains("audit [0], orders [1, 2]");
    assertThat(condition(status, "Degraded").getMessage()).doesNotContain("fine");
    assertThat(condition(status, "Ready").getStatus())
        .as("the workers are ready, so connectors keep being reconciled and can recover")
        .isEqualTo("True");

    KafkaConnectStatus recovered =
        ClusterStatus.observed(
            cr(2),
            NAMES,
            3,
            sts(3, 3, 3, "r1", "r1"),
            REST_OK,
            List.of(),
            null,
            List.of(connector("orders", "RUNNING", "RUNNING", "RUNNING")),
            T1);
    assertThat(condition(recovered, "Degraded").getStatus()).isEqualTo("False");
  }

  static WorkerStatus failing(String reason, String message, int restarts) {
    var worker = new WorkerStatus();
    worker.pod = "pipeline-connect-0";
    worker.ready = false;
    worker.restarts = restarts;
    worker.reason = reason;
    worker.message = message;
    return worker;
  }

  @Test
  void aFailingWorkerIsTheCauseAndTheFixInOneSentenceWithItsRestarts() {
    KafkaConnectStatus status =
        ClusterStatus.observed(
            cr(1),
            NAMES,
            1,
            sts(1, 0, 1, "r1", "r1"),
            null,
            List.of(failing("WorkerConfigInvalid", "Connect refuses ... (check spec.config)", 2)),
            null,
            List.of(),
            T0);
    var ready = condition(status, "Ready");
    assertThat(ready.getReason()).isEqualTo("WorkerConfigInvalid");
    assertThat(ready.getMessage())
        .isEqualTo(
            "Connect refuses ... (check spec.config) (pod pipeline-connect-0, restarted 2 times;"
                + " 0/1 workers ready)");
    assertThat(condition(status, "Degraded").getMessage()).isEqualTo(ready.getMessage());
  }

  @Test
  void kafkaTheOperatorCannotReachIsTheCauseUnlessAWorkerSaysSomethingMoreSpecific() {
    String unreachable = "my-cluster-kafka-bootstrap:9999 (connection refused)";
    KafkaConnectStatus starting =
        ClusterStatus.observed(
            cr(1), NAMES, 1, sts(1, 0, 1, "r1", "r1"), null, List.of(), unreachable, List.of(), T0);
    assertThat(condition(starting, "Ready").getReason()).isEqualTo("KafkaUnreachable");
    assertThat(condition(starting, "Ready").getMessage())
        .isEqualTo(
            "cannot reach Kafka at my-cluster-kafka-bootstrap:9999 (connection refused) (check"
                + " spec.bootstrapServers, and that Kafka runs and can be reached); 0/1 workers"
                + " ready");

    // The worker gives up a minute later with the same reason: the condition stays as it was.
    KafkaConnectStatus crashed =
        ClusterStatus.observed(
            withStatus(cr(1), starting),
            NAMES,
            1,
            sts(1, 0, 1, "r1", "r1"),
            null,
            List.of(failing("KafkaUnreachable", "the workers cannot reach Kafka: ...", 1)),
            unreachable,
            List.of(),
            T1);
    assertThat(condition(crashed, "Ready").getMessage())
        .isEqualTo(condition(starting, "Ready").getMessage());
    assertThat(condition(crashed, "Ready").getLastTransitionTime())
        .isEqualTo(condition(starting, "Ready").getLastTransitionTime());

    KafkaConnectStatus refused =
        ClusterStatus.observed(
            cr(1),
            NAMES,
            1,
            sts(1, 0, 1, "r1", "r1"),
            null,
            List.of(failing("KafkaAuthenticationFailed", "SaslAuthenticationException: ...", 1)),
            unreachable,
            List.of(),
            T0);
    assertThat(condition(refused, "Ready").getReason()).isEqualTo("KafkaAuthenticationFailed");
  }

  @Test
  void progressNamesWhatIsHappening() {
    assertThat(
            condition(
                    ClusterStatus.observed(
                        cr(1), NAMES, 3, null, null, List.of(), null, List.of(), T0),
                    "Ready")
                .getReason())
        .isEqualTo("WorkersStarting");
    assertThat(
            condition(
                    ClusterStatus.observed(
                        cr(1),
                        NAMES,
                        3,
                        sts(2, 2, 2, "r1", "r1"),
                        null,
                        List.of(),
                        null,
                        List.of(),
                        T0),
                    "Progressing")
                .getReason())
        .isEqualTo("Scaling");
    KafkaConnectStatus rolling =
        ClusterStatus.observed(
            cr(1), NAMES, 3, sts(3, 3, 1, "r1", "r2"), REST_OK, List.of(), null, List.of(), T0);
    assertThat(condition(rolling, "Progressing").getReason()).isEqualTo("RollingUpdate");
    assertThat(condition(rolling, "Progressing").getStatus()).isEqualTo("True");
    assertThat(condition(rolling, "Ready").getStatus()).isEqualTo("False");
    assertThat(condition(rolling, "Ready").getMessage())
        .contains("3/3 workers ready", "1 on the current template");
  }

  @Test
  void zeroReplicasIsNotReadyButNotBrokenEither() {
    KafkaConnectStatus status =
        ClusterStatus.observed(
            cr(1), NAMES, 0, sts(0, 0, 0, "r1", "r1"), null, List.of(), null, List.of(), T0);

    assertThat(condition(status, "Ready").getReason()).isEqualTo("ScaledToZero");
    assertThat(condition(status, "Degraded").getStatus()).isEqualTo("False");
    assertThat(condition(status, "Progressing").getStatus()).isEqualTo("False");
  }

  @Test
  void lastTransitionTimeMovesOnlyWhenAConditionChanges() {
    KafkaConnect cr = cr(1);
    cr.setStatus(
        ClusterStatus.observed(
            cr, NAMES, 3, sts(3, 3, 3, "r1", "r1"), REST_OK, List.of(), null, List.of(), T0));

    KafkaConnectStatus same =
        ClusterStatus.observed(
            cr, NAMES, 3, sts(3, 3, 3, "r1", "r1"), REST_OK, List.of(), null, List.of(), T1);
    assertThat(condition(same, "Ready").getLastTransitionTime()).isEqualTo("2026-11-24T08:00:00Z");
    assertThat(StatusPatches.same(cr.getStatus(), same)).as("nothing to patch").isTrue();

    KafkaConnectStatus down =
        ClusterStatus.observed(
            cr,
            NAMES,
            3,
            sts(3, 3, 3, "r1", "r1"),
            RestObservation.failed("connection refused"),
            List.of(),
            null,
            List.of(),
            T1);
    assertThat(condition(down, "Ready").getLastTransitionTime()).isEqualTo("2026-11-24T08:05:00Z");
    assertThat(condition(down, "Degraded").getReason()).isEqualTo("RestApiUnreachable");
    assertThat(condition(down, "Degraded").getMessage()).contains("connection refused");
    assertThat(down.connectVersion).as("last seen values are kept").isEqualTo("4.3.1");
  }

  @Test
  void anInvalidSpecKeepsTheLastObservationsAndSaysWhy() {
    KafkaConnect cr = cr(1);
    cr.setStatus(
        ClusterStatus.observed(
            cr, NAMES, 3, sts(3, 3, 3, "r1", "r1"), REST_OK, List.of(), null, List.of(), T0));
    cr.getMetadata().setGeneration(2L);

    KafkaConnectStatus status =
        ClusterStatus.invalid(cr, List.of("spec.replicas must be 0 or more, not -1"), T1);

    assertThat(status.observedGeneration).isEqualTo(2L);
    assertThat(status.readyReplicas).isEqualTo(3);
    assertThat(condition(status, "Ready").getReason()).isEqualTo("InvalidSpec");
    assertThat(condition(status, "Ready").getMessage())
        .isEqualTo("spec.replicas must be 0 or more, not -1");
    assertThat(condition(status, "Degraded").getStatus()).isEqualTo("True");
  }
}
