package dev.tributary.operator.kafkaconnector;

import static dev.tributary.operator.Fixtures.kafkaConnect;
import static dev.tributary.operator.Fixtures.kafkaConnector;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.api.Tributary;
import dev.tributary.api.v1alpha1.ConnectState;
import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.operator.connectapi.FakeConnectApi;
import dev.tributary.operator.connectpoll.ClusterPoller;
import dev.tributary.operator.connectpoll.ClusterPollers;
import dev.tributary.operator.connectpoll.ClusterSnapshots;
import dev.tributary.operator.testing.InMemoryCache;
import dev.tributary.operator.testing.InMemoryEventSource;
import dev.tributary.operator.testing.RecordingEvents;
import dev.tributary.operator.testing.TestClock;
import dev.tributary.operator.testing.TestContext;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The connector controller through whole lifecycles, in milliseconds: the real reconciler, planner
 * and status model against an in-memory Connect ({@link FakeConnectApi}). The same paths run on
 * real workers in the sandbox's {@code ConnectorReconcilerIT}.
 */
class KafkaConnectorReconcilerTest {

  static final String NAME = "file-source";
  static final String WORKER_0 = FakeConnectApi.WORKER;
  static final String WORKER_1 = "pipeline-connect-1.pipeline-connect-workers.data.svc:8083";

  final FakeConnectApi connect = new FakeConnectApi("http://pipeline-connect-api.data.svc:8083/");
  final TestClock clock = new TestClock(Instant.parse("2026-12-01T09:00:00Z"));
  final RecordingEvents events = new RecordingEvents();
  final KafkaConnectorReconciler reconciler =
      new KafkaConnectorReconciler(
          new ClusterPollers(url -> connect, Duration.ofHours(1), new ClusterSnapshots()),
          events,
          clock);
  final InMemoryCache<KafkaConnector> connectors = new InMemoryCache<>();
  final InMemoryEventSource<Pod, KafkaConnector> pods =
      new InMemoryEventSource<>(
          Pod.class, ConnectorEventSources.BY_CLUSTER, ConnectorEventSources::podIndex);
  final TestContext<KafkaConnector> context;
  KafkaConnector cr = connector("");

  KafkaConnectorReconcilerTest() {
    connectors.addIndexer(ConnectorEventSources.BY_CLUSTER, ConnectorEventSources::connectorIndex);
    pods.put(workerPod("pipeline-connect-0"));
    context =
        new TestContext<>(cr, connectors).with(KafkaConnect.class, cluster(true)).withSource(pods);
  }

  @AfterEach
  void stopPollers() {
    context.stopAll();
  }

  @Test
  void createsTheConnectorInItsStateAndReportsItReadyWithoutWritingAgain() {
    reconcile();

    assertThat(connect.writes()).containsExactly("POST file-source RUNNING");
    assertThat(ready())
        .extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("True", "Ready");
    assertThat(cr.getStatus().connectorState).isEqualTo(ConnectState.RUNNING);
    assertThat(cr.getStatus().tasks)
        .extracting(t -> t.state)
        .containsExactly(ConnectState.RUNNING, ConnectState.RUNNING);
    assertThat(cr.getStatus().topics).containsExactly("lines");
    assertThat(cr.getStatus().tasksRunning).isEqualTo("2/2");

    // Connect added "name" to the stored config; the next polls must plan nothing.
    poll();
    UpdateControl<KafkaConnector> again = reconcile();
    poll();
    reconcile();
    assertThat(connect.writes()).hasSize(1);
    assertThat(again.isNoUpdate()).as("an unchanged status is not patched").isTrue();
    assertThat(events.recorded())
        .containsExactly("Normal ConnectorCreated: created connector file-source in state RUNNING");
  }

  @Test
  void aNewConnectorStartsInTheRequestedStateSoItNeverRuns() {
    cr = connector("state: paused");

    reconcile();

    assertThat(connect.writes()).containsExactly("POST file-source PAUSED");
    assertThat(ready())
        .extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("True", "Paused");
  }

