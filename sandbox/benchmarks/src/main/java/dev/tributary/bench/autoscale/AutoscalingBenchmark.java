package dev.tributary.bench.autoscale;

import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.bench.ScalingBenchmark;
import dev.tributary.bench.autoscale.LoadStep.Mode;
import dev.tributary.bench.autoscale.LoadStep.Second;
import dev.tributary.sandbox.Sandbox;
import dev.tributary.sandbox.SandboxPaths;
import dev.tributary.sandbox.process.KafkaBroker;
import dev.tributary.sandbox.process.LoadProducer;
import dev.tributary.sandbox.process.PluginServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A load step on real workers and a real broker: a sink whose tasks each write {@code TASK_RATE}
 * records a second meets a steady input, then five times that, then the steady input again. Three
 * ways to size the cluster are run one after the other: fixed for the peak, a KEDA-style rule
 * (workers = lag / threshold, HPA's scale-down window, simulated here), and Tributary's autoscaler.
 * Each second it records the lag, the workers ready and the tasks running.
 */
public final class AutoscalingBenchmark {

  static final String NS = Sandbox.NAMESPACE;
  static final int PARTITIONS = 8;
  static final int TASK_RATE = Integer.getInteger("bench.task.rate", 100);

  /** What one worker writes for all its tasks (0: no limit, tasks are the only bottleneck). */
  static final int WORKER_RATE = Integer.getInteger("bench.worker.rate", 0);

  static final int BASE_RATE = Integer.getInteger("bench.base.rate", 100);
  static final int STEP = 5;
  static final int BASE_SECONDS = Integer.getInteger("bench.base.seconds", 120);
  static final int PEAK_SECONDS = Integer.getInteger("bench.peak.seconds", 600);
  static final int AFTER_SECONDS = Integer.getInteger("bench.after.seconds", 420);
  static final int MAX_WORKERS = 4;

  /** The KEDA-style rule: a worker per this much lag, looked at every 15 s. */
  static final long KEDA_LAG_PER_WORKER = Long.getLong("bench.keda.lag", 2000);

  static final Duration KEDA_POLL = Duration.ofSeconds(15);
  static final Duration HPA_SCALE_DOWN_WINDOW = Duration.ofSeconds(300);

  static final List<Mode> MODES =
      List.of(
          new Mode("fixed", "fixed for the peak (4 workers, 8 tasks)", 4, 8, ""),
          new Mode("keda", "KEDA-style: workers = lag / " + KEDA_LAG_PER_WORKER, 1, 8, ""),
          new Mode(
              "tributary",
              "Tributary's autoscaler",
              1,
              8,
              "  autoscaling: {enabled: true, maxReplicas: %d, tasksPerWorker: 2}\n"
                  .formatted(MAX_WORKERS)));

  public static void main(String[] args) throws Exception {
    var paths = SandboxPaths.fromSystemProperties("target/bench");
    Path dir = paths.dir().resolve("autoscaling");
    Path report =
        Path.of(
            System.getProperty(
                "bench.report",
                paths.repo().resolve("docs/benchmarks/autoscaling-results.md").toString()));
    List<String> only =
        List.of(System.getProperty("bench.modes", "fixed,keda,tributary").split(","));
    List<LoadStep> results = new ArrayList<>();
    Instant started = Instant.now();
    try (var kafka = Sandbox.startBroker(dir.resolve("kafka"), paths.runtimeClasspath());
        var sandbox = Sandbox.start(paths.repo(), paths.workerHome(), dir, kafka);
        var plugins = new PluginServer(paths.loadPlugin())) {
      for (Mode mode : MODES) {
        if (only.contains(mode.name())) {
          results.add(run(mode, sandbox, kafka, plugins, dir));
          sandbox
              .client()
              .resources(KafkaConnect.class)
              .inNamespace(NS)
              .withName(mode.name())
              .delete();
        }
      }
    }
    Files.createDirectories(report.getParent());
    String markdown = LoadStepReport.markdown(results, started, report);
    System.out.println(markdown);
    Files.writeString(report, markdown);
    say("report written to " + report);
  }

  static LoadStep run(Mode mode, Sandbox sandbox, KafkaBroker kafka, PluginServer plugins, Path dir)
      throws Exception {
    String topic = mode.name() + "-load";
    Path arrivals = dir.resolve(mode.name() + "-arrivals.txt");
    Files.deleteIfExists(arrivals);
    KubernetesClient client = sandbox.client();
    try (var admin = kafka.admin()) {
      admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
    }
    say(mode.label() + ": starting");
    sandbox.apply(
        """
        apiVersion: tributary.dev/v1alpha1
        kind: KafkaConnect
        metadata: {name: %s}
        spec:
          replicas: %d
          bootstrapServers: %s:%d
          plugins:
            - name: load
              artifacts: [{type: url, url: '%s', sha512: %s}]
        %s"""
            .formatted(
                mode.name(),
                mode.replicas(),
                Sandbox.BROKER_ALIAS,
                Sandbox.BROKER_PORT,
                plugins.url(),
                plugins.sha512(),
                mode.extraSpec()));
    waitFor(Duration.ofMinutes(4), () -> readyWorkers(client, mode.name()) == mode.replicas());
    sandbox.apply(
        """
        apiVersion: tributary.dev/v1alpha1
        kind: KafkaConnector
        metadata: {name: %s-sink}
        spec:
          clusterRef: {name: %s}
          class: dev.tributary.load.ArrivalSinkConnector
          tasksMax: %d
          config:
            topics: %s
            file: '%s'
            task.records.per.second: "%d"
            worker.records.per.second: "%d"
            consumer.override.max.poll.records: "50"
            value.converter: org.apache.kafka.connect.storage.StringConverter
        """
            .formatted(
                mode.name(),
                mode.name(),
                mode.tasksMax(),
                topic,
                arrivals,
                TASK_RATE,
                WORKER_RATE));
    waitFor(Duration.ofMinutes(2), () -> tasksRunning(client, mode.name()) > 0);

    var load = LoadProducer.start(kafka.bootstrapServers(), topic, PARTITIONS, BASE_RATE);
    List<Second> seconds = new ArrayList<>();
    LoadStep.SamplerCost cost = null;
    Deque<long[]> kedaDesired = new ArrayDeque<>();
    long start = System.nanoTime();
    int total = BASE_SECONDS + PEAK_SECONDS + AFTER_SECONDS;
    try (Admin admin = kafka.admin()) {
      for (int t = 0; t < total; t++) {
        int rate =
            t >= BASE_SECONDS && t < BASE_SECONDS + PEAK_SECONDS ? BASE_RATE * STEP : BASE_RATE;
        load.rate(rate);
        long lag = LoadProducer.lag(admin, topic, PARTITIONS, "connect-" + mode.name() + "-sink");
        KafkaConnect connect =
            client.resources(KafkaConnect.class).inNamespace(NS).withName(mode.name()).get();
        seconds.add(
            new Second(
                t,
                rate,
                lag,
                connect.getSpec().replicas,
                readyWorkers(client, mode.name()),
                taskCount(client, mode.name())));
        if (t == BASE_SECONDS + PEAK_SECONDS - 1) {
          cost = samplerCost(sandbox, mode.name(), readyWorkers(client, mode.name()));
        }
        if (mode.name().equals("keda") && t % KEDA_POLL.toSeconds() == 0) {
          kedaRule(client, mode.name(), lag, t, kedaDesired, connect.getSpec().replicas);
        }
        long next = start + (t + 1) * 1_000_000_000L;
        Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
      }
    } finally {
      load.close();
    }
    say(mode.label() + ": draining");
    long produced = load.sent();
    waitFor(Duration.ofMinutes(5), () -> arrivedDistinct(arrivals) >= produced);
    long lines = Files.readAllLines(arrivals).size();
    long distinct = arrivedDistinct(arrivals);
    return new LoadStep(mode, seconds, produced, produced - distinct, lines - distinct, cost);
  }

  /** The task-thread sampler's cost so far, from each ready worker's task-load answer. */
  static LoadStep.SamplerCost samplerCost(Sandbox sandbox, String cluster, int workers) {
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    var http = java.net.http.HttpClient.newHttpClient();
    int answered = 0;
    int sinkTasks = 0;
    double cpu = 0;
    double wall = 0;
    for (int i = 0; i < workers; i++) {
      String address = sandbox.cluster().podAddresses().get(NS + "/" + cluster + "-connect-" + i);
      if (address == null) {
        continue;
      }
      try {
        var body =
            http.send(
                    java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://" + address + ":8083/tributary/task-load"))
                        .timeout(Duration.ofSeconds(3))
                        .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
        var answer = json.readTree(body);
        if (answer.has("samplerCpuSeconds")) {
          answered++;
          cpu += answer.path("samplerCpuSeconds").asDouble();
          wall += answer.path("samplerSeconds").asDouble();
          for (var task : answer.path("tasks")) {
            if ("sink".equals(task.path("type").asText())) {
              sinkTasks++;
            }
          }
        }
      } catch (java.io.IOException e) {
        say("no task-load from " + address + ": " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return answered == 0 ? null : new LoadStep.SamplerCost(answered, sinkTasks, cpu, wall);
  }

  /**
   * KEDA's Kafka scaler through an HPA: desired workers from the lag, at once upwards, downwards
   * only to the highest desire of the last five minutes.
   */
  static void kedaRule(
      KubernetesClient client, String cluster, long lag, int t, Deque<long[]> desired, int now) {
    int want =
        (int) Math.max(1, Math.min(MAX_WORKERS, Math.ceil(lag / (double) KEDA_LAG_PER_WORKER)));
    desired.addLast(new long[] {t, want});
    while (desired.peekFirst()[0] < t - HPA_SCALE_DOWN_WINDOW.toSeconds()) {
      desired.removeFirst();
    }
    int target = want;
    if (want < now) {
      target = (int) desired.stream().mapToLong(d -> d[1]).max().orElse(now);
    }
    if (target != now) {
      say("keda rule: lag " + lag + ", workers " + now + " -> " + target);
      client.resources(KafkaConnect.class).inNamespace(NS).withName(cluster).scale(target);
    }
  }

  static long arrivedDistinct(Path arrivals) {
    try {
      if (!Files.exists(arrivals)) {
        return 0;
      }
      return Files.readAllLines(arrivals).stream()
          .filter(l -> l.indexOf(' ') > 0)
          .map(l -> l.substring(0, l.indexOf(' ')))
          .distinct()
          .count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static int readyWorkers(KubernetesClient client, String cluster) {
    KafkaConnect connect =
        client.resources(KafkaConnect.class).inNamespace(NS).withName(cluster).get();
    return connect == null
            || connect.getStatus() == null
            || connect.getStatus().readyReplicas == null
        ? 0
        : connect.getStatus().readyReplicas;
  }

  static int taskCount(KubernetesClient client, String cluster) {
    KafkaConnector sink =
        client.resources(KafkaConnector.class).inNamespace(NS).withName(cluster + "-sink").get();
    return sink == null || sink.getStatus() == null || sink.getStatus().taskCount == null
        ? 0
        : sink.getStatus().taskCount;
  }

  static int tasksRunning(KubernetesClient client, String cluster) {
    KafkaConnector sink =
        client.resources(KafkaConnector.class).inNamespace(NS).withName(cluster + "-sink").get();
    if (sink == null || sink.getStatus() == null || sink.getStatus().tasks == null) {
      return 0;
    }
    return (int)
        sink.getStatus().tasks.stream()
            .filter(task -> task.state == dev.tributary.api.v1alpha1.ConnectState.RUNNING)
            .count();
  }

  static void waitFor(Duration timeout, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    ScalingBenchmark.waitFor(timeout, condition);
  }

  static void say(String message) {
    ScalingBenchmark.say(message);
  }

  private AutoscalingBenchmark() {}
}
