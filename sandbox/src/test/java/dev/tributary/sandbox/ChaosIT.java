package dev.tributary.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.api.Tributary;
import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.sandbox.process.Records;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Faults while records flow, on the quick start's pipeline: the operator restarted in the middle of
 * reconciles, a worker killed with SIGKILL, the broker restarted. After each, every resource is
 * Ready again, no record is lost, and no connector exists twice. The time to Ready after each fault
 * is printed (what docs/benchmarks/chaos.md reports).
 */
@ExtendWith(SharedKafka.class)
class ChaosIT {

  static final String NS = Sandbox.NAMESPACE;
  static final Duration WITHIN = Duration.ofSeconds(180);

  Sandbox sandbox;
  Path input;
  Path output;
  final List<String> sent = new ArrayList<>();
  final Map<String, Duration> timeToReady = new LinkedHashMap<>();
  int next = 1;

  @BeforeEach
  void start() throws Exception {
    Path dir = TestPaths.freshDir("chaos");
    input = dir.resolve("in.txt");
    output = dir.resolve("out.txt");
    Files.createFile(input);
    sandbox = Sandbox.start(TestPaths.repo(), TestPaths.workerHome(), dir, SharedKafka.broker());
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  String example(String file) throws Exception {
    return Examples.example(file, input, output, "chaos-lines");
  }

  /** Ten more lines into the source file. */
  void send() throws Exception {
    List<String> lines = Records.numbered("chaos-", next, next + 9);
    next += 10;
    sent.addAll(lines);
    Records.appendLines(input, lines);
  }

  boolean everythingReady() {
    KafkaConnect cluster =
        sandbox.client().resources(KafkaConnect.class).inNamespace(NS).withName("pipeline").get();
    if (cluster == null
        || cluster.getStatus() == null
        || !Sandbox.isReady(cluster.getStatus().conditions)) {
      return false;
    }
    List<KafkaConnector> connectors =
        sandbox.client().resources(KafkaConnector.class).inNamespace(NS).list().getItems();
    return connectors.size() == 2
        && connectors.stream()
            .allMatch(c -> c.getStatus() != null && Sandbox.isReady(c.getStatus().conditions));
  }

  /** Waits until everything is Ready and every line sent has arrived; notes how long it took. */
  void recover(String fault, long since) throws Exception {
    send();
    await().atMost(WITHIN).until(this::everythingReady);
    await()
        .atMost(WITHIN)
        .untilAsserted(() -> assertThat(Records.linesOf(output)).containsAll(sent));
    timeToReady.put(fault, Duration.ofMillis(System.currentTimeMillis() - since));
  }

  List<String> connectorsInConnect() throws Exception {
    String address = sandbox.cluster().podAddresses().get(NS + "/pipeline-connect-0");
    List<String> names = new ArrayList<>();
    ConnectRest.get(URI.create("http://" + address + ":8083/"), "connectors")
        .forEach(n -> names.add(n.asText()));
    return names;
  }

  @Test
  void faultsWhileRecordsFlowLoseNothingAndEverythingIsReadyAgain() throws Exception {
    sandbox.apply(example("kafka-connect.yaml"));
    sandbox.apply(example("file-source-connector.yaml"));
    sandbox.apply(example("file-sink-connector.yaml"));
    recover("start", System.currentTimeMillis());

    // The operator restarted while it acts: right after restart requests land, three times.
    for (int round = 1; round <= 3; round++) {
      long since = System.currentTimeMillis();
      for (String connector : List.of("file-source", "file-sink")) {
        sandbox
            .client()
            .resources(KafkaConnector.class)
            .inNamespace(NS)
            .withName(connector)
            .edit(
                c -> {
                  if (c.getMetadata().getAnnotations() == null) {
                    c.getMetadata().setAnnotations(new java.util.HashMap<>());
                  }
                  c.getMetadata().getAnnotations().put(Tributary.ANNOTATION_RESTART, "true");
                  return c;
                });
      }
      sandbox.harness().restartOperator();
      recover("operator restarted mid-reconcile (" + round + ")", since);
      await()
          .atMost(WITHIN)
          .until(
              () ->
                  sandbox
                      .client()
                      .resources(KafkaConnector.class)
                      .inNamespace(NS)
                      .list()
                      .getItems()
                      .stream()
                      .noneMatch(
                          c ->
                              c.getMetadata().getAnnotations() != null
                                  && c.getMetadata()
                                      .getAnnotations()
                                      .containsKey(Tributary.ANNOTATION_RESTART)));
    }

    // A worker killed with SIGKILL: the kubelet restarts it; its tasks move and come back.
    long killed = System.currentTimeMillis();
    sandbox.cluster().killContainer(NS, "pipeline-connect-1");
    recover("worker SIGKILL", killed);

    // The broker restarted: workers and connectors reconnect.
    long restarted = System.currentTimeMillis();
    sandbox.kafka().restart();
    recover("broker restart", restarted);

    assertThat(connectorsInConnect())
        .as("no connector created twice")
        .containsExactlyInAnyOrder("file-source", "file-sink");
    List<String> received = Records.linesOf(output);
    assertThat(received).as("nothing lost").containsAll(sent);
    System.out.println(
        "ChaosIT: "
            + sent.size()
            + " records sent, "
            + received.size()
            + " received ("
            + (received.size() - new HashSet<>(received).size())
            + " duplicates); time to Ready after each fault: "
            + timeToReady);
  }
}
