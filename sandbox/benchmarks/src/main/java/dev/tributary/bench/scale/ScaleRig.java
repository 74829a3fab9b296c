package dev.tributary.bench.scale;

import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.operator.model.ClusterNames;
import dev.tributary.sandbox.apiserver.StandInApi;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * One size of the operator-at-scale benchmark: the API stand-in, the Connect REST simulator, the
 * stand-in StatefulSet controller, a watch on every resource, and the operator process; one method
 * per phase measured.
 */
final class ScaleRig implements AutoCloseable {

  static final String SIMULATOR_ADDRESS = "127.0.4.1";
  static final String OPERATOR_TOKEN = "operator";
  static final String RECONCILES_STARTED = "operator_sdk_reconciliations_started_total";

  record ColdStart(double seconds, double cpuSeconds, long apiWrites, long restCalls) {}

  record Steady(
      double cpuShare,
      double restPerSecond,
      double writesPerSecond,
      double readsPerSecond,
      long heapBytes,
      long rssBytes) {}

  private final StandInApi api;
  private final ConnectSimulator simulator;
  private final ReadyWorkers workers;
  private final StatusTracker tracker;
  private final LongAdder writes = new LongAdder();
  private final LongAdder reads = new LongAdder();
  private final int clusters;
  private final int perCluster;
  private final Path dir;
  private final Path lib;
  private final List<String> jvm;
  private final Path hosts;
  private final Path kubeconfig;
  private final int port;
  private OperatorProcess operator;

  private ScaleRig(Path repo, Path dir, Path lib, List<String> jvm, int clusters, int perCluster)
      throws IOException {
    this.api = StandInApi.start(repo);
    this.simulator =
        ConnectSimulator.start(
            new InetSocketAddress(SIMULATOR_ADDRESS, 8083),
            8,
            new ConnectSimulator.Settings(Duration.ZERO, 0, 0, Duration.ofMillis(500)));
    this.workers = new ReadyWorkers(api.client());
    this.tracker = new StatusTracker(api.client());
    this.clusters = clusters;
    this.perCluster = perCluster;
    this.dir = dir;
    this.lib = lib;
    this.jvm = jvm;
    api.observe(
        request -> {
          if (("Bearer " + OPERATOR_TOKEN).equals(request.getHeader("Authorization"))) {
            (request.getMethod().equals("GET") ? reads : writes).increment();
          }
        });
    StringBuilder entries = new StringBuilder();
    for (int c = 0; c < clusters; c++) {
      entries
          .append(SIMULATOR_ADDRESS)
          .append(' ')
          .append(new ClusterNames("connect", namespace(c)).apiHost())
          .append('\n');
    }
    this.hosts = Files.writeString(dir.resolve("hosts"), entries);
    this.kubeconfig = api.writeKubeconfig(dir.resolve("kubeconfig"), "default", OPERATOR_TOKEN);
    this.port = freePort();
  }

  /** Everything but the operator, which {@link #startOperator} starts. */
  static ScaleRig start(
      Path repo, Path dir, Path lib, List<String> jvm, int clusters, int perCluster)
      throws IOException {
    Files.createDirectories(dir);
    return new ScaleRig(repo, dir, lib, jvm, clusters, perCluster);
  }

  void startOperator(String log) throws IOException, InterruptedException {
    operator = OperatorProcess.start(lib, kubeconfig, hosts, port, jvm, dir.resolve(log));
    var started = operator;
    waitFor(Duration.ofMinutes(2), started::ready, "operator ready");
  }

  int connectors() {
    return clusters * perCluster;
  }

  /** Everything applied at once, as a GitOps sync of a whole platform would, until all Ready. */
  ColdStart coldStart() throws Exception {
    long start = System.nanoTime();
    double cpu = operator.cpuSeconds();
    long writesBefore = writes.sum();
    long restBefore = simulator.calls();
    KubernetesClient client = api.client();
    var appliers = Executors.newFixedThreadPool(8);
    for (int c = 0; c < clusters; c++) {
      int cluster = c;
      appliers.submit(() -> client.resource(kafkaConnect(namespace(cluster))).create());
    }
    for (int i = 0; i < connectors(); i++) {
      int n = i;
      appliers.submit(() -> client.resource(connector(namespace(n % clusters), "c-" + n)).create());
    }
    appliers.shutdown();
    appliers.awaitTermination(30, TimeUnit.MINUTES);
    waitFor(
        Duration.ofMinutes(30),
        () -> tracker.readyClusters() == clusters && tracker.readyConnectors() == connectors(),
        "every resource Ready");
    var result =
        new ColdStart(
            seconds(System.nanoTime() - start),
            operator.cpuSeconds() - cpu,
            writes.sum() - writesBefore,
            simulator.calls() - restBefore);
    say(
        "%d connectors: cold start %.1f s; reconciles: KafkaConnect %.0f, KafkaConnector %.0f",
        connectors(),
        result.seconds(),
        operator.metricSum(RECONCILES_STARTED, "kind=\"KafkaConnect\""),
        operator.metricSum(RECONCILES_STARTED, "kind=\"KafkaConnector\""));
    return result;
  }

