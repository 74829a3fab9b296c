package dev.tributary.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.operator.connectapi.dto.ConnectorInfo;
import dev.tributary.operator.connectapi.dto.ConnectorOverview;
import dev.tributary.operator.connectapi.dto.ConnectorStatus;
import dev.tributary.operator.connectapi.dto.StateInfo;
import dev.tributary.operator.model.RollPlan.Step;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RollPlanTest {

  static final ClusterNames NAMES = new ClusterNames("pipeline", "data");
  static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
  static final Instant LONG_AGO = NOW.minusSeconds(600);

  static Pod pod(int ordinal, String revision, boolean ready, Instant readySince) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("pipeline-connect-" + ordinal)
        .withNamespace("data")
        .addToLabels(RollPlan.REVISION_LABEL, revision)
        .endMetadata()
        .withNewStatus()
        .addNewCondition()
        .withType("Ready")
        .withStatus(ready ? "True" : "False")
        .withLastTransitionTime(readySince.toString())
        .endCondition()
        .endStatus()
        .build();
  }

  static String worker(int ordinal) {
    return "pipeline-connect-" + ordinal + ".pipeline-connect-workers.data.svc:8083";
  }

  /** One connector running on worker 0 and a task per entry: {state, worker ordinal}. */
  static Supplier<Optional<Map<String, ConnectorOverview>>> connect(Object[]... tasks) {
    List<StateInfo> states = new ArrayList<>();
    for (int i = 0; i < tasks.length; i++) {
      states.add(new StateInfo(i, (String) tasks[i][0], worker((Integer) tasks[i][1]), null));
    }
    var status =
        new ConnectorStatus(
            "orders", new StateInfo(null, "RUNNING", worker(0), null), states, "source");
    return () ->
        Optional.of(
            Map.of(
                "orders",
                new ConnectorOverview(
                    new ConnectorInfo("orders", Map.of(), List.of(), "source"), status)));
  }

  static Object[] task(String state, int worker) {
    return new Object[] {state, worker};
  }

  static Step next(List<Pod> pods, Supplier<Optional<Map<String, ConnectorOverview>>> connect) {
    return RollPlan.next(NAMES, "new", 3, false, pods, connect, NOW);
  }

  @Test
  void nothingToDoWhenEveryPodRunsTheCurrentTemplate() {
    var pods =
        List.of(
            pod(0, "new", true, LONG_AGO),
            pod(1, "new", true, LONG_AGO),
            pod(2, "new", true, LONG_AGO));
    AtomicInteger asked = new AtomicInteger();

    Step step =
        next(
            pods,
            () -> {
              asked.incrementAndGet();
              return Optional.empty();
            });

    assertThat(step.rolling()).isFalse();
    assertThat(asked).as("Connect is not asked when there is nothing to roll").hasValue(0);
  }

  @Test
  void onceConnectHasSettledTheHighestOutdatedOrdinalGoesFirst() {
    var pods =
        List.of(
            pod(0, "old", true, LONG_AGO), pod(1, "old", true, LONG_AGO), pod(2, "new", true, NOW));
    var settled = connect(task("RUNNING", 0), task("RUNNING", 1), task("RUNNING", 2));

    assertThat(next(pods, settled).replace()).contains("pipeline-connect-1");
  }

  @Test
  void aNewWorkerWithoutItsShareHoldsTheRollThoughEveryTaskRuns() {
    // Just after pod 2 came back: Connect has not yet handed it the tasks it revoked elsewhere.
    var pods =
        List.of(
            pod(0, "old", true, LONG_AGO), pod(1, "old", true, LONG_AGO), pod(2, "new", true, NOW));
    var handOverPending = connect(task("RUNNING", 0), task("RUNNING", 1), task("RUNNING", 0));

    Step step = next(pods, handOverPending);

    assertThat(step.replace()).isEmpty();
    assertThat(step.waitingFor())
        .contains("Connect has given pipeline-connect-2 a share of the work");
  }

  @Test
  void fewerTasksThanWorkersLeaveAWorkerIdleWithoutHoldingTheRoll() {
    // Connect balances connectors and tasks each on their own: one of each may share a worker.
    var pods =
        List.of(
            pod(0, "old", true, LONG_AGO), pod(1, "old", true, LONG_AGO), pod(2, "new", true, NOW));

    assertThat(next(pods, connect(task("RUNNING", 0), task("RUNNING", 1))).replace())
        .contains("pipeline-connect-1");
  }

  @Test
  void tasksUnassignedOrOnAGoneWorkerHoldTheRoll() {
    var pods =
        List.of(pod(0, "old", true, LONG_AGO), pod(1, "new", true, NOW), pod(2, "new", true, NOW));

    assertThat(next(pods, connect(task("UNASSIGNED", 1), task("RUNNING", 2))).waitingFor())
        .contains("1 connectors and tasks run on a live worker again");
    assertThat(next(pods, connect(task("RUNNING", 1), task("RUNNING", 7))).waitingFor())
        .as("Connect still names a worker whose pod is gone: its task runs nowhere")
        .contains("1 connectors and tasks run on a live worker again");
  }

  @Test
  void aFailedOrPausedTaskDoesNotHoldTheRoll() {
    var pods =
        List.of(pod(0, "old", true, LONG_AGO), pod(1, "new", true, NOW), pod(2, "new", true, NOW));

    assertThat(next(pods, connect(task("FAILED", 1), task("PAUSED", 2))).replace())
        .contains("pipeline-connect-0");
  }

  @Test
  void aWorkerNotReadyOrBeingDeletedHoldsTheRollWithoutAskingConnect() {
    AtomicInteger asked = new AtomicInteger();
    Supplier<Optional<Map<String, ConnectorOverview>>> counting =
        () -> {
          asked.incrementAndGet();
          return Optional.empty();
        };
    var starting =
        List.of(
            pod(0, "old", true, LONG_AGO),
            pod(1, "old", true, LONG_AGO),
            pod(2, "new", false, NOW));
    Pod terminating = pod(2, "old", true, LONG_AGO);
    terminating.getMetadata().setDeletionTimestamp(NOW.toString());
    var deleting =
        List.of(pod(0, "old", true, LONG_AGO), pod(1, "old", true, LONG_AGO), terminating);

    assertThat(next(starting, counting).waitingFor()).contains("every worker is ready");
    assertThat(next(deleting, counting).waitingFor()).contains("every worker is ready");
    assertThat(next(starting.subList(0, 2), counting).waitingFor())
        .as("a pod the StatefulSet controller has not re-created yet")
        .contains("every worker is ready");
    assertThat(asked).hasValue(0);
  }

  @Test
  void anOutdatedWorkerThatIsNotReadyIsReplacedAtOnceForTheNewTemplateMayMendIt() {
    var failing =
        List.of(pod(0, "old", true, LONG_AGO), pod(1, "old", false, NOW), pod(2, "new", true, NOW));
    assertThat(next(failing, Optional::empty).replace()).contains("pipeline-connect-1");

    Pod goingAway = pod(1, "old", false, NOW);
    goingAway.getMetadata().setDeletionTimestamp(NOW.toString());
    assertThat(next(List.of(pod(0, "old", true, LONG_AGO), goingAway), Optional::empty).replace())
        .as("already being replaced")
        .isEmpty();
  }

  @Test
  void aRestApiThatDoesNotAnswerHoldsTheRollOnlyUntilPatienceRunsOut() {
    var justReady =
        List.of(
            pod(0, "old", true, LONG_AGO), pod(1, "old", true, LONG_AGO), pod(2, "new", true, NOW));
    var readyLongAgo =
        List.of(
            pod(0, "old", true, LONG_AGO),
            pod(1, "old", true, LONG_AGO),
            pod(2, "new", true, NOW.minus(RollPlan.PATIENCE)));

    assertThat(next(justReady, Optional::empty).waitingFor()).contains("the REST API answers");
    assertThat(next(readyLongAgo, Optional::empty).replace())
        .as("a roll never waits on Connect for more than " + RollPlan.PATIENCE)
        .contains("pipeline-connect-1");
  }

  @Test
  void withARebalanceDelayTheRollDoesNotWaitForTasksConnectHoldsOnPurpose() {
    // Connect keeps the replaced pod's tasks unassigned until its delay expires, whoever returns.
    var pods =
        List.of(
            pod(0, "old", true, LONG_AGO), pod(1, "old", true, LONG_AGO), pod(2, "new", true, NOW));
    var held = connect(task("UNASSIGNED", 2), task("RUNNING", 1), task("RUNNING", 0));

    assertThat(RollPlan.next(NAMES, "new", 3, true, pods, held, NOW).replace())
        .contains("pipeline-connect-1");
    assertThat(
            RollPlan.next(
                    NAMES,
                    "new",
                    3,
                    true,
                    List.of(pod(0, "old", true, LONG_AGO), pod(1, "old", true, LONG_AGO)),
                    held,
                    NOW)
                .waitingFor())
        .as("still one pod at a time, each once every worker is Ready")
        .contains("every worker is ready");
  }

  @Test
  void aScaleInUnderWayIsLeftToFinishFirst() {
    var pods =
        List.of(
            pod(0, "old", true, LONG_AGO),
            pod(1, "old", true, LONG_AGO),
            pod(2, "old", true, LONG_AGO),
            pod(3, "old", true, LONG_AGO));

    assertThat(next(pods, Optional::empty).waitingFor()).contains("the scale-in has finished");
  }

  @Test
  void noRevisionYetMeansNothingToRoll() {
    assertThat(RollPlan.next(NAMES, null, 3, false, List.of(), Optional::empty, NOW).rolling())
        .isFalse();
  }
}
