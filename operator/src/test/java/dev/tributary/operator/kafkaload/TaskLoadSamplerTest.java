package dev.tributary.operator.kafkaload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.operator.connectapi.dto.ConnectorOverview;
import dev.tributary.operator.connectapi.dto.ConnectorStatus;
import dev.tributary.operator.connectapi.dto.StateInfo;
import dev.tributary.operator.connectapi.dto.WorkerTaskLoad;
import dev.tributary.operator.connectapi.dto.WorkerTaskLoad.Task;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskLoadSamplerTest {

  static final String W0 = "pipeline-connect-0.pipeline-connect-workers.data.svc:8083";
  static final String W1 = "pipeline-connect-1.pipeline-connect-workers.data.svc:8083";

  static ConnectorOverview sink(StateInfo... tasks) {
    return new ConnectorOverview(
        null,
        new ConnectorStatus(
            "orders", new StateInfo(null, "RUNNING", W0, null), List.of(tasks), "sink"));
  }

  @Test
  void eachTaskCountsOnceFromTheWorkerConnectSaysRunsIt() {
    var sinks =
        Map.of(
            "orders",
            sink(
                new StateInfo(0, "RUNNING", W0, null),
                new StateInfo(1, "RUNNING", W1, null),
                new StateInfo(2, "UNASSIGNED", W1, null)));
    assertThat(TaskLoadSampler.workers(sinks)).containsExactly(W0, W1);

    var answers =
        Map.of(
            W0,
            new WorkerTaskLoad(
                0.5,
                2,
                List.of(
                    new Task("orders", 0, "sink", 100.0, 10.0, 100.0),
                    // Task 1 moved to W1 in the last rebalance; W0 still has its metrics.
                    new Task("orders", 1, "sink", 5.0, 5.0, 1.0),
                    new Task("orders", 0, "source", 500.0, 10.0, 1.0),
                    new Task("other", 0, "sink", 500.0, 10.0, 1.0))),
            W1,
            new WorkerTaskLoad(
                null, 2, List.of(new Task("orders", 1, "sink", 100.0, 10.0, 100.0))));

    var busy = TaskLoadSampler.busy(answers, sinks).get("orders");
    assertThat(busy.tasks()).isEqualTo(2);
    assertThat(busy.busyRatio()).isEqualTo(1.0);
    assertThat(busy.ratePerTask()).hasValue(100.0);
  }

  @Test
  void aSinkWhoseWorkersDidNotAnswerHasNoBusyTime() {
    var sinks = Map.of("orders", sink(new StateInfo(0, "RUNNING", W0, null)));
    assertThat(TaskLoadSampler.busy(Map.of(), sinks)).isEmpty();
    var noSamples =
        Map.of(
            W0,
            new WorkerTaskLoad(null, 2, List.of(new Task("orders", 0, "sink", null, null, null))));
    assertThat(TaskLoadSampler.busy(noSamples, sinks)).isEmpty();
  }

  @Test
  void theWorkersSamplesOutrankThePutMetrics() {
    var sinks = Map.of("orders", sink(new StateInfo(0, "RUNNING", W0, null)));
    // put takes 69% of each second, but the task works all of it: it moves 68/s, not 99/s.
    var sampled =
        Map.of(
            W0,
            new WorkerTaskLoad(
                null,
                2,
                List.of(new Task("orders", 0, "sink", 68.0, 68.0, 690.0, 1.0, 68.0, null))));
    assertThat(TaskLoadSampler.busy(sampled, sinks).get("orders").ratePerTask()).hasValue(68.0);

    var olderWorker =
        Map.of(
            W0,
            new WorkerTaskLoad(null, 2, List.of(new Task("orders", 0, "sink", 68.0, 68.0, 690.0))));
    assertThat(TaskLoadSampler.busy(olderWorker, sinks).get("orders").ratePerTask().orElseThrow())
        .as("a worker without samples: put time alone")
        .isGreaterThan(98);
  }
}
