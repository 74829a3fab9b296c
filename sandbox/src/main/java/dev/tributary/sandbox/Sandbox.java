package dev.tributary.sandbox;

import dev.tributary.api.Tributary;
import dev.tributary.operator.model.ConditionSet;
import dev.tributary.sandbox.apiserver.Apply;
import dev.tributary.sandbox.apiserver.OperatorHarness;
import dev.tributary.sandbox.cluster.ClusterSimulation;
import dev.tributary.sandbox.process.KafkaBroker;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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

  /** The broker's SASL_SSL listener (SCRAM-SHA-512), as a secured Kafka offers it. */
  public static final int BROKER_SECURE_PORT = 9093;

  /** The broker's mutual-TLS listener: client certificates signed by its CA. */
  public static final int BROKER_TLS_PORT = 9094;

  /** SASL_SSL with OAUTHBEARER, tokens from the sandbox's own token endpoint on TOKEN_PORT. */
  public static final int BROKER_OAUTH_PORT = 9095;

  public static final int TOKEN_PORT = 9096;

  /** The Secret with the OAuth client's secret. */
  public static final String OAUTH_SECRET = "connect-oauth";

  /** A KafkaUser of type tls in Strimzi's layout: user.crt, user.key and ca.crt. */
  public static final String TLS_USER_SECRET = KafkaBroker.TLS_USER;

  /** The Secrets a Strimzi-managed Kafka would hold: its cluster CA and a KafkaUser's password. */
  public static final String CA_SECRET = "my-cluster-cluster-ca-cert";

  public static final String USER_SECRET = KafkaBroker.SCRAM_USER;
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

  /** The broker the examples name, on the alias address, plaintext and SASL_SSL. */
  public static KafkaBroker startBroker(Path dir, String classpath) throws IOException {
    return KafkaBroker.start(
        dir,
        classpath,
        BROKER_ADDRESS,
        new KafkaBroker.Listeners(
            BROKER_PORT, BROKER_SECURE_PORT, BROKER_TLS_PORT, BROKER_OAUTH_PORT, TOKEN_PORT),
        List.of(BROKER_ALIAS));
  }

  /**
   * The broker's CA certificate, the SCRAM user's password and the TLS user's certificate as
   * Secrets, in the layouts Strimzi gives its cluster CA and KafkaUsers.
   */
  static void createKafkaSecrets(KubernetesClient client, KafkaBroker kafka) {
    var secured = kafka.secured();
    putSecret(client, CA_SECRET, Map.of("ca.crt", secured.caPem()));
    putSecret(client, OAUTH_SECRET, Map.of("clientSecret", secured.tokenEndpoint().clientSecret()));
    putSecret(client, USER_SECRET, Map.of("password", secured.scramPassword()));
    putSecret(
        client,
        TLS_USER_SECRET,
        Map.of(
            "user.crt", secured.clientCertificate().certificatePem(),
            "user.key", secured.clientCertificate().keyPem(),
            "ca.crt", secured.caPem()));
  }

  /** Creates or replaces a Secret in the sandbox's namespace, its values base64 as stored. */
  public static void putSecret(KubernetesClient client, String name, Map<String, String> values) {
    var data = new java.util.TreeMap<String, String>();
    values.forEach((key, value) -> data.put(key, base64(value)));
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NAMESPACE)
                .endMetadata()
                .withData(data)
                .build())
        .createOr(existing -> existing.update());
  }

  private static String base64(String value) {
    return java.util.Base64.getEncoder()
        .encodeToString(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
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
    harness.podLogs(cluster::log);
    createKafkaSecrets(harness.client(), kafka);
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
   * Applies one YAML document into the sandbox namespace, creating it or replacing what is there.
   */
  public HasMetadata apply(String yaml) {
    HasMetadata resource = Serialization.unmarshal(yaml);
    return Apply.createOrReplace(client(), resource, NAMESPACE);
  }

  @Override
  public void close() {
    harness.close();
    cluster.close();
  }

  public static void main(String[] args) throws Exception {
    var paths = SandboxPaths.fromSystemProperties("target/sandbox");
    Path dir = paths.dir();
    say(
        "starting a KRaft broker at "
            + BROKER_ALIAS
            + ":"
            + BROKER_PORT
            + " ("
            + BROKER_ADDRESS
            + ")");
    try (var kafka = startBroker(dir.resolve("kafka"), paths.runtimeClasspath());
        var sandbox = start(paths.repo(), paths.workerHome(), dir, kafka)) {
      say(
          "Kubernetes API stand-in, operator and cluster simulation running (logs under "
              + dir
              + ")");
      Path kubeconfig = sandbox.harness().writeKubeconfig(dir.resolve("kubeconfig"), NAMESPACE);
      QuickStartShow.run(sandbox.client(), paths.repo(), kubeconfig, "kubectl", dir);
    }
  }

  /** The conditions hold {@code Ready=True}. */
  public static boolean isReady(List<io.fabric8.kubernetes.api.model.Condition> conditions) {
    return ConditionSet.isTrue(conditions, Tributary.Conditions.READY);
  }

  private static void say(String message) {
    System.out.println("[sandbox] " + message);
  }
}
