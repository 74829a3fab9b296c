package dev.tributary.operator.kafkaload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.api.v1alpha1.KafkaConnectorSpec;
import dev.tributary.operator.connectapi.ConnectClients;
import dev.tributary.operator.connectapi.FakeConnectApi;
import dev.tributary.operator.connectapi.dto.ConnectorOverview;
import dev.tributary.operator.connectapi.dto.ConnectorStatus;
import dev.tributary.operator.connectapi.dto.StateInfo;
import dev.tributary.operator.connectapi.dto.WorkerBacklog;
import dev.tributary.operator.connectapi.dto.WorkerTaskLoad;
import dev.tributary.operator.model.ClusterNames;
import dev.tributary.operator.model.SourceBacklogs;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceSamplerTest {

  static final String W0 = TaskLoadSamplerTest.W0;
  static final String W1 = TaskLoadSamplerTest.W1;
  static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

  final Map<String, FakeConnectApi> workers = new HashMap<>();
  final ConnectClients clients =
      new ConnectClients() {
        @Override
        public dev.tributary.operator.connectapi.ConnectApi forUrl(String baseUrl) {
          throw new UnsupportedOperationException();
        }

        @Override
        public dev.tributary.operator.connectapi.ConnectApi forWorker(
            String clusterUrl, String workerId) {
          return workers.computeIfAbsent(workerId, FakeConnectApi::new);
        }
      };

  static SourceSampler.Source mirror() {
    KafkaConnectorSpec spec = new KafkaConnectorSpec();
    spec.connectorClass = SourceBacklogs.MIRROR_SOURCE_CLASS;
    var overview =
        new ConnectorOverview(
            null,
            new ConnectorStatus(
                "mirror",
                new StateInfo(null, "RUNNING", W0, null),
                List.of(
                    new StateInfo(0, "RUNNING", W0, null),
                    new StateInfo(1, "RUNNING", W1, null),
                    new StateInfo(2, "RUNNING", W1, null)),
                "source"));
    return new SourceSampler.Source(overview, SourceBacklogs.of(spec, "mirror").orElseThrow());
  }

  static Map<String, WorkerTaskLoad> polled(double task0, double task1, double task2) {
    return Map.of(
        W0,
        new WorkerTaskLoad(null, 2, List.of(source(0, task0), source(1, 999_999))),
        W1,
        new WorkerTaskLoad(null, 2, List.of(source(1, task1), source(2, task2))));
  }

  static WorkerTaskLoad.Task source(int task, double total) {
    return new WorkerTaskLoad.Task("mirror", task, "source", null, null, null, null, null, total);
  }

  @Test
  void eachWorkerIsAskedForItsOwnTasksBacklogAndTheSampleIsShapedLikeASinks() throws Exception {
    var sampler = new SourceSampler(clients);
    var cluster = new ClusterNames("pipeline", "data");
    workers.computeIfAbsent(W0, FakeConnectApi::new).answerBacklog(new WorkerBacklog(2, 300));
    workers.computeIfAbsent(W1, FakeConnectApi::new).answerBacklog(new WorkerBacklog(4, 200));

    var first = sampler.sample(cluster, Map.of("mirror", mirror()), polled(100, 50, 50), NOW);
    var second =
        sampler.sample(
            cluster, Map.of("mirror", mirror()), polled(400, 250, 50), NOW.plusSeconds(5));

    assertThat(workers.get(W0).backlogAsked.get(0))
        .singleElement()
        .asString()
        .contains("|mirror-0|replication-consumer");
    assertThat(workers.get(W1).backlogAsked.get(0))
        .as("one call per worker, one pattern per task it runs")
        .hasSize(2)
        .anySatisfy(p -> assertThat(p).contains("|mirror-1|"))
        .anySatisfy(p -> assertThat(p).contains("|mirror-2|"));
    var a = first.samples().get("mirror");
    var b = second.samples().get("mirror");
    assertThat(b.lag()).as("the backlog, summed over the workers").isEqualTo(500);
    assertThat(b.committedOffsets() - a.committedOffsets())
        .as("records polled, task 1 counted only from the worker running it")
        .isEqualTo(500);
    assertThat(b.partitions()).isZero();
  }

  @Test
  void aSourceIsLeftOutWhenAWorkerDoesNotTellOrNothingMatches() throws Exception {
    var sampler = new SourceSampler(clients);
    var cluster = new ClusterNames("pipeline", "data");
    workers.computeIfAbsent(W0, FakeConnectApi::new).answerBacklog(new WorkerBacklog(2, 300));

    var silent = sampler.sample(cluster, Map.of("mirror", mirror()), polled(1, 1, 1), NOW);
    assertThat(silent.samples()).isEmpty();
    assertThat(silent.unread().get("mirror")).contains("did not tell its backlog");

    workers.get(W0).answerBacklog(new WorkerBacklog(0, 0));
    workers.computeIfAbsent(W1, FakeConnectApi::new).answerBacklog(new WorkerBacklog(0, 0));
    var unmatched = sampler.sample(cluster, Map.of("mirror", mirror()), polled(1, 1, 1), NOW);
    assertThat(unmatched.unread().get("mirror"))
        .startsWith("no MBean on the workers running its tasks matches")
        .endsWith("with a number in records-lag (spec.sourceBacklog)");

    var noCounts =
        sampler.sample(
            cluster,
            Map.of("mirror", mirror()),
            Map.of(W0, new WorkerTaskLoad(null, 2, List.of(source(0, 1)))),
            NOW);
    assertThat(noCounts.unread().get("mirror")).contains("did not tell its records polled");
  }
}
