package dev.tributary.bench.scale;

import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.operator.model.ClusterNames;
import dev.tributary.sandbox.SandboxPaths;
import dev.tributary.sandbox.apiserver.StandInApi;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * The operator at scale: the real operator as its own process against the Kubernetes API stand-in,
 * every Connect cluster's REST API served by {@link ConnectSimulator}. At each size (50 connectors
 * per cluster) it measures cold start to all Ready, steady-state cost (CPU, heap after GC, RSS,
 * REST calls and API writes per second), apply to Ready and task failure to status for single
 * changes, and a full resync after the operator restarts. The simulator's numbers are the
 * operator's cost, not Connect's behaviour.
 */
public final class OperatorScaleBenchmark {

  static final int PER_CLUSTER = Integer.getInteger("bench.connectors.per.cluster", 50);
  static final Duration STEADY = Duration.ofSeconds(Long.getLong("bench.steady.seconds", 60));
  static final int SAMPLES = Integer.getInteger("bench.samples", 40);
  static final String SIMULATOR_ADDRESS = "127.0.4.1";
  static final String OPERATOR_TOKEN = "operator";
  static final String RECONCILES_STARTED = "operator_sdk_reconciliations_started_total";

  /**
   * The JVM deploy/operator.yaml gives: a 768 MiB limit with MaxRAMPercentage=50 is a 384 MiB heap,
   * and on two CPUs and under 1792 MiB the JVM picks the serial collector.
   */
  static final String DEPLOYED_JVM = "-Xmx384m -XX:+UseSerialGC";

  public static void main(String[] args) throws Exception {
    var paths = SandboxPaths.fromSystemProperties("target/bench");
    Path lib = Path.of(System.getProperty("bench.operator.lib"));
    List<String> jvm =
        Arrays.asList(System.getProperty("bench.operator.jvm", DEPLOYED_JVM).split(" "));
    List<ScaleResult> results = new ArrayList<>();
    for (String size : System.getProperty("bench.sizes", "1000,5000,10000").split(",")) {
      results.add(
          measure(
              paths.repo(),
              paths.dir().resolve("scale-" + size),
              lib,
              jvm,
              Integer.parseInt(size)));
      System.out.println("[bench] " + results.get(results.size() - 1));
    }
    ScaleReport.write(
        paths
            .repo()
            .resolve(System.getProperty("bench.report", "docs/benchmarks/operator-scale.md")),
        jvm,
        results,
        Instant.now());
  }

