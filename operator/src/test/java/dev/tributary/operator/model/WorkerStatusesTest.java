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

    assertThat(worker.reason).isEqualTo("InitContainerFailed");
    assertThat(worker.message)
        .isEqualTo(
            "init container fetch-plugins failed (exit code 2, Error): plugin 'my-sink': artifact"
                + " org.example:nope:jar:1.0 could not be | resolved from"
                + " https://repo1.maven.org/maven2/");
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
    assertThat(oom.message).isEqualTo("container connect keeps exiting (exit code 137, OOMKilled)");
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
}
