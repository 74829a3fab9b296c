package dev.tributary.operator.metrics;

import dev.tributary.api.v1alpha1.ConnectState;
import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.api.v1alpha1.KafkaConnectorStatus;
import dev.tributary.operator.model.ClusterNames;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Per KafkaConnector, what the operator last worked out: desired and observed state, tasks running,
 * failed and orphaned, automatic restarts, and the time since Connect last answered for it. Read at
 * scrape time from one row per connector, so 10,000 connectors are 10,000 small records, not tens
 * of thousands of meters.
 */
public final class ConnectorMetrics implements MultiCollector {

  /** What one connector's metrics say. */
  record Row(
      Labels labels,
      String desired,
      String observed,
      int running,
      int failed,
      int orphaned,
      int restarts,
      Instant lastObserved) {}

  private final Map<String, Row> rows = new ConcurrentHashMap<>();
  private final Clock clock;

  public ConnectorMetrics(Clock clock) {
    this.clock = clock;
  }

  /** The connector's new status, as the reconciler is about to write it. */
  public void record(KafkaConnector cr, KafkaConnectorStatus status) {
    String key = key(cr);
    Row previous = rows.get(key);
    boolean answered = status.connectorState != null;
    List<ConnectState> tasks =
        status.tasks == null ? List.of() : status.tasks.stream().map(t -> t.state).toList();
    rows.put(
        key,
        new Row(
            Labels.of(
                "namespace", cr.getMetadata().getNamespace(),
                "connector", cr.getMetadata().getName(),
                "cluster", ClusterNames.referencedBy(cr).cluster()),
            cr.getSpec() == null || cr.getSpec().state == null
                ? "running"
                : cr.getSpec().state.name().toLowerCase(Locale.ROOT),
            answered ? status.connectorState.name().toLowerCase(Locale.ROOT) : "unknown",
            (int) tasks.stream().filter(s -> s == ConnectState.RUNNING).count(),
            (int) tasks.stream().filter(s -> s == ConnectState.FAILED).count(),
            (int) tasks.stream().filter(s -> s == ConnectState.ORPHANED).count(),
            status.autoRestart == null || status.autoRestart.count == null
                ? 0
                : status.autoRestart.count,
            answered ? clock.instant() : previous == null ? null : previous.lastObserved()));
  }

  /** The connector is gone: its series go too. */
  public void forget(KafkaConnector cr) {
    rows.remove(key(cr));
  }

  private static String key(KafkaConnector cr) {
    return cr.getMetadata().getNamespace() + "/" + cr.getMetadata().getName();
  }

  @Override
  public MetricSnapshots collect() {
    Instant now = clock.instant();
    return new MetricSnapshots(
        state(
            "tributary_connector_desired_state",
            "The state the KafkaConnector asks for.",
            Row::desired),
        state(
            "tributary_connector_observed_state",
            "The connector's state as Connect last reported it (unknown: not seen yet).",
            Row::observed),
        gauge(
            "tributary_connector_tasks_running",
            "Tasks Connect reports RUNNING on a live worker.",
            Row::running),
        gauge("tributary_connector_tasks_failed", "Tasks Connect reports FAILED.", Row::failed),
        gauge(
            "tributary_connector_tasks_orphaned",
            "Tasks Connect reports RUNNING on a worker whose pod is gone.",
            Row::orphaned),
        gauge(
            "tributary_connector_auto_restarts",
            "Automatic restarts since the connector last ran cleanly.",
            Row::restarts),
        gauge(
            "tributary_connector_seconds_since_observed",
            "Seconds since Connect last answered for this connector (-1: never).",
            row ->
                row.lastObserved() == null
                    ? -1
                    : Duration.between(row.lastObserved(), now).toMillis() / 1000.0));
  }

  private GaugeSnapshot gauge(String name, String help, ToDoubleFunction<Row> value) {
    return Gauges.of(name, help, rows.values(), Row::labels, value);
  }

  /** One series per connector, its state a label, the value 1. */
  private GaugeSnapshot state(
      String name, String help, java.util.function.Function<Row, String> state) {
    return Gauges.of(
        name, help, rows.values(), row -> row.labels().add("state", state.apply(row)), row -> 1);
  }
}
