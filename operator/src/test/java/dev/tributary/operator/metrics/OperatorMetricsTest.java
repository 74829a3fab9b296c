package dev.tributary.operator.metrics;

import static dev.tributary.operator.Fixtures.kafkaConnector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.api.v1alpha1.AutoRestartStatus;
import dev.tributary.api.v1alpha1.ConnectState;
import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.api.v1alpha1.KafkaConnectorStatus;
import dev.tributary.api.v1alpha1.TaskStatus;
import dev.tributary.operator.connectapi.ConnectApi;
import dev.tributary.operator.connectapi.ConnectRestException;
import dev.tributary.operator.connectapi.FakeConnectApi;
import dev.tributary.operator.testing.TestClock;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class OperatorMetricsTest {

  final TestClock clock = new TestClock(Instant.parse("2026-12-01T09:00:00Z"));

  static KafkaConnector orders() {
    return kafkaConnector(
        """
        apiVersion: tributary.dev/v1alpha1
        kind: KafkaConnector
        metadata: {name: orders, namespace: data}
        spec: {clusterRef: {name: pipeline}, class: org.example.Sink, state: running}
        """);
  }

  static KafkaConnectorStatus status(ConnectState connector, ConnectState... tasks) {
    var status = new KafkaConnectorStatus();
    status.connectorState = connector;
    status.tasks =
        java.util.Arrays.stream(tasks)
            .map(
                state -> {
                  var task = new TaskStatus();
                  task.state = state;
                  return task;
                })
            .toList();
    return status;
  }

  String scrape(ConnectorMetrics metrics) throws Exception {
    var out = new ByteArrayOutputStream();
    new PrometheusTextFormatWriter(false).write(out, metrics.collect());
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void eachConnectorIsASetOfSeriesFromItsLatestStatus() throws Exception {
    var metrics = new ConnectorMetrics(clock);
    var status =
        status(
            ConnectState.RUNNING, ConnectState.RUNNING, ConnectState.FAILED, ConnectState.ORPHANED);
    status.autoRestart = new AutoRestartStatus();
    status.autoRestart.count = 2;

    metrics.record(orders(), status);
    clock.advance(Duration.ofSeconds(30));
    metrics.record(orders(), status(null));
    String text = scrape(metrics);

    String labels = "cluster=\"pipeline\",connector=\"orders\",namespace=\"data\"";
    assertThat(text)
        .contains("tributary_connector_desired_state{" + labels + ",state=\"running\"} 1.0")
        .contains("tributary_connector_observed_state{" + labels + ",state=\"unknown\"} 1.0")
        .contains("tributary_connector_seconds_since_observed{" + labels + "} 30.0");
    metrics.record(orders(), status);
    assertThat(scrape(metrics))
        .contains("tributary_connector_tasks_running{" + labels + "} 1.0")
        .contains("tributary_connector_tasks_failed{" + labels + "} 1.0")
        .contains("tributary_connector_tasks_orphaned{" + labels + "} 1.0")
        .contains("tributary_connector_auto_restarts{" + labels + "} 2.0")
        .contains("tributary_connector_observed_state{" + labels + ",state=\"running\"} 1.0");

    metrics.forget(orders());
    assertThat(scrape(metrics)).doesNotContain("orders");
  }

  @Test
  void theAutoscalersMeasurementsAndRecommendationAreSeriesPerClusterAndSink() throws Exception {
    var metrics = new AutoscalingMetrics();
    var cluster = new dev.tributary.operator.model.ClusterNames("pipeline", "data");
    var t0 = Instant.parse("2026-12-01T09:00:00Z");
    var load =
        dev.tributary.operator.model.SinkLoad.between(
            "orders",
            2,
            new dev.tributary.operator.model.SinkLoad.Sample(t0, 6, 10_000, 0),
            new dev.tributary.operator.model.SinkLoad.Sample(t0.plusSeconds(20), 6, 14_000, 2_000),
            Duration.ofSeconds(10));
    var advice =
        new dev.tributary.operator.model.AutoscalePlan.SinkAdvice("orders", 2, 5, 6, "lag 12000");
    // A source whose backlog its tasks report: no commits to trail.
    var mirror =
        dev.tributary.operator.model.SinkLoad.between(
            "mirror",
            1,
            new dev.tributary.operator.model.SinkLoad.Sample(t0, 0, 1_000, 0),
            new dev.tributary.operator.model.SinkLoad.Sample(t0.plusSeconds(10), 0, 3_000, 500),
            Duration.ZERO);
    metrics.record(
        cluster,
        1,
        new dev.tributary.operator.model.AutoscalePlan.Recommendation(
            3, Map.of("orders", advice), 0),
        java.util.List.of(load, mirror),
        Map.of("orders", 50.0),
        Map.of(
            "orders",
            new dev.tributary.operator.model.SinkBusy(2, 0.75, java.util.Optional.of(50.0))));
    metrics.scaled(cluster);
    var out = new ByteArrayOutputStream();
    new PrometheusTextFormatWriter(false).write(out, metrics.collect());
    String text = out.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(text)
        .contains(
            "tributary_autoscaling_recommended_workers{cluster=\"pipeline\",namespace=\"data\"} 3.0")
        .contains("tributary_autoscaling_workers{cluster=\"pipeline\",namespace=\"data\"} 1.0")
        .contains(
            "tributary_sink_lag_records{cluster=\"pipeline\",connector=\"orders\",namespace=\"data\"} 12000.0")
        .contains(
            "tributary_sink_records_in_per_second{cluster=\"pipeline\",connector=\"orders\",namespace=\"data\"} 200.0")
        .contains(
            "tributary_sink_recommended_tasks{cluster=\"pipeline\",connector=\"orders\",namespace=\"data\"} 5.0")
        .contains(
            "tributary_sink_task_records_per_second{cluster=\"pipeline\",connector=\"orders\",namespace=\"data\"} 50.0")
        .contains(
            "tributary_sink_task_busy_ratio{cluster=\"pipeline\",connector=\"orders\",namespace=\"data\"} 0.75")
        .contains("tributary_autoscaling_scales_total{cluster=\"pipeline\",namespace=\"data\"} 1.0")
        .contains(
            "tributary_source_backlog_records{cluster=\"pipeline\",connector=\"mirror\",namespace=\"data\"} 2500.0")
        .contains(
            "tributary_source_records_out_per_second{cluster=\"pipeline\",connector=\"mirror\",namespace=\"data\"} 50.0")
        .doesNotContain("tributary_sink_lag_records{cluster=\"pipeline\",connector=\"mirror\"");
    metrics.forget(cluster);
    out.reset();
    new PrometheusTextFormatWriter(false).write(out, metrics.collect());
    assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
        .doesNotContain("tributary_sink_lag_records{");
  }

  @Test
  void theOldestReconcileInProgressIsVisibleUntilItEnds() throws Exception {
    var watch = new ReconcileWatch(Metrics.NOOP, clock);
    var started = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    var executor = Executors.newSingleThreadExecutor();
    try {
      var running =
          executor.submit(
              () ->
                  watch.timeControllerExecution(
                      new Execution(
                          () -> {
                            started.countDown();
                            release.await();
                            return "done";
                          })));
      started.await();
      clock.advance(Duration.ofMinutes(7));

      assertThat(watch.oldestAge()).isEqualTo(Duration.ofMinutes(7));

      release.countDown();
      assertThat(running.get()).isEqualTo("done");
      assertThat(watch.oldestAge()).isZero();
      assertThatThrownBy(
              () ->
                  watch.timeControllerExecution(
                      new Execution(
                          () -> {
                            throw new IllegalStateException("boom");
                          })))
          .hasMessage("boom");
      assertThat(watch.oldestInProgress()).as("a failed reconcile is over too").isEmpty();
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void everyRestCallIsTimedPerClusterCallAndOutcomeAndAPollIsAlsoAPoll() {
    var registry = new SimpleMeterRegistry();
    var fake = new FakeConnectApi("http://pipeline-connect-api.data.svc:8083/");
    ConnectApi api = new TimedConnectClients(url -> fake, registry).forUrl(fake.baseUrl());

    api.connectorsExpanded();
    api.connectorsExpanded();
    fake.unreachable(true);
    assertThatThrownBy(api::connectorsExpanded).isInstanceOf(RuntimeException.class);

    assertThat(
            registry
                .get("tributary.connect.rest.requests")
                .tags("namespace", "data", "cluster", "pipeline", "call", "connectorsExpanded")
                .tag("outcome", "ok")
                .timer()
                .count())
        .isEqualTo(2);
    assertThat(registry.get("tributary.connect.poll").tag("outcome", "unreachable").timer().count())
        .isEqualTo(1);
    assertThat(TimedConnectClients.outcome(new ConnectRestException(409, "rebalance", null)))
        .isEqualTo("http_409");
    assertThat(TimedConnectClients.clusterOf("http://10.0.0.1:8083"))
        .containsExactly("", "10.0.0.1");
    assertThat(
            TimedConnectClients.clusterOf(
                "http://pipeline-connect-2.pipeline-connect-workers.data.svc:8083/"))
        .as("one worker's calls count for its cluster, not one series per pod")
        .containsExactly("data", "pipeline");
  }

  /** A reconcile as JOSDK hands it to its metrics. */
  record Execution(java.util.concurrent.Callable<String> body)
      implements Metrics.ControllerExecution<String> {
    @Override
    public String name() {
      return "reconcile";
    }

    @Override
    public String controllerName() {
      return "kafkaconnector";
    }

    @Override
    public String successTypeName(String result) {
      return "ok";
    }

    @Override
    public ResourceID resourceID() {
      return new ResourceID("orders", "data");
    }

    @Override
    public Map<String, Object> metadata() {
      return Map.of();
    }

    @Override
    public String execute() throws Exception {
      return body.call();
    }
  }
}
