package dev.tributary.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.sandbox.process.PluginServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * spec.exactlyOnceSource on real workers: the two-phase roll Connect requires, and what a worker
 * killed with SIGKILL under steady load costs a sequence-numbered source with and without it
 * (records lost, records written twice), read as a read_committed consumer reads them.
 */
@ExtendWith(SharedKafka.class)
class ExactlyOnceIT {

  static final String NS = Sandbox.NAMESPACE;
  static final Duration WITHIN = Duration.ofSeconds(180);

  /** What one run cost: sequence numbers missing, and written more than once. */
  record Cost(long records, long lost, long duplicated) {}

  Sandbox sandbox;
  Path dir;

  @BeforeEach
  void start() throws Exception {
    dir = TestPaths.freshDir("exactly-once");
    sandbox = Sandbox.start(TestPaths.repo(), TestPaths.workerHome(), dir, SharedKafka.broker());
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void withExactlyOnceAKilledWorkerCostsNoRecordAndWritesNoneTwice() throws Exception {
    try (var plugins = new PluginServer(TestPaths.loadPlugin())) {
      Cost without = run(plugins, false);
      Cost with = run(plugins, true);
      System.out.printf(
          "exactly-once benchmark (SIGKILL of the worker running the source task, 200 records/s):"
              + "%n  without: %d records, %d lost, %d duplicated%n"
              + "  with:    %d records, %d lost, %d duplicated%n",
          without.records(),
          without.lost(),
          without.duplicated(),
          with.records(),
          with.lost(),
          with.duplicated());
      assertThat(without.lost()).as("at-least-once loses nothing either").isZero();
      assertThat(with.lost()).isZero();
      assertThat(with.duplicated()).isZero();
    }
  }

  Cost run(PluginServer plugins, boolean exactlyOnce) throws Exception {
    String name = exactlyOnce ? "eos" : "alo";
    String topic = name + "-" + System.nanoTime();
    try (var admin = sandbox.kafka().admin()) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
    String clusterYaml =
        """
        apiVersion: tributary.dev/v1alpha1
        kind: KafkaConnect
        metadata: {name: %s}
        spec:
          replicas: 2
          groupId: %s
          bootstrapServers: my-cluster-kafka-bootstrap:9092
          exactlyOnceSource: false
          plugins:
            - name: load
              artifacts: [{type: url, url: '%s', sha512: %s}]
        """
            .formatted(name, topic, plugins.url(), plugins.sha512());
    sandbox.apply(clusterYaml);
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .until(() -> Sandbox.isReady(cluster(name).getStatus().conditions));
    if (exactlyOnce) {
      // Turned on for a running cluster: preparing on every worker, then enabled.
      sandbox.apply(clusterYaml.replace("exactlyOnceSource: false", "exactlyOnceSource: true"));
      await()
          .atMost(WITHIN)
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                var status = cluster(name).getStatus();
                assertThat(status.exactlyOnceSource).isEqualTo("enabled");
                assertThat(Sandbox.isReady(status.conditions)).isTrue();
              });
      assertThat(
              sandbox.client().v1().events().inNamespace(NS).list().getItems().stream()
                  .filter(e -> name.equals(e.getInvolvedObject().getName()))
                  .filter(e -> "WorkerReplaced".equals(e.getReason()))
                  // the same pod replaced again is counted on its first Event
                  .mapToInt(e -> e.getCount() == null ? 1 : e.getCount())
                  .sum())
          .as("preparing, then enabled: two rolls, each replacing both workers")
          .isEqualTo(4);
    }
    sandbox.apply(
        """
        apiVersion: tributary.dev/v1alpha1
        kind: KafkaConnector
        metadata: {name: %s-sequence}
        spec:
          clusterRef: {name: %s}
          class: dev.tributary.load.SequenceSourceConnector
          tasksMax: 1
          config:
            topic: %s
            records.per.second: "200"
            origin.start.ms: "%d"
            value.converter: org.apache.kafka.connect.storage.StringConverter
            exactly.once.support: %s
        """
            .formatted(
                name,
                name,
                topic,
                System.currentTimeMillis(),
                exactlyOnce ? "required" : "requested"));
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .until(() -> Sandbox.isReady(connector(name + "-sequence").getStatus().conditions));
    Thread.sleep(8_000);
    String worker = connector(name + "-sequence").getStatus().tasks.get(0).workerId;
    String pod = worker.substring(0, worker.indexOf('.'));
    sandbox.cluster().killContainer(NS, pod);
    Thread.sleep(2_000);
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .until(
            () ->
                Sandbox.isReady(connector(name + "-sequence").getStatus().conditions)
                    && Sandbox.isReady(cluster(name).getStatus().conditions));
    Thread.sleep(8_000);
    sandbox
        .client()
        .resources(KafkaConnector.class)
        .inNamespace(NS)
        .withName(name + "-sequence")
        .delete();
    Thread.sleep(3_000);
    return cost(topic);
  }

  /** Reads the topic as a read_committed consumer and counts gaps and repeats in the sequence. */
  Cost cost(String topic) throws Exception {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.broker().bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    long records = 0;
    long max = -1;
    Set<Long> seen = new HashSet<>();
    long duplicated = 0;
    try (var consumer = new KafkaConsumer<String, String>(props)) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      while (consumer.position(partition) < end) {
        for (var record : consumer.poll(Duration.ofSeconds(1))) {
          long seq = Long.parseLong(record.value().split(" ")[1]);
          records++;
          max = Math.max(max, seq);
          if (!seen.add(seq)) {
            duplicated++;
          }
        }
      }
    }
    return new Cost(records, (max + 1) - seen.size(), duplicated);
  }

  KafkaConnect cluster(String name) {
    return sandbox.client().resources(KafkaConnect.class).inNamespace(NS).withName(name).get();
  }

  KafkaConnector connector(String name) {
    return sandbox.client().resources(KafkaConnector.class).inNamespace(NS).withName(name).get();
  }
}