  @Test
  void aConfigChangedBehindTheOperatorsBackIsPutBack() {
    reconcile();
    connect.editConfig(NAME, "topic", "hijacked");
    poll();

    reconcile();

    assertThat(connect.writes()).endsWith("PUT file-source/config");
    assertThat(connect.configOf(NAME).orElseThrow()).containsEntry("topic", "lines");
  }

  @Test
  void aKeyRemovedFromTheSpecIsRemovedFromConnect() {
    cr = connector("config: {file: /in.txt, topic: lines, batch.size: '10'}");
    reconcile();
    cr.getSpec().config.remove("batch.size");
    cr.getMetadata().setGeneration(2L);

    reconcile();

    assertThat(connect.configOf(NAME).orElseThrow()).doesNotContainKey("batch.size");
  }

  @Test
  void aConfigConnectRejectsNamesTheFieldAndTheRunningConfigStays() {
    reconcile();
    connect.rejectKey("topic", "Invalid value bad topic: not a topic name");
    cr.getSpec().config.put("topic", "bad topic");
    cr.getMetadata().setGeneration(2L);

    reconcile();

    assertThat(connect.writes()).containsExactly("POST file-source RUNNING");
    assertThat(connect.configOf(NAME).orElseThrow()).containsEntry("topic", "lines");
    assertThat(ready().getReason()).isEqualTo(Tributary.Reasons.INVALID_CONFIG);
    assertThat(ready().getMessage()).contains("topic: Invalid value bad topic");
    assertThat(cr.getStatus().configErrors).extracting(e -> e.field).containsExactly("topic");
    assertThat(events.reasons())
        .containsExactly("Normal ConnectorCreated", "Warning InvalidConfig");
    reconcile();
    assertThat(events.reasons()).as("a refusal that lasts is one Event").hasSize(2);
  }