  static ScaleResult measure(Path repo, Path dir, Path lib, List<String> jvm, int connectors)
      throws Exception {
    int clusters = Math.max(1, connectors / PER_CLUSTER);
    Files.createDirectories(dir);
    var writes = new LongAdder();
    var reads = new LongAdder();
    try (var api = StandInApi.start(repo);
        var simulator =
            ConnectSimulator.start(
                new InetSocketAddress(SIMULATOR_ADDRESS, 8083),
                8,
                new ConnectSimulator.Settings(Duration.ZERO, 0, 0, Duration.ofMillis(500)));
        var workers = new ReadyWorkers(api.client());
        var tracker = new StatusTracker(api.client())) {
      api.observe(
          request -> {
            if (("Bearer " + OPERATOR_TOKEN).equals(request.getHeader("Authorization"))) {
              if (request.getMethod().equals("GET")) {
                reads.increment();
              } else {
                writes.increment();
              }
            }
          });
      KubernetesClient client = api.client();
      Path hosts = dir.resolve("hosts");
      StringBuilder entries = new StringBuilder();
      for (int c = 0; c < clusters; c++) {
        entries
            .append(SIMULATOR_ADDRESS)
            .append(' ')
            .append(new ClusterNames("connect", namespace(c)).apiHost())
            .append('\n');
      }
      Files.writeString(hosts, entries);
      Path kubeconfig = api.writeKubeconfig(dir.resolve("kubeconfig"), "default", OPERATOR_TOKEN);
      int port = freePort();
      var operator =
          OperatorProcess.start(lib, kubeconfig, hosts, port, jvm, dir.resolve("operator.log"));
      try {
        waitFor(Duration.ofMinutes(2), operator::ready, "operator ready");

        // Cold start: everything applied at once, as a GitOps sync of a whole platform would.
        long start = System.nanoTime();
        double cpuAtStart = operator.cpuSeconds();
        long writesAtStart = writes.sum();
        long restAtStart = simulator.calls();
        ExecutorService appliers = Executors.newFixedThreadPool(8);
        for (int c = 0; c < clusters; c++) {
          int cluster = c;
          appliers.submit(() -> client.resource(kafkaConnect(namespace(cluster))).create());
        }
        for (int i = 0; i < clusters * PER_CLUSTER; i++) {
          int n = i;
          appliers.submit(
              () -> client.resource(connector(namespace(n % clusters), "c-" + n)).create());
        }
        appliers.shutdown();
        appliers.awaitTermination(30, TimeUnit.MINUTES);
        waitFor(
            Duration.ofMinutes(30),
            () ->
                tracker.readyClusters() == clusters
                    && tracker.readyConnectors() == clusters * PER_CLUSTER,
            "every resource Ready");
        double coldStart = seconds(System.nanoTime() - start);
        double coldStartCpu = operator.cpuSeconds() - cpuAtStart;
        long coldStartWrites = writes.sum() - writesAtStart;
        long coldStartRest = simulator.calls() - restAtStart;
        System.out.printf(
            Locale.ROOT,
            "[bench] %d connectors: reconciles during the cold start: KafkaConnect %.0f,"
                + " KafkaConnector %.0f%n",
            connectors,
            operator.metricSum(RECONCILES_STARTED, "kind=\"KafkaConnect\""),
            operator.metricSum(RECONCILES_STARTED, "kind=\"KafkaConnector\""));
        System.out.printf(
            Locale.ROOT, "[bench] %d connectors: cold start %.1f s%n", connectors, coldStart);

        // Steady state: nothing changes; what does the operator cost?
        Thread.sleep(30_000);
        double cpu0 = operator.cpuSeconds();
        var threads0 = operator.cpuSecondsByThread();
        long rest0 = simulator.calls();
        long writes0 = writes.sum();
        long reads0 = reads.sum();
        long t0 = System.nanoTime();
        Thread.sleep(STEADY.toMillis());
        double elapsed = seconds(System.nanoTime() - t0);
        double cpuShare = (operator.cpuSeconds() - cpu0) / elapsed;
        var threads1 = operator.cpuSecondsByThread();
        threads1.entrySet().stream()
            .map(e -> Map.entry(e.getKey(), e.getValue() - threads0.getOrDefault(e.getKey(), 0.0)))
            .filter(e -> e.getValue() > 0)
            .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
            .limit(12)
            .forEach(
                e ->
                    System.out.printf(
                        Locale.ROOT,
                        "[bench] steady CPU by thread: %-40s %5.1f %% of a core%n",
                        e.getKey(),
                        100 * e.getValue() / elapsed));
        double restPerSecond = (simulator.calls() - rest0) / elapsed;
        double writesPerSecond = (writes.sum() - writes0) / elapsed;
        double readsPerSecond = (reads.sum() - reads0) / elapsed;
        long heap = operator.heapAfterGcBytes();
        long rss = operator.rssBytes();

        // One change at a time while everything else exists.
        List<Double> applyToReady = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
          String ns = namespace(ThreadLocalRandom.current().nextInt(clusters));
          KafkaConnector added = connector(ns, "added-" + i);
          long applied = System.nanoTime();
          client.resource(added).create();
          String key = StatusTracker.key(added);
          waitFor(Duration.ofMinutes(2), () -> tracker.connectorReadyAt(key) != null, key);
          applyToReady.add(seconds(tracker.connectorReadyAt(key) - applied));
          Thread.sleep(250);
        }
        List<Double> failureToStatus = new ArrayList<>();
        List<Integer> picks = new ArrayList<>();
        for (int i = 0; i < clusters * PER_CLUSTER; i++) {
          picks.add(i);
        }
        java.util.Collections.shuffle(picks);
        for (int i = 0; i < SAMPLES; i++) {
          int n = picks.get(i);
          String ns = namespace(n % clusters);
          String key = ns + "/c-" + n;
          tracker.expectFailure(key);
          long failed = System.nanoTime();
          simulator.failTask(new ClusterNames("connect", ns).apiHost(), "c-" + n, 0);
          waitFor(Duration.ofMinutes(2), () -> tracker.failureSeenAt(key) != null, key);
          failureToStatus.add(seconds(tracker.failureSeenAt(key) - failed));
          Thread.sleep(250);
        }

        // A new operator process, as when its pod is replaced: how long until it has looked at
        // every resource once?
        operator.close();
        int resources = clusters + clusters * PER_CLUSTER + SAMPLES;
        long restart = System.nanoTime();
        operator =
            OperatorProcess.start(lib, kubeconfig, hosts, port, jvm, dir.resolve("operator-2.log"));
        var second = operator;
        waitFor(Duration.ofMinutes(2), second::ready, "restarted operator ready");
        waitFor(
            Duration.ofMinutes(30),
            () -> reconciled(second) >= resources,
            "every resource reconciled after the restart");
        double resync = seconds(System.nanoTime() - restart);
        return new ScaleResult(
            connectors,
            clusters,
            coldStart,
            coldStartCpu,
            coldStartWrites,
            coldStartRest,
            resync,
            heap,
            rss,
            cpuShare,
            restPerSecond,
            writesPerSecond,
            readsPerSecond,
            applyToReady,
            failureToStatus);
      } finally {
        operator.close();
      }
    }
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
}
