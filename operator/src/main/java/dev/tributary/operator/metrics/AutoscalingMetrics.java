package dev.tributary.operator.metrics;

import dev.tributary.operator.model.AutoscalePlan.Recommendation;
import dev.tributary.operator.model.AutoscalePlan.SinkAdvice;
import dev.tributary.operator.model.ClusterNames;
import dev.tributary.operator.model.SinkBusy;
import dev.tributary.operator.model.SinkLoad;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * What the autoscaler measured and recommends, per cluster and per sink (and source with a backlog
 * to read), and how often it changed a cluster: read at scrape time from the last look at each
 * cluster.
 */
public final class AutoscalingMetrics implements MultiCollector {

  /** A sink as the last look measured it. */
  record SinkRow(
      Labels labels, SinkLoad load, SinkAdvice advice, Double ratePerTask, SinkBusy busy) {}

  private record ClusterRow(
      Labels labels, int workers, int recommendedWorkers, List<SinkRow> sinks) {}

  private final Map<ClusterNames, ClusterRow> clusters = new ConcurrentHashMap<>();
  private final Map<ClusterNames, Long> scales = new ConcurrentHashMap<>();

  /** The cluster's last look: its workers, the loads measured and the recommendation. */
  public void record(
      ClusterNames cluster,
      int workers,
      Recommendation recommendation,
      List<SinkLoad> loads,
      Map<String, Double> ratePerTask,
      Map<String, SinkBusy> busy) {
    Labels labels = Labels.of("namespace", cluster.namespace(), "cluster", cluster.cluster());
    List<SinkRow> sinks =
        loads.stream()
            .map(
                load ->
                    new SinkRow(
                        labels.add("connector", load.connector()),
                        load,
                        recommendation.sinks().get(load.connector()),
                        ratePerTask.get(load.connector()),
                        busy.get(load.connector())))
            .toList();
    clusters.put(cluster, new ClusterRow(labels, workers, recommendation.workers(), sinks));
  }

  /** The autoscaler changed the cluster. */
  public void scaled(ClusterNames cluster) {
    scales.merge(cluster, 1L, Long::sum);
  }

  public void forget(ClusterNames cluster) {
    clusters.remove(cluster);
  }

  @Override
  public MetricSnapshots collect() {
    var scaleCounts =
        CounterSnapshot.builder()
            .name("tributary_autoscaling_scales")
            .help(
                "Changes the autoscaler made to the cluster (workers and tasks together count once).");
    scales.forEach(
        (cluster, count) ->
            scaleCounts.dataPoint(
                CounterSnapshot.CounterDataPointSnapshot.builder()
                    .labels(
                        Labels.of("namespace", cluster.namespace(), "cluster", cluster.cluster()))
                    .value(count)
                    .build()));
    return new MetricSnapshots(
        clusterGauge(
            "tributary_autoscaling_recommended_workers",
            "Workers the autoscaler recommends for the sinks' load.",
            ClusterRow::recommendedWorkers),
        clusterGauge(
            "tributary_autoscaling_workers",
            "Workers the cluster's spec asks for.",
            ClusterRow::workers),
        sinkGauge(
            "tributary_sink_lag_records",
            "The sink's consumer-group lag: end offsets minus committed offsets.",
            row -> row.load().lag()),
        sinkGauge(
            "tributary_sink_records_in_per_second",
            "Records per second written to the sink's topics.",
            row -> row.load().inPerSecond()),
        sinkGauge(
            "tributary_sink_records_out_per_second",
            "Records per second the sink committed.",
            row -> row.load().outPerSecond()),
        sinkGauge("tributary_sink_tasks", "Tasks the sink runs.", row -> row.load().tasks()),
        sinkGauge(
            "tributary_sink_recommended_tasks",
            "Tasks the autoscaler recommends for the sink.",
            row -> row.advice() == null ? row.load().tasks() : row.advice().recommended()),
        sinkGauge(
            "tributary_sink_task_records_per_second",
            "Records per second one task can move, as the autoscaler plans: measured with a backlog"
                + " or projected from its busy time (-1: not yet).",
            row -> row.ratePerTask() == null ? -1 : row.ratePerTask()),
        sinkGauge(
            "tributary_sink_task_busy_ratio",
            "Share of time the sink's tasks spend in put, from Connect's task metrics (-1: unknown).",
            row -> row.busy() == null ? -1 : row.busy().busyRatio()),
        sourceGauge(
            "tributary_source_backlog_records",
            "Records the source's tasks report still to read upstream (spec.sourceBacklog).",
            row -> row.load().lag()),
        sourceGauge(
            "tributary_source_records_in_per_second",
            "Records per second arriving upstream: those polled plus the backlog's growth.",
            row -> row.load().inPerSecond()),
        sourceGauge(
            "tributary_source_records_out_per_second",
            "Records per second the source's tasks polled.",
            row -> row.load().outPerSecond()),
        sourceGauge("tributary_source_tasks", "Tasks the source runs.", row -> row.load().tasks()),
        sourceGauge(
            "tributary_source_recommended_tasks",
            "Tasks the autoscaler recommends for the source.",
            row -> row.advice() == null ? row.load().tasks() : row.advice().recommended()),
        sourceGauge(
            "tributary_source_task_records_per_second",
            "Records per second one task can poll, measured while the backlog lasted (-1: not yet).",
            row -> row.ratePerTask() == null ? -1 : row.ratePerTask()),
        scaleCounts.build());
  }

  private GaugeSnapshot clusterGauge(String name, String help, ToDoubleFunction<ClusterRow> value) {
    return Gauges.of(name, help, clusters.values(), ClusterRow::labels, value);
  }

  private GaugeSnapshot sinkGauge(String name, String help, ToDoubleFunction<SinkRow> value) {
    return rows(name, help, false, value);
  }

  private GaugeSnapshot sourceGauge(String name, String help, ToDoubleFunction<SinkRow> value) {
    return rows(name, help, true, value);
  }

  private GaugeSnapshot rows(
      String name, String help, boolean sources, ToDoubleFunction<SinkRow> value) {
    List<SinkRow> rows =
        clusters.values().stream()
            .flatMap(c -> c.sinks().stream())
            .filter(row -> row.load().liveBacklog() == sources)
            .toList();
    return Gauges.of(name, help, rows, SinkRow::labels, value);
  }
}
