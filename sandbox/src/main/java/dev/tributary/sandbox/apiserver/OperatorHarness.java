package dev.tributary.sandbox.apiserver;

import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.operator.OperatorConfig;
import dev.tributary.operator.OperatorMain;
import dev.tributary.operator.connectapi.ConnectClients;
import dev.tributary.operator.connectapi.HttpConnectClients;
import dev.tributary.operator.kafkaload.KafkaAdmins;
import dev.tributary.operator.kafkaprobe.KafkaProbe;
import dev.tributary.operator.kafkaprobe.TcpKafkaProbe;
import dev.tributary.operator.model.ClusterNames;
import dev.tributary.sandbox.cluster.HostsFileDns;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import okhttp3.Interceptor;

/**
 * The real operator against the Kubernetes API stand-in (fabric8's mock server in CRUD mode, our
 * CRDs registered), resolving cluster DNS names through a hosts file the harness writes.
 */
public final class OperatorHarness implements AutoCloseable {

  private final StandInApi api;
  private final KubectlFront kubectlFront;
  private final KubernetesClient client;
  private final Path hostsFile;
  private final OperatorConfig config;
  private final ConnectClients connectClients;
  private OperatorMain operator;

  private OperatorHarness(
      StandInApi api,
      KubectlFront kubectlFront,
      KubernetesClient client,
      Path hostsFile,
      OperatorConfig config,
      ConnectClients connectClients)
      throws IOException {
    this.api = api;
    this.kubectlFront = kubectlFront;
    this.client = client;
    this.hostsFile = hostsFile;
    this.config = config;
    this.connectClients = connectClients;
    this.operator =
        new OperatorMain(
            config, client, connectClients, kafkaProbe(hostsFile), kafkaAdmins(hostsFile));
    operator.start();
  }

  /** Tells whether Kafka can be reached as a pod would: by the names the sandbox's DNS knows. */
  public static KafkaProbe kafkaProbe(Path hostsFile) {
    return new TcpKafkaProbe(new HostsFileDns(hostsFile), Duration.ofSeconds(3), Clock.systemUTC());
  }

  /** Kafka admin clients that find the broker by the names the sandbox's DNS knows. */
  public static KafkaAdmins kafkaAdmins(Path hostsFile) {
    return new KafkaAdmins(new HostsFileDns(hostsFile)::resolveBootstrapServers);
  }

  /** Stops the operator and starts a new one, as when its pod is replaced. */
  public void restartOperator() throws IOException {
    operator.stop();
    operator =
        new OperatorMain(
            config, client, connectClients, kafkaProbe(hostsFile), kafkaAdmins(hostsFile));
    operator.start();
  }

  /** Starts the API stand-in and the operator; {@code interceptors} see every Connect REST call. */
  public static OperatorHarness start(
      Path repo, Path dir, Duration connectorPoll, Interceptor... interceptors) throws IOException {
    StandInApi api = StandInApi.start(repo);
    KubernetesClient client = api.client();
    Files.createDirectories(dir);
    Path hosts = dir.resolve("hosts");
    Files.writeString(hosts, "");
    var config =
        OperatorConfig.defaults()
            .withWorkerImage("tributary/worker:sandbox")
            .withLeaderElection(null)
            .withAnyHttpPort()
            .withPollIntervals(Duration.ofSeconds(5), connectorPoll);
    return new OperatorHarness(
        api,
        KubectlFront.start(api.url(), api.tables()),
        client,
        hosts,
        config,
        new HttpConnectClients(new HostsFileDns(hosts), interceptors));
  }

  /**
   * A kubeconfig for the stand-in, so kubectl works against it; {@code namespace} is the default.
   */
  public Path writeKubeconfig(Path file, String namespace) throws IOException {
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        clusters:
          - name: tributary-sandbox
            cluster: {server: "%s"}
        users:
          - name: sandbox-user
            user: {token: sandbox}
        contexts:
          - name: tributary-sandbox
            context: {cluster: tributary-sandbox, user: sandbox-user, namespace: %s}
        current-context: tributary-sandbox
        """
            .formatted(kubectlFront.url(), namespace));
    return file;
  }

  /** Serves {@code kubectl logs} from {@code logs} (the kubelet stand-in's). */
  public void podLogs(ApiServerStandIn.PodLogs logs) {
    api.dispatcher().podLogs(logs);
  }

  /** Where the running operator serves /healthz, /readyz and /metrics. */
  public String operatorUrl() {
    return "http://127.0.0.1:" + operator.httpPort();
  }

  public Path hostsFile() {
    return hostsFile;
  }

  public KubernetesClient client() {
    return client;
  }

  /** Makes {@code name} resolve to {@code address} for the operator's REST calls. */
  public void mapHost(String name, String address) throws IOException {
    Files.writeString(hostsFile, address + " " + name + "\n", StandardOpenOption.APPEND);
  }

  /** What the StatefulSet controller would report once {@code replicas} workers are ready. */
  public void markWorkersReady(String namespace, String cluster, int replicas) {
    StatefulSet sts =
        client
            .apps()
            .statefulSets()
            .inNamespace(namespace)
            .withName(new ClusterNames(cluster, namespace).statefulSet())
            .get();
    sts.setStatus(
        new StatefulSetStatusBuilder()
            .withObservedGeneration(sts.getMetadata().getGeneration())
            .withReplicas(replicas)
            .withReadyReplicas(replicas)
            .withUpdatedReplicas(replicas)
            .withCurrentRevision("r1")
            .withUpdateRevision("r1")
            .build());
    client.resource(sts).updateStatus();
  }

  public KafkaConnect kafkaConnect(String namespace, String name) {
    return client.resources(KafkaConnect.class).inNamespace(namespace).withName(name).get();
  }

  @Override
  public void close() {
    operator.stop();
    kubectlFront.close();
    api.close();
  }
}