  @Test
  void aValueConnectCannotLoadIsReportedOnItsKeyNotAsAFailedReconcile() {
    connect.failValidation(
        "org.apache.kafka.common.config.ConfigException: Invalid value"
            + " org.apache.kafka.connect.json.JsonConverter for configuration key.converter: Could"
            + " not instantiate class org.apache.kafka.connect.json.JsonConverter");

    reconcile();

    assertThat(connect.writes()).isEmpty();
    assertThat(ready().getReason()).isEqualTo(Tributary.Reasons.INVALID_CONFIG);
    assertThat(cr.getStatus().configErrors)
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.field).isEqualTo("key.converter");
              assertThat(error.message)
                  .startsWith("Invalid value org.apache.kafka.connect.json.JsonConverter")
                  .doesNotContain("HTTP 500");
            });
  }

  @Test
  void anUnknownClassIsReportedOnTheClassFieldAndNothingIsCreated() {
    cr.getSpec().connectorClass = "org.example.Missing";

    reconcile();

    assertThat(connect.writes()).isEmpty();
    assertThat(cr.getStatus().configErrors).extracting(e -> e.field).containsExactly("class");
    assertThat(ready().getMessage())
        .isEqualTo(
            "Connect rejected the config; nothing was changed in Connect: class:"
                + " org.example.Missing is not installed on KafkaConnect 'pipeline'; installed"
                + " connector classes: org.example.Source (add its plugin with spec.plugins on"
                + " the KafkaConnect)");
  }

  @Test
  void whileConnectRebalancesTheReconcileWaitsAndTheRestartRequestIsKept() {
    reconcile();
    cr.getMetadata().setAnnotations(new HashMap<>());
    cr.getMetadata().getAnnotations().put(Tributary.ANNOTATION_RESTART, "includeTasks");
    connect.rebalancing(true);

    UpdateControl<KafkaConnector> waiting = reconcile();

    assertThat(ready().getReason()).isEqualTo(Tributary.Reasons.REBALANCING);
    assertThat(waiting.getScheduleDelay()).contains(2_000L);
    assertThat(cr.getMetadata().getAnnotations()).containsKey(Tributary.ANNOTATION_RESTART);

    connect.rebalancing(false);
    UpdateControl<KafkaConnector> done = reconcile();

    assertThat(connect.writes())
        .endsWith("POST file-source/restart includeTasks=true onlyFailed=false");
    assertThat(done.isPatchResourceAndStatus()).isTrue();
    assertThat(events.recorded())
        .contains(
            "Normal ConnectorRestarted: restarted connector file-source with its tasks as requested");
    assertThat(cr.getMetadata().getAnnotations()).doesNotContainKey(Tributary.ANNOTATION_RESTART);
    assertThat(ready().getStatus()).isEqualTo("True");
  }

  @Test
  void anUnreachableClusterIsReportedAndTheLastSeenStateKept() {
    reconcile();
    connect.unreachable(true);
    poll();

    UpdateControl<KafkaConnector> control = reconcile();

    assertThat(ready().getReason()).isEqualTo(Tributary.Reasons.REST_API_UNREACHABLE);
    assertThat(ready().getMessage()).contains("connection refused");
    assertThat(cr.getStatus().connectorState).isEqualTo(ConnectState.RUNNING);
    assertThat(control.getScheduleDelay()).contains(5_000L);
  }

  @Test
  void aFailedTaskIsRestartedAutomaticallyWithBackOffUpToMaxRestarts() {
    cr = connector("autoRestart: {enabled: true, maxRestarts: 2}");
    reconcile();
    connect.failTask(NAME, 1, "org.example.DiskFull: no space left\n\tat org.example.Task.put");
    connect.keepFailing(NAME);
    poll();

    UpdateControl<KafkaConnector> first = reconcile();
    assertThat(restarts()).isEqualTo(1);
    assertThat(cr.getStatus().autoRestart.count).isEqualTo(1);
    assertThat(first.getScheduleDelay()).contains(5_000L);
    assertThat(ready().getReason()).isEqualTo(Tributary.Reasons.TASKS_FAILED);
    assertThat(ready().getMessage()).contains("task 1 FAILED: org.example.DiskFull: no space left");
    assertThat(cr.getStatus().tasksRunning).isEqualTo("1/2");

    reconcile();
    assertThat(restarts()).as("not before the back-off has passed").isEqualTo(1);

    clock.advance(Duration.ofSeconds(5));
    UpdateControl<KafkaConnector> second = reconcile();
    assertThat(restarts()).isEqualTo(2);
    assertThat(second.getScheduleDelay()).contains(10_000L);

    clock.advance(Duration.ofMinutes(10));
    reconcile();
    assertThat(restarts()).as("maxRestarts reached").isEqualTo(2);
    assertThat(events.recorded())
        .contains(
            "Warning TasksFailed: task 1 FAILED: org.example.DiskFull: no space left",
            "Warning AutoRestarted: restarted the failed parts of connector file-source"
                + " automatically (restart 1)",
            "Warning AutoRestarted: restarted the failed parts of connector file-source"
                + " automatically (restart 2)");
  }

  @Test
  void tasksOnAWorkerWhosePodIsGoneAreReportedOrphaned() {
    reconcile();
    connect.moveTasksTo(NAME, WORKER_1);
    poll();

    reconcile();

    assertThat(cr.getStatus().tasks).extracting(t -> t.state).containsOnly(ConnectState.ORPHANED);
    assertThat(ready().getReason()).isEqualTo(Tributary.Reasons.TASKS_ON_DEPARTED_WORKERS);

    pods.put(workerPod("pipeline-connect-1"));
    reconcile();
    assertThat(cr.getStatus().tasks).extracting(t -> t.state).containsOnly(ConnectState.RUNNING);
  }

  @Test
  void aClusterThatIsNotReadyOrMissingIsWaitedForWithoutCallingConnect() {
    context.with(KafkaConnect.class, cluster(false));
    reconcile();
    assertThat(ready().getReason()).isEqualTo(Tributary.Reasons.CLUSTER_NOT_READY);

    context.with(KafkaConnect.class, null);
    reconcile();
    assertThat(ready().getReason()).isEqualTo(Tributary.Reasons.CLUSTER_NOT_FOUND);
    assertThat(ready().getMessage()).contains("fix spec.clusterRef.name");
    assertThat(connect.calls()).isZero();
  }

  @Test
  void deletingTheLastConnectorOfAClusterDeletesItInConnectAndStopsPolling() {
    reconcile();
    assertThat(context.sources()).containsKey("connect-poll/data/pipeline");

    DeleteControl deleted = reconciler.cleanup(cr, context);

    assertThat(deleted.isRemoveFinalizer()).isTrue();
    assertThat(connect.writes()).endsWith("DELETE file-source");
    assertThat(connect.configOf(NAME)).isEmpty();
    assertThat(context.sources()).doesNotContainKey("connect-poll/data/pipeline");
    assertThat(events.recorded())
        .endsWith(
            "Normal ConnectorDeleted: deleted connector file-source from KafkaConnect 'pipeline'");
  }

  @Test
  void aDeleteConnectCannotAnswerIsRetriedThenGivenUpSoTheObjectCanGo() {
    reconcile();
    connect.unreachable(true);
    cr.getMetadata().setDeletionTimestamp(clock.instant().toString());

    DeleteControl retried = reconciler.cleanup(cr, context);
    assertThat(retried.isRemoveFinalizer()).isFalse();
    assertThat(retried.getScheduleDelay()).contains(5_000L);

    clock.advance(KafkaConnectorReconciler.DELETE_GIVE_UP);
    DeleteControl givenUp = reconciler.cleanup(cr, context);
    assertThat(givenUp.isRemoveFinalizer()).isTrue();
    assertThat(events.reasons()).endsWith("Warning DeleteGivenUp");
  }

  @Test
  void keysTheSpecOwnsAreRefusedInConfigAndTheRunningConnectorIsLeftAlone() {
    reconcile();
    cr.getSpec().config.put("tasks.max", "8");
    cr.getSpec().config.put("connector.class", "org.example.Other");
    cr.getMetadata().setGeneration(2L);

    reconcile();

    assertThat(connect.writes()).containsExactly("POST file-source RUNNING");
    assertThat(ready().getReason()).isEqualTo(Tributary.Reasons.INVALID_SPEC);
    assertThat(ready().getMessage())
        .contains("spec.config.connector.class is not allowed: set spec.class instead")
        .contains("spec.config.tasks.max is not allowed: set spec.tasksMax instead");
    assertThat(cr.getStatus().connectorState)
        .as("the last observation is kept")
        .isEqualTo(ConnectState.RUNNING);
  }

  @Test
  void aConfigTooLargeForConnectsConfigTopicNamesItsLargestValueAndChangesNothing() {
    reconcile();
    cr.getSpec().config.put("schema", "x".repeat(1024 * 1024));
    cr.getMetadata().setGeneration(2L);

    reconcile();

    assertThat(connect.writes()).containsExactly("POST file-source RUNNING");
    assertThat(connect.configOf(NAME).orElseThrow()).doesNotContainKey("schema");
    assertThat(ready().getReason()).isEqualTo(Tributary.Reasons.INVALID_SPEC);
    assertThat(ready().getMessage())
        .contains("more than Connect can store")
        .contains("spec.config.schema (1048576 bytes)")
        .doesNotContain("xxxx");
  }

  @Test
  void aKafkaConnectDeletedUnderItsConnectorsIsReportedAndTheConnectorsCanStillBeDeleted() {
    reconcile();
    long callsWhileItRan = connect.calls();

    context.with(KafkaConnect.class, null);
    reconcile();

    assertThat(ready().getReason()).isEqualTo(Tributary.Reasons.CLUSTER_NOT_FOUND);
    assertThat(ready().getMessage()).contains("KafkaConnect 'pipeline' does not exist");
    cr.getMetadata().setDeletionTimestamp(clock.instant().toString());
    assertThat(reconciler.cleanup(cr, context).isRemoveFinalizer())
        .as("nothing is left to delete from, so the finalizer goes at once")
        .isTrue();
    assertThat(connect.calls()).as("no call to a cluster that is gone").isEqualTo(callsWhileItRan);
  }

  @Test
  void aWriteThatMetANewerVersionIsRetriedWithoutReportingAFailure() {
    reconcile();
    var stale =
        new io.fabric8.kubernetes.client.KubernetesClientException(
            "Failure executing: PATCH ... Message: the patch cannot be applied: index 3 out of bounds",
            422,
            null);

    var retried = reconciler.updateErrorStatus(cr, context, stale);
    var failed = reconciler.updateErrorStatus(cr, context, new IllegalStateException("boom"));

    assertThat(retried.getResource()).as("no ReconcileFailed status for a stale write").isEmpty();
    assertThat(failed.getResource().orElseThrow().getStatus().conditions)
        .anySatisfy(c -> assertThat(c.getReason()).isEqualTo(Tributary.Reasons.RECONCILE_FAILED));
    assertThat(events.reasons()).containsOnlyOnce("Warning ReconcileFailed");
  }

  @Test
  void aRestartTriggerKeptInGitRestartsOnceWhenChangedAndNeverOnReapply() {
    cr = connector("restartTrigger: '2026-12-01'");
    reconcile();
    assertThat(restarts()).as("a new connector is not restarted for its trigger").isZero();
    assertThat(cr.getStatus().lastRestartTrigger).isEqualTo("2026-12-01");

    poll();
    reconcile();
    assertThat(restarts()).as("the same value, re-applied").isZero();

    cr.getSpec().restartTrigger = "2026-12-02";
    cr.getMetadata().setGeneration(2L);
    poll();
    reconcile();
    poll();
    reconcile();

    assertThat(connect.writes())
        .filteredOn(w -> w.startsWith("POST file-source/restart"))
        .containsExactly("POST file-source/restart includeTasks=true onlyFailed=false");
    assertThat(cr.getStatus().lastRestartTrigger).isEqualTo("2026-12-02");
    assertThat(events.reasons()).contains("Normal ConnectorRestarted");
  }

  @Test
  void aSpecThatCannotBeReadIsReportedNamingTheFieldAndNothingIsSent() {
    cr =
        kafkaConnector(
            """
            apiVersion: tributary.dev/v1alpha1
            kind: KafkaConnector
            metadata: {name: file-source, namespace: data, generation: 1}
            spec: {clusterRef: {name: pipeline}, class: org.example.Source, state: PAUSED}
            """);

    reconcile();

    assertThat(connect.calls()).isZero();
    assertThat(ready().getReason()).isEqualTo(Tributary.Reasons.INVALID_SPEC);
    assertThat(ready().getMessage())
        .isEqualTo("spec.state: 'PAUSED' is not one of running, paused, stopped");
    assertThat(reconciler.cleanup(cr, context).isRemoveFinalizer())
        .as("it can still be deleted")
        .isTrue();
  }

  // --- fixtures ---

  private UpdateControl<KafkaConnector> reconcile() {
    connectors.put(cr);
    UpdateControl<KafkaConnector> control = reconciler.reconcile(cr, context);
    control.getResource().ifPresent(updated -> cr = updated);
    return control;
  }

  private void poll() {
    ((ClusterPoller) context.sources().get("connect-poll/data/pipeline")).poll();
  }

  private Condition ready() {
    return cr.getStatus().conditions.stream()
        .filter(c -> c.getType().equals("Ready"))
        .findFirst()
        .orElseThrow();
  }

  private long restarts() {
    return connect.writes().stream().filter(w -> w.startsWith("POST file-source/restart")).count();
  }

  static KafkaConnector connector(String extraSpec) {
    return kafkaConnector(
        """
            apiVersion: tributary.dev/v1alpha1
            kind: KafkaConnector
            metadata: {name: file-source, namespace: data, generation: 1}
            spec:
              clusterRef: {name: pipeline}
              class: org.example.Source
              tasksMax: 2
            """
            + (extraSpec.startsWith("config:")
                ? extraSpec.indent(2)
                : "  config: {file: /in.txt, topic: lines}\n" + extraSpec.indent(2)));
  }

  static KafkaConnect cluster(boolean ready) {
    return kafkaConnect(
        """
        apiVersion: tributary.dev/v1alpha1
        kind: KafkaConnect
        metadata: {name: pipeline, namespace: data}
        spec: {bootstrapServers: "kafka:9092"}
        status:
          restApiUrl: http://pipeline-connect-api.data.svc:8083
          conditions:
            - {type: Ready, status: "%s", reason: Ready}
        """
            .formatted(ready ? "True" : "False"));
  }

  static Pod workerPod(String name) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("data")
        .addToLabels(Tributary.LABEL_CLUSTER, "pipeline")
        .endMetadata()
        .build();
  }
}
