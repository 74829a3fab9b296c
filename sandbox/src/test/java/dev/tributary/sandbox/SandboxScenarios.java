package dev.tributary.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.sandbox.process.Records;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the end-to-end scenarios share: a leak-scanned sandbox on the shared broker per test, the
 * examples pointed at the test's own files and topic, and the waits they need.
 */
@ExtendWith(SharedKafka.class)
abstract class SandboxScenarios {

  static final String NS = Sandbox.NAMESPACE;
  static final Duration WITHIN = Duration.ofSeconds(120);

  ScannedSandbox scanned;
  Sandbox sandbox;
  Path dir;
  Path input;
  Path output;
  final List<String> sent = new ArrayList<>();
  final String topic = "sandbox-lines-" + System.nanoTime();

  @BeforeEach
  void start() throws Exception {
    scanned = ScannedSandbox.start("sandbox");
    sandbox = scanned.sandbox();
    dir = scanned.dir();
    input = dir.resolve("in.txt");
    output = dir.resolve("out.txt");
    Files.createFile(input);
  }

  /** Whatever a test did, no credential shows anywhere a user, a log or Connect could show it. */
  @AfterEach
  void stop() throws Exception {
    scanned.close();
  }

  String example(String file) throws Exception {
    return Examples.example(file, input, output, topic);
  }

  KafkaConnect cluster() {
    return sandbox
        .client()
        .resources(KafkaConnect.class)
        .inNamespace(NS)
        .withName("pipeline")
        .get();
  }

  boolean clusterReadyWith(int workers) {
    KafkaConnect c = cluster();
    return c != null
        && c.getStatus() != null
        && Sandbox.isReady(c.getStatus().conditions)
        && c.getStatus().readyReplicas != null
        && c.getStatus().readyReplicas == workers;
  }

  void send(int from, int to) throws Exception {
    List<String> lines = Records.numbered("record-", from, to);
    sent.addAll(lines);
    Records.appendLines(input, lines);
  }

  /** Every line sent so far has arrived, unwrapped by the sink's ExtractField. */
  void awaitDelivered() {
    await()
        .atMost(WITHIN)
        .untilAsserted(() -> assertThat(Records.linesOf(output)).containsAll(sent));
  }

  void awaitClusterReady(String name) {
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .until(
            () ->
                Sandbox.isReady(
                    sandbox
                        .client()
                        .resources(KafkaConnect.class)
                        .inNamespace(NS)
                        .withName(name)
                        .get()
                        .getStatus()
                        .conditions));
  }

  /** The Ready condition among {@code conditions}. */
  static io.fabric8.kubernetes.api.model.Condition readyOf(
      List<io.fabric8.kubernetes.api.model.Condition> conditions) {
    return conditions.stream().filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow();
  }

  /**
   * Waits until a KafkaConnector is not Ready for {@code reason}, its message holding {@code says}.
   */
  void awaitRefused(
      java.util.function.Supplier<KafkaConnector> connector, String reason, String says) {
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              var ready = readyOf(connector.get().getStatus().conditions);
              assertThat(ready.getReason()).isEqualTo(reason);
              assertThat(ready.getMessage()).contains(says);
            });
  }

  KafkaConnector connector(String name) {
    return sandbox.client().resources(KafkaConnector.class).inNamespace(NS).withName(name).get();
  }

  List<String> eventReasonsAbout(String name) {
    return sandbox.client().v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .map(io.fabric8.kubernetes.api.model.Event::getReason)
        .toList();
  }

  List<Pod> pods() {
    return sandbox.client().pods().inNamespace(NS).list().getItems();
  }

  void putSecret(String name, String key, String value) {
    scanned.credentials();
    Sandbox.putSecret(sandbox.client(), name, Map.of(key, value));
  }
}
