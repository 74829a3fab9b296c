package dev.tributary.worker.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.stats.Value;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.Test;

/**
 * A backlog summed from per-partition MBeans registered as a Kafka consumer registers them, with
 * the client id MirrorMaker 2 gives its replication consumers (JMX quotes it).
 */
class MBeanSumTest {

  private static final String GROUP = "consumer-fetch-manager-metrics";

  @Test
  void sumsOneAttributeOverTheMBeansOfTheTasksAskedForEachOnce() {
    try (Metrics metrics =
        new Metrics(
            new MetricConfig(),
            List.of(new JmxReporter()),
            Time.SYSTEM,
            new KafkaMetricsContext("kafka.consumer"))) {
      lag(metrics, "a->b|mirror-0|replication-consumer", 0, 300);
      lag(metrics, "a->b|mirror-0|replication-consumer", 1, 200);
      lag(metrics, "a->b|mirror-1|replication-consumer", 2, 40);
      lag(metrics, "a->b|mirror-2|replication-consumer", 3, 7000);
      lag(metrics, "a->b|other-0|replication-consumer", 0, 9000);

      var sum =
          MBeanSum.of(
              ManagementFactory.getPlatformMBeanServer(),
              List.of(pattern("mirror-0"), pattern("mirror-1"), pattern("mirror-0")),
              "records-lag");

      assertThat(sum).containsEntry("mbeans", 3).containsEntry("total", 540.0);
    }
  }

  @Test
  void aPatternThatIsNotAnObjectNameIsRefusedNamingIt() {
    assertThatThrownBy(
            () ->
                MBeanSum.of(ManagementFactory.getPlatformMBeanServer(), List.of("no-domain"), "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mbean 'no-domain' is not an ObjectName pattern");
  }

  private static String pattern(String task) {
    return "kafka.consumer:type=" + GROUP + ",client-id=\"*|" + task + "|replication-consumer\",*";
  }

  private static void lag(Metrics metrics, String clientId, int partition, double records) {
    var sensor = metrics.sensor(clientId + partition);
    sensor.add(
        new MetricName(
            "records-lag",
            GROUP,
            "",
            Map.of("client-id", clientId, "topic", "orders", "partition", "" + partition)),
        new Value());
    sensor.record(records);
  }
}
