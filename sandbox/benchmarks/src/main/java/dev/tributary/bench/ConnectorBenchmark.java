package dev.tributary.bench;

import dev.tributary.api.v1alpha1.ConnectState;
import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.operator.model.ClusterNames;
import dev.tributary.sandbox.Sandbox;
import dev.tributary.sandbox.SandboxPaths;
import dev.tributary.sandbox.apiserver.OperatorHarness;
import dev.tributary.sandbox.apiserver.RestCallCounter;
import dev.tributary.sandbox.process.KafkaBroker;
import dev.tributary.sandbox.process.LocalWorker;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The KafkaConnector reconciler against a real worker: REST calls per steady-state poll with 50
 * connectors, time from a KafkaConnector edit to Connect holding the new config, and time from a
 * task failing in Connect to the KafkaConnector status saying so.
 */
public final class ConnectorBenchmark {

  static final String NS = "bench";
  static final int CONNECTORS = Integer.getInteger("bench.connectors", 50);
  static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
  static final HttpClient HTTP = HttpClient.newHttpClient();

  public static void main(String[] args) throws Exception {
    var paths = SandboxPaths.fromSystemProperties("target/bench");
    Path repo = paths.repo();
    Path workerHome = paths.workerHome();
    String classpath = paths.runtimeClasspath();
    Path dir = paths.dir().resolve("connectors");
    Duration pollInterval = Duration.ofMillis(Long.getLong("bench.poll.millis", 2000));
    String address = "127.0.3.77";
    var counter = new RestCallCounter();

    try (var kafka = KafkaBroker.start(dir.resolve("kafka"), classpath);
        var worker =
            LocalWorker.start(
                    workerHome,
                    dir.resolve("worker"),
                    "distributed",
                    new HashMap<>(
                        LocalWorker.distributedProperties(
                            kafka.bootstrapServers(), "bench", address, 8083)),
                    List.of(),
                    Map.of())
                .awaitHealthy(Duration.ofSeconds(120));
        var harness = OperatorHarness.start(repo, dir, pollInterval, counter)) {
      harness.mapHost(new ClusterNames("pipeline", NS).apiHost(), address);
      KubernetesClient client = harness.client();
      client
          .resource(
              Serialization.unmarshal(
                  "apiVersion: tributary.dev/v1alpha1\nkind: KafkaConnect\nmetadata: {name: pipeline, namespace: bench}\n"
                      + "spec: {replicas: 1, bootstrapServers: 'kafka:9092'}\n",
                  KafkaConnect.class))
          .create();
      waitFor(
          Duration.ofSeconds(60),
          () ->
              client.apps().statefulSets().inNamespace(NS).withName("pipeline-connect").get()
                  != null);
      harness.markWorkersReady(NS, "pipeline", 1);
      waitFor(
          Duration.ofSeconds(60),
          () ->
              Sandbox.isReady(
                  harness.kafkaConnect(NS, "pipeline").getStatus() == null
                      ? null
                      : harness.kafkaConnect(NS, "pipeline").getStatus().conditions));

      for (int i = 0; i < CONNECTORS; i++) {
        client
            .resource(
                source("steady-" + i, dir.resolve("in-" + i + ".txt").toString(), "steady-" + i))
            .create();
      }
      waitFor(Duration.ofMinutes(5), () -> allReady(client));
      Thread.sleep(5000);
      counter.reset();
      Thread.sleep(30_000);
      long polls = counter.polls();
      long total = counter.total();
      System.out.printf(
          Locale.ROOT,
          "[bench] steady state, %d connectors, 30 s: %d polls, %d REST calls in all (%.2f per poll): %s%n",
          CONNECTORS,
          polls,
          total,
          (double) total / polls,
          counter.snapshot());

      URI rest = worker.restUrl();
      List<Double> editLatencies = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        String topic = "edited-" + round;
        long start = System.nanoTime();
        editWithRetry(client, "steady-0", topic);
        waitFor(
            Duration.ofSeconds(60),
            () -> body(rest.resolve("connectors/steady-0/config")).contains("\"" + topic + "\""));
        editLatencies.add((System.nanoTime() - start) / 1e9);
      }

      List<Double> failureLatencies = new ArrayList<>();
      try (var producer =
          new KafkaProducer<String, String>(
              Map.of("bootstrap.servers", kafka.bootstrapServers()),
              new StringSerializer(),
              new StringSerializer())) {
        for (int round = 0; round < ROUNDS; round++) {
          String name = "fragile-" + round;
          client
              .resource(
                  fragileSink(
                      name, "fragile-topic-" + round, dir.resolve(name + ".out").toString()))
              .create();
          waitFor(Duration.ofSeconds(60), () -> connectorReady(client, name));
          long start = System.nanoTime();
          producer.send(new ProducerRecord<>("fragile-topic-" + round, "not-a-number")).get();
          waitFor(
              Duration.ofSeconds(60),
              () -> {
                KafkaConnector c =
                    client.resources(KafkaConnector.class).inNamespace(NS).withName(name).get();
                return c.getStatus() != null
                    && c.getStatus().tasks != null
                    && c.getStatus().tasks.stream().anyMatch(t -> t.state == ConnectState.FAILED);
              });
          failureLatencies.add((System.nanoTime() - start) / 1e9);
        }
      }
      System.out.printf(
          Locale.ROOT,
          "[bench] KafkaConnector edit -> config in Connect (s): %s, median %.2f%n",
          editLatencies,
          median(editLatencies));
      System.out.printf(
          Locale.ROOT,
          "[bench] task fails in Connect -> FAILED in status (s): %s, median %.2f%n",
          failureLatencies,
          median(failureLatencies));
      System.out.printf(
          Locale.ROOT,
          "%n| measure | result |%n| --- | --- |%n| REST calls per steady-state poll, 1 cluster x %d connectors | %.2f (%d calls / %d polls in 30 s) |%n"
              + "| KafkaConnector edit -> new config in Connect (median of %d) | %.2f s |%n| task failure -> FAILED in status (median of %d) | %.2f s |%n",
          CONNECTORS,
          (double) total / polls,
          total,
          polls,
          ROUNDS,
          median(editLatencies),
          ROUNDS,
          median(failureLatencies));
    }
  }

  /** The operator patches status concurrently; a stale edit is retried, as kubectl edit would. */
  static void editWithRetry(KubernetesClient client, String name, String topic)
      throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        client
            .resources(KafkaConnector.class)
            .inNamespace(NS)
            .withName(name)
            .edit(
                c -> {
                  c.getSpec().config.put("topic", topic);
                  return c;
                });
        return;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        System.out.println(
            "[bench] edit attempt "
                + attempt
                + ": "
                + e.getCode()
                + " "
                + e.getMessage().substring(0, 120));
        if (e.getCode() != 409 || attempt == 10) {
          throw e;
        }
        Thread.sleep(10);
      }
    }
  }

  static KafkaConnector source(String name, String file, String topic) {
    return Serialization.unmarshal(
        "apiVersion: tributary.dev/v1alpha1\nkind: KafkaConnector\nmetadata: {name: "
            + name
            + ", namespace: bench}\n"
            + "spec:\n  clusterRef: {name: pipeline}\n  class: org.apache.kafka.connect.file.FileStreamSourceConnector\n"
            + "  config: {file: '"
            + file
            + "', topic: "
            + topic
            + "}\n",
        KafkaConnector.class);
  }

  /** A sink whose Cast transform fails the task on the first record that is not a number. */
  static KafkaConnector fragileSink(String name, String topic, String file) {
    return Serialization.unmarshal(
        "apiVersion: tributary.dev/v1alpha1\nkind: KafkaConnector\nmetadata: {name: "
            + name
            + ", namespace: bench}\n"
            + "spec:\n  clusterRef: {name: pipeline}\n  class: org.apache.kafka.connect.file.FileStreamSinkConnector\n"
            + "  autoRestart: {enabled: false}\n"
            + "  config: {topics: "
            + topic
            + ", file: '"
            + file
            + "', transforms: cast,"
            + " transforms.cast.type: org.apache.kafka.connect.transforms.Cast$Value, transforms.cast.spec: int32}\n",
        KafkaConnector.class);
  }

  static boolean allReady(KubernetesClient client) {
    return client.resources(KafkaConnector.class).inNamespace(NS).list().getItems().stream()
        .allMatch(c -> c.getStatus() != null && Sandbox.isReady(c.getStatus().conditions));
  }

  static boolean connectorReady(KubernetesClient client, String name) {
    KafkaConnector c = client.resources(KafkaConnector.class).inNamespace(NS).withName(name).get();
    return c.getStatus() != null && Sandbox.isReady(c.getStatus().conditions);
  }

  static String body(URI uri) {
    try {
      return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (Exception e) {
      return "";
    }
  }

  static void waitFor(Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after " + timeout);
      }
      Thread.sleep(20);
    }
  }

  static double median(List<Double> values) {
    var sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
