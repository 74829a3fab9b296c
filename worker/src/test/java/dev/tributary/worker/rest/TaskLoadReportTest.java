package dev.tributary.worker.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Rate;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.Test;

/** Metrics registered the way Connect's runtime registers them, read back through JMX. */
class TaskLoadReportTest {

  @Test
  @SuppressWarnings("unchecked")
  void aSinkTasksBatchesAndRateComeFromConnectsTaskMetrics() throws Exception {
    JmxReporter reporter = new JmxReporter();
    try (Metrics metrics =
        new Metrics(
            new MetricConfig(),
            List.of(reporter),
            Time.SYSTEM,
            new KafkaMetricsContext("kafka.connect"))) {
      // A connector name JMX must quote, as users' names can be.
      Map<String, String> tags = Map.of("connector", "orders:v2", "task", "3");
      Sensor put = metrics.sensor("put");
      put.add(new MetricName("put-batch-avg-time-ms", "sink-task-metrics", "", tags), new Avg());
      Sensor sent = metrics.sensor("sent");
      sent.add(new MetricName("sink-record-send-rate", "sink-task-metrics", "", tags), new Rate());
      Sensor batch = metrics.sensor("batch");
      batch.add(new MetricName("batch-size-avg", "connector-task-metrics", "", tags), new Avg());
      // An idle source task: its metrics have no samples yet.
      Sensor poll = metrics.sensor("poll");
      poll.add(
          new MetricName(
              "poll-batch-avg-time-ms",
              "source-task-metrics",
              "",
              Map.of("connector", "events", "task", "0")),
          new Avg());
      Sensor polled = metrics.sensor("polled");
      polled.add(
          new MetricName(
              "source-record-poll-total",
              "source-task-metrics",
              "",
              Map.of("connector", "mirror", "task", "1")),
          new CumulativeSum());
      polled.record(120);
      polled.record(30);
      for (int i = 0; i < 10; i++) {
        put.record(400);
        batch.record(50);
        sent.record(50);
      }

      var report =
          TaskLoadReport.of(
              ManagementFactory.getPlatformMBeanServer(),
              ManagementFactory.getOperatingSystemMXBean(),
              new SinkTaskSampler(
                  ManagementFactory.getPlatformMBeanServer(), ManagementFactory.getThreadMXBean()));

      var tasks = (List<Map<String, Object>>) report.get("tasks");
      assertThat(tasks)
          .anySatisfy(
              task -> {
                assertThat(task)
                    .containsEntry("connector", "orders:v2")
                    .containsEntry("task", 3)
                    .containsEntry("type", "sink")
                    .containsEntry("batchAvgTimeMs", 400.0)
                    .containsEntry("batchSizeAvg", 50.0);
                assertThat((Double) task.get("recordsPerSecond")).isPositive();
              });
      assertThat(tasks)
          .anySatisfy(
              task ->
                  assertThat(task)
                      .containsEntry("connector", "events")
                      .containsEntry("type", "source")
                      .doesNotContainKeys("batchAvgTimeMs", "recordsPerSecond", "batchSizeAvg"));
      // A source's records polled so far: the operator's window, not Connect's, makes the rate.
      assertThat(tasks)
          .anySatisfy(
              task ->
                  assertThat(task)
                      .containsEntry("connector", "mirror")
                      .containsEntry("type", "source")
                      .containsEntry("recordsTotal", 150.0));
      assertThat((Integer) report.get("processors")).isPositive();
    }
  }
}
