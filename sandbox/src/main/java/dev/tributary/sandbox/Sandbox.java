package dev.tributary.sandbox;

import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.api.v1alpha1.KafkaConnector;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The whole system on one machine: a KRaft broker, the Kubernetes API stand-in, the operator, the
 * StatefulSet controller and kubelet stand-ins running worker processes, and the quick-start
 * examples moving data, until Ctrl-C.
 */
public final class Sandbox implements AutoCloseable {

  public static final String NAMESPACE = "sandbox";
  public static final String BROKER_ALIAS = "my-cluster-kafka-bootstrap";
  public static final String BROKER_ADDRESS = "127.0.2.1";
  public static final int BROKER_PORT = 9092;
  public static final List<String> QUICK_START =
      List.of("kafka-connect.yaml", "file-source-connector.yaml", "file-sink-connector.yaml");

  private final KafkaBroker kafka;
  private final OperatorHarness harness;
  private final ClusterSimulation cluster;

  private Sandbox(KafkaBroker kafka, OperatorHarness harness, ClusterSimulation cluster) {
    this.kafka = kafka;
    this.harness = harness;
    this.cluster = cluster;
  }

  /**
   * Starts everything; {@code kafka} may be shared, otherwise one is started on the alias address.
   */
  public static Sandbox start(Path repo, Path workerHome, Path dir, KafkaBroker kafka)
      throws Exception {
    var harness = OperatorHarness.start(repo, dir, Duration.ofSeconds(2));
    var cluster =
        new ClusterSimulation(
            harness.client(),
            workerHome,
            dir,
            harness.hostsFile(),
            Map.of(BROKER_ALIAS, BROKER_ADDRESS));
    cluster.start();
    return new Sandbox(kafka, harness, cluster);
  }

  public OperatorHarness harness() {
    return harness;
  }

  public KubernetesClient client() {
    return harness.client();
  }

  public ClusterSimulation cluster() {
    return cluster;
  }

  public KafkaBroker kafka() {
    return kafka;
  }

  /**
   * Applies one YAML document into the sandbox namespace, with file paths rewritten by {@code
   * edit}.
   */
  public HasMetadata apply(String yaml) {
    HasMetadata resource = Serialization.unmarshal(yaml);
    return client()
        .resource(resource)
        .inNamespace(NAMESPACE)
        .createOr(existing -> existing.unlock().update());
  }

  @Override
  public void close() {
    harness.close();
    cluster.close();
  }

  public static void main(String[] args) throws Exception {
    Path repo = Path.of(System.getProperty("tributary.repo", ".")).toAbsolutePath().normalize();
    Path workerHome = Path.of(System.getProperty("tributary.worker.home")).toAbsolutePath();
    String classpath =
        Files.readString(Path.of(System.getProperty("tributary.runtime.classpath"))).trim();
    Path dir =
        Path.of(System.getProperty("tributary.sandbox.dir", "target/sandbox")).toAbsolutePath();
    Path input = Path.of("/tmp/in.txt");
    Path output = Path.of("/tmp/out.txt");
    Files.deleteIfExists(input);
    Files.deleteIfExists(output);
    Files.createFile(input);

    say(
        "starting a KRaft broker at "
            + BROKER_ALIAS
            + ":"
            + BROKER_PORT
            + " ("
            + BROKER_ADDRESS
            + ")");
    try (var kafka =
            KafkaBroker.start(dir.resolve("kafka"), classpath, BROKER_ADDRESS, BROKER_PORT);
        var sandbox = start(repo, workerHome, dir, kafka)) {
      say(
          "Kubernetes API stand-in, operator and cluster simulation running (logs under "
              + dir
              + ")");
      for (String example : QUICK_START) {
        sandbox.apply(Files.readString(repo.resolve("examples").resolve(example)));
        say("applied examples/" + example);
      }
      while (true) {
        Records.appendLines(
            input, List.of("hello at " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS)));
        Thread.sleep(3000);
        say(sandbox.describe() + " | " + Records.linesOf(output).size() + " lines in " + output);
      }
    }
  }

  /** One line on what runs: cluster readiness and each connector's state. */
  public String describe() {
    KafkaConnect connect =
        client().resources(KafkaConnect.class).inNamespace(NAMESPACE).withName("pipeline").get();
    String clusterState =
        connect == null || connect.getStatus() == null
            ? "pipeline: starting"
            : "pipeline: "
                + connect.getStatus().readyReplicas
                + "/"
                + connect.getSpec().replicas
                + " workers, "
                + connect.getStatus().conditions.stream()
                    .filter(c -> c.getType().equals("Ready"))
                    .map(c -> "Ready=" + c.getStatus() + " (" + c.getReason() + ")")
                    .findFirst()
                    .orElse("");
    String connectors =
        client().resources(KafkaConnector.class).inNamespace(NAMESPACE).list().getItems().stream()
            .map(
                c ->
                    c.getMetadata().getName()
                        + ": "
                        + (c.getStatus() == null ? "-" : c.getStatus().connectorState))
            .collect(Collectors.joining(", "));
    return clusterState + " | " + connectors;
  }

  private static void say(String message) {
    System.out.println("[sandbox] " + message);
  }
}
