package dev.tributary.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.api.v1alpha1.WorkerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerStatusesTest {

  static final ClusterNames NAMES = new ClusterNames("pipeline", "data");

  static Pod pod(String status) {
    return Serialization.unmarshal(
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: pipeline-connect-0, namespace: data}
        status:
        """
            + status.indent(2),
        Pod.class);
  }

  static WorkerStatus only(Pod pod) {
    return WorkerStatuses.of(NAMES, List.of(pod)).get(0);
  }

  @Test
  void aReadyWorkerIsNamedWithItsConnectWorkerId() {
    WorkerStatus worker =
        only(pod("containerStatuses: [{name: connect, ready: true, restartCount: 2}]"));

    assertThat(worker.reason).isEqualTo("Ready");
    assertThat(worker.ready).isTrue();
    assertThat(worker.restarts).isEqualTo(2);
    assertThat(worker.workerId)
        .isEqualTo("pipeline-connect-0.pipeline-connect-workers.data.svc:8083");
    assertThat(worker.message).isNull();
  }

  @Test
  void aFailedInitContainerSaysWhyWithItsTerminationMessage() {
    WorkerStatus worker =
        only(
            pod(
                """
                phase: Pending
                initContainerStatuses:
                  - name: fetch-plugins
                    restartCount: 3
                    state: {waiting: {reason: CrashLoopBackOff}}
                    lastState:
                      terminated:
                        exitCode: 2
                        reason: Error
                        message: |
                          plugin 'my-sink': artifact org.example:nope:jar:1.0 could not be
                          resolved from https://repo1.maven.org/maven2/
                containerStatuses: [{name: connect, ready: false, restartCount: 0,
                                     state: {waiting: {reason: PodInitializing}}}]
                """));

    assertThat(worker.reason).isEqualTo("PluginInstallFailed");
    assertThat(worker.message)
        .isEqualTo(
            "a plugin cannot be installed: plugin 'my-sink': artifact org.example:nope:jar:1.0"
                + " could not be resolved from https://repo1.maven.org/maven2/ (check"
                + " spec.plugins)");
    assertThat(WorkerStatuses.firstFailing(List.of(worker))).contains(worker);
  }

  @Test
  void aCrashingWorkerGivesItsExitCodeAndAnOomKillIsNamed() {
    WorkerStatus crashing =
        only(
            pod(
                """
                containerStatuses:
                  - name: connect
                    ready: false
                    restartCount: 4
                    state: {waiting: {reason: CrashLoopBackOff}}
                    lastState: {terminated: {exitCode: 1, reason: Error, message: "bad config"}}
                """));
    WorkerStatus oom =
        only(
            pod(
                """
                containerStatuses:
                  - name: connect
                    ready: false
                    restartCount: 1
                    state: {waiting: {reason: CrashLoopBackOff}}
                    lastState: {terminated: {exitCode: 137, reason: OOMKilled}}
                """));

    assertThat(crashing.reason).isEqualTo("CrashLoopBackOff");
    assertThat(crashing.message)
        .isEqualTo("container connect keeps exiting (exit code 1, Error): bad config");
    assertThat(oom.reason).isEqualTo("OOMKilled");
    assertThat(oom.message)
        .isEqualTo(
            "container connect was killed for using more memory than its limit (exit code 137,"
                + " OOMKilled) (raise spec.resources.limits.memory, or lower spec.jvmOptions.xmx)");
  }

  @Test
  void imagesThatCannotBePulledAndPodsThatCannotBeScheduledAreNamed() {
    assertThat(
            only(pod(
                    """
                        containerStatuses:
                          - name: connect
                            ready: false
                            state: {waiting: {reason: ImagePullBackOff, message: "not found"}}
                        """))
                .reason)
        .isEqualTo("ImagePullFailed");
    WorkerStatus unschedulable =
        only(
            pod(
                """
                phase: Pending
                conditions:
                  - {type: PodScheduled, status: "False", reason: Unschedulable,
                     message: "0/3 nodes are available: 3 Insufficient memory."}
                """));
    assertThat(unschedulable.reason).isEqualTo("Unschedulable");
    assertThat(unschedulable.message).isEqualTo("0/3 nodes are available: 3 Insufficient memory.");
  }

  @Test
  void aRunningWorkerThatIsNotReadyYetIsStartingNotFailing() {
    WorkerStatus worker =
        only(
            pod(
                "containerStatuses: [{name: connect, ready: false, restartCount: 0,"
                    + " state: {running: {}}}]"));

    assertThat(worker.reason).isEqualTo("Starting");
    assertThat(WorkerStatuses.firstFailing(List.of(worker))).isEmpty();
  }

  @Test
  void aFailingWorkerKeepsItsFailureWhileItIsRestartedUntilItIsReady() {
    String lastState =
        "lastState: {terminated: {exitCode: 1, reason: Error, message: \"error: ConnectException:"
            + " Failed to connect to and describe Kafka cluster.\"}}";
    WorkerStatus restarting =
        only(
            pod(
                "containerStatuses: [{name: connect, ready: false, restartCount: 3,"
                    + " state: {running: {}}, "
                    + lastState
                    + "}]"));
    WorkerStatus backingOff =
        only(
            pod(
                "containerStatuses: [{name: connect, ready: false, restartCount: 3,"
                    + " state: {waiting: {reason: CrashLoopBackOff}}, "
                    + lastState
                    + "}]"));
    WorkerStatus recovered =
        only(
            pod(
                "containerStatuses: [{name: connect, ready: true, restartCount: 3,"
                    + " state: {running: {}}, "
                    + lastState
                    + "}]"));

    assertThat(restarting.reason).isEqualTo("KafkaUnreachable").isEqualTo(backingOff.reason);
    assertThat(restarting.message).isEqualTo(backingOff.message);
    assertThat(recovered.reason).isEqualTo("Ready");
  }

  @Test
  void anInitContainerRunningAgainAfterAFailureKeepsThatFailure() {
    WorkerStatus worker =
        only(
            pod(
                """
                initContainerStatuses:
                  - name: fetch-plugins
                    restartCount: 1
                    state: {running: {}}
                    lastState: {terminated: {exitCode: 2, message: "error: plugin 'x', artifact a:b:jar:1: not found in https://repo"}}
                containerStatuses: [{name: connect, ready: false, state: {waiting: {reason: PodInitializing}}}]
                """));
    assertThat(worker.reason).isEqualTo("PluginInstallFailed");
    assertThat(worker.message).contains("plugin 'x', artifact a:b:jar:1: not found");
  }

  @Test
  void aLargeClusterListsTwentyWorkersThoseNotReadyFirstInNameOrder() {
    List<WorkerStatus> workers = new java.util.ArrayList<>();
    for (int i = 0; i < 100; i++) {
      var worker = new WorkerStatus();
      worker.pod = String.format("pipeline-connect-%02d", i);
      worker.ready = i != 7 && i != 93;
      workers.add(worker);
    }

    List<WorkerStatus> listed = WorkerStatuses.listed(workers);

    assertThat(listed).hasSize(WorkerStatuses.MAX_LISTED);
    assertThat(listed).extracting(w -> w.pod).isSorted();
    assertThat(listed)
        .filteredOn(w -> !w.ready)
        .extracting(w -> w.pod)
        .containsExactly("pipeline-connect-07", "pipeline-connect-93");
    assertThat(WorkerStatuses.listed(workers.subList(0, 3))).isEqualTo(workers.subList(0, 3));
  }

  @Test
  void aWorkerRestartedFailingTheSameWayFailedAgain() {
    WorkerStatus before = new WorkerStatus();
    before.pod = "p-0";
    before.reason = "KafkaUnreachable";
    before.restarts = 1;
    WorkerStatus after = new WorkerStatus();
    after.pod = "p-0";
    after.reason = "KafkaUnreachable";
    after.restarts = 2;

    assertThat(WorkerStatuses.failedAgain(List.of(before), List.of(after))).isTrue();
    assertThat(WorkerStatuses.failedAgain(List.of(after), List.of(after))).isFalse();
    assertThat(WorkerStatuses.failedAgain(null, List.of(after))).isFalse();
  }
}
