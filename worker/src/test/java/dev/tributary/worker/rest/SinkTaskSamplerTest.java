package dev.tributary.worker.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Threads named as Connect names its task threads: one waiting in a real consumer's {@code poll},
 * one working; their records read registered as Connect registers them.
 */
class SinkTaskSamplerTest {

  @Test
  @SuppressWarnings("unchecked")
  void aTaskWaitingInItsConsumersPollIsIdleAndOneWorkingIsBusy() throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch polling = new CountDownLatch(1);
    KafkaConsumer<byte[], byte[]> consumer = consumer();
    Thread waiting =
        new Thread(
            () -> {
              consumer.subscribe(List.of("orders"));
              polling.countDown();
              try {
                while (!stop.get()) {
                  consumer.poll(Duration.ofSeconds(30));
                }
              } catch (WakeupException e) {
                // Closing.
              }
            },
            SinkTaskSampler.TASK_THREAD_PREFIX + "orders-sink-0");
    Thread working =
        new Thread(
            () -> {
              double x = 0;
              while (!stop.get()) {
                x += Math.sqrt(x + 1);
              }
            },
            SinkTaskSampler.TASK_THREAD_PREFIX + "orders-sink-1");
    try (Metrics metrics = connectMetrics()) {
      readSensor(metrics, "0");
      Sensor read1 = readSensor(metrics, "1");
      waiting.start();
      working.start();
      polling.await();
      SinkTaskSampler sampler =
          new SinkTaskSampler(
              ManagementFactory.getPlatformMBeanServer(), ManagementFactory.getThreadMXBean());
      for (int tick = 0; tick < 31; tick++) {
        read1.record(10);
        sampler.tick();
        Thread.sleep(10);
      }

      var tasks =
          (List<Map<String, Object>>)
              TaskLoadReport.of(
                      ManagementFactory.getPlatformMBeanServer(),
                      ManagementFactory.getOperatingSystemMXBean(),
                      sampler)
                  .get("tasks");

      assertThat(tasks)
          .anySatisfy(
              task -> {
                assertThat(task).containsEntry("connector", "orders-sink").containsEntry("task", 0);
                assertThat((Double) task.get("sampledBusyRatio")).isLessThan(0.2);
                assertThat((Double) task.get("sampledRecordsPerSecond")).isZero();
              });
      assertThat(tasks)
          .anySatisfy(
              task -> {
                assertThat(task).containsEntry("connector", "orders-sink").containsEntry("task", 1);
                assertThat((Double) task.get("sampledBusyRatio")).isGreaterThan(0.8);
                assertThat((Double) task.get("sampledRecordsPerSecond")).isPositive();
                assertThat((Double) task.get("sampledSeconds")).isPositive();
              });
    } finally {
      stop.set(true);
      consumer.wakeup();
      waiting.join();
      working.join();
      consumer.close(Duration.ZERO);
    }
  }

  private static KafkaConsumer<byte[], byte[]> consumer() {
    Properties config = new Properties();
    // Nothing listens there: poll waits, as a task's does for records.
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1");
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "connect-orders-sink");
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static Metrics connectMetrics() {
    return new Metrics(
        new MetricConfig(),
        List.of(new JmxReporter()),
        org.apache.kafka.common.utils.Time.SYSTEM,
        new KafkaMetricsContext("kafka.connect"));
  }

  private static Sensor readSensor(Metrics metrics, String task) {
    Sensor sensor = metrics.sensor("read-" + task);
    sensor.add(
        new MetricName(
            "sink-record-read-total",
            "sink-task-metrics",
            "",
            Map.of("connector", "orders-sink", "task", task)),
        new CumulativeSum());
    return sensor;
  }

  @Test
  void itTellsWhatTheSamplingCostsOnItsOwnThread() throws Exception {
    var sampler =
        new SinkTaskSampler(
            ManagementFactory.getPlatformMBeanServer(), ManagementFactory.getThreadMXBean());
    assertThat(sampler.cost()).as("nothing before it starts").isEmpty();
    try (var started = sampler.start()) {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while ((started.cost().isEmpty() || started.cost().get()[1] < 0.3)
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      double[] cost = started.cost().orElseThrow();
      assertThat(cost[0]).as("its thread's CPU seconds").isNotNegative();
      assertThat(cost[0]).as("at most its wall seconds on one thread").isLessThanOrEqualTo(cost[1]);
    }
  }
}
