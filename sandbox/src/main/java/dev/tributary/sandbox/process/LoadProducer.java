package dev.tributary.sandbox.process;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Numbered records ({@code rec-<n>}) spread round-robin over a topic's partitions at a rate that
 * may change, on a thread of their own until closed: the load of the autoscaling test and
 * benchmark.
 */
public final class LoadProducer implements AutoCloseable {

  private final AtomicInteger rate;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong sent = new AtomicLong();
  private final Thread thread;

  private LoadProducer(String bootstrapServers, String topic, int partitions, int perSecond) {
    this.rate = new AtomicInteger(perSecond);
    this.thread = new Thread(() -> produce(bootstrapServers, topic, partitions), "load-producer");
    thread.start();
  }

  public static LoadProducer start(
      String bootstrapServers, String topic, int partitions, int perSecond) {
    return new LoadProducer(bootstrapServers, topic, partitions, perSecond);
  }

  public void rate(int perSecond) {
    rate.set(perSecond);
  }

  /** Records handed to the producer so far; all of them are written once it is closed. */
  public long sent() {
    return sent.get();
  }

  /** Stops producing and waits until every record sent is written. */
  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join();
  }

  private void produce(String bootstrapServers, String topic, int partitions) {
    var settings =
        Map.<String, Object>of(
            "bootstrap.servers",
            bootstrapServers,
            "key.serializer",
            StringSerializer.class.getName(),
            "value.serializer",
            StringSerializer.class.getName(),
            "linger.ms",
            "5");
    try (var producer = new KafkaProducer<String, String>(settings)) {
      long last = System.nanoTime();
      double due = 0;
      while (running.get()) {
        long now = System.nanoTime();
        due += (now - last) / 1e9 * rate.get();
        last = now;
        while (due >= 1) {
          long n = sent.getAndIncrement();
          producer.send(new ProducerRecord<>(topic, (int) (n % partitions), null, "rec-" + n));
          due -= 1;
        }
        Thread.sleep(10);
      }
      producer.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A consumer group's lag on a topic: end offsets minus committed offsets, over every partition.
   */
  public static long lag(Admin admin, String topic, int partitions, String group)
      throws InterruptedException, ExecutionException {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    long end = 0;
    for (var info : admin.listOffsets(latest).all().get().values()) {
      end += info.offset();
    }
    long committed = 0;
    for (var offset :
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().values()) {
      committed += offset == null ? 0 : offset.offset();
    }
    return Math.max(0, end - committed);
  }
}