  /** Nothing changing: what the operator costs over {@code window}, after 30 s of settling. */
  Steady steady(Duration window) throws Exception {
    Thread.sleep(30_000);
    double cpu = operator.cpuSeconds();
    var threadsBefore = operator.cpuSecondsByThread();
    long rest = simulator.calls();
    long writesBefore = writes.sum();
    long readsBefore = reads.sum();
    long t0 = System.nanoTime();
    Thread.sleep(window.toMillis());
    double elapsed = seconds(System.nanoTime() - t0);
    double cpuShare = (operator.cpuSeconds() - cpu) / elapsed;
    double restPerSecond = (simulator.calls() - rest) / elapsed;
    double writesPerSecond = (writes.sum() - writesBefore) / elapsed;
    double readsPerSecond = (reads.sum() - readsBefore) / elapsed;
    operator.cpuSecondsByThread().entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue() - threadsBefore.getOrDefault(e.getKey(), 0.0)))
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .limit(12)
        .forEach(
            e ->
                say(
                    "steady CPU by thread: %-40s %5.1f %% of a core",
                    e.getKey(), 100 * e.getValue() / elapsed));
    return new Steady(
        cpuShare,
        restPerSecond,
        writesPerSecond,
        readsPerSecond,
        operator.heapAfterGcBytes(),
        operator.rssBytes());
  }

  /** One new KafkaConnector at a time on a random cluster: seconds from create to Ready. */
  List<Double> applyToReady(int samples) throws Exception {
    List<Double> latencies = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      KafkaConnector added =
          connector(namespace(ThreadLocalRandom.current().nextInt(clusters)), "added-" + i);
      long applied = System.nanoTime();
      api.client().resource(added).create();
      String key = StatusTracker.key(added);
      waitFor(Duration.ofMinutes(2), () -> tracker.connectorReadyAt(key) != null, key);
      latencies.add(seconds(tracker.connectorReadyAt(key) - applied));
      Thread.sleep(250);
    }
    return latencies;
  }

  /** A task failing on a different connector each time: seconds until its status tells. */
  List<Double> failureToStatus(int samples) throws Exception {
    List<Integer> picks = new ArrayList<>();
    for (int i = 0; i < connectors(); i++) {
      picks.add(i);
    }
    Collections.shuffle(picks);
    List<Double> latencies = new ArrayList<>();
    for (int n : picks.subList(0, samples)) {
      String ns = namespace(n % clusters);
      String key = ns + "/c-" + n;
      tracker.expectFailure(key);
      long failed = System.nanoTime();
      simulator.failTask(new ClusterNames("connect", ns).apiHost(), "c-" + n, 0);
      waitFor(Duration.ofMinutes(2), () -> tracker.failureSeenAt(key) != null, key);
      latencies.add(seconds(tracker.failureSeenAt(key) - failed));
      Thread.sleep(250);
    }
    return latencies;
  }

  /**
   * A new operator process, as when its pod is replaced: seconds until its own metrics count a
   * successful reconcile for each of {@code resources}.
   */
  double resync(int resources) throws Exception {
    operator.close();
    long restart = System.nanoTime();
    startOperator("operator-restarted.log");
    var restarted = operator;
    waitFor(
        Duration.ofMinutes(30),
        () -> reconciled(restarted) >= resources,
        "every resource reconciled after the restart");
    return seconds(System.nanoTime() - restart);
  }

  /** Successful reconciles of both controllers so far, from the operator's own metrics. */
  private static double reconciled(OperatorProcess operator) {
    try {
      return operator.metricSum("operator_sdk_reconciliations_success_total", "");
    } catch (IOException e) {
      return 0;
    }
  }

  static String namespace(int cluster) {
    return "team-" + cluster;
  }

  static KafkaConnect kafkaConnect(String namespace) {
    return Serialization.unmarshal(
        "apiVersion: tributary.dev/v1alpha1\nkind: KafkaConnect\nmetadata: {name: connect, namespace: "
            + namespace
            + "}\nspec: {replicas: 1, bootstrapServers: 'kafka:9092'}\n",
        KafkaConnect.class);
  }

  static KafkaConnector connector(String namespace, String name) {
    return Serialization.unmarshal(
        "apiVersion: tributary.dev/v1alpha1\nkind: KafkaConnector\nmetadata: {name: "
            + name
            + ", namespace: "
            + namespace
            + "}\nspec:\n  clusterRef: {name: connect}\n"
            + "  class: org.apache.kafka.connect.file.FileStreamSourceConnector\n"
            + "  config: {file: /data/"
            + name
            + ".txt, topic: "
            + name
            + "}\n",
        KafkaConnector.class);
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static void say(String format, Object... args) {
    System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
  }

  static void waitFor(Duration limit, BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after " + limit + " waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  @Override
  public void close() {
    if (operator != null) {
      operator.close();
    }
    tracker.close();
    workers.close();
    simulator.close();
    api.close();
  }
}
