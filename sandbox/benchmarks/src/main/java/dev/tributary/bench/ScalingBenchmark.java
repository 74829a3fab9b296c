package dev.tributary.bench;

import dev.tributary.api.Tributary;
import dev.tributary.api.v1alpha1.ConnectState;
import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.operator.model.ClusterNames;
import dev.tributary.sandbox.Sandbox;
import dev.tributary.sandbox.SandboxPaths;
import dev.tributary.sandbox.process.Arrivals;
import dev.tributary.sandbox.process.Arrivals.TaskResult;
import dev.tributary.sandbox.process.KafkaBroker;
import dev.tributary.sandbox.process.PluginServer;
import dev.tributary.sandbox.process.TaskTimeline;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Zero-downtime scaling, measured: a steady load of sequence-numbered records through a source and
 * a sink on a sandbox cluster, while the cluster scales out, rolls, loses a worker to SIGKILL and
 * scales in: with Connect's defaults, with Tributary's, and with Tributary's plus short group
 * sessions. Per source task it reports the longest time without a record arriving at the sink, the
 * records lost and those delivered twice.
 */
public final class ScalingBenchmark {

  static final String NS = Sandbox.NAMESPACE;
  static final int SOURCE_TASKS = Integer.getInteger("bench.source.tasks", 6);
  static final int SINK_TASKS = Integer.getInteger("bench.sink.tasks", 3);
  static final int RATE = Integer.getInteger("bench.rate", 20);
  static final Duration SCENARIO_CAP =
      Duration.ofSeconds(Long.getLong("bench.scenario.cap.seconds", 420));
  static final Duration MIN_OBSERVATION = Duration.ofSeconds(30);

  /** Seconds shown on a chart before the action, the steady flow to compare with. */
  static final int CHART_LEAD_SECONDS = 10;

  /** Seconds shown after the action: enough for every Tributary setup to settle. */
  static final int CHART_SECONDS = 60;

  /** A planned operation may stall a task at most this much beyond the load's own floor. */
  static final long PLANNED_MARGIN_MILLIS = 2000;

  /** A crash may stall a task at most this much beyond the worker group's session timeout. */
  static final long CRASH_MARGIN_MILLIS = 2000;

  /**
   * Connect's own values where Tributary's defaults differ, as a cluster gets them when nothing
   * overrides them (Strimzi leaves them in place). Pods are replaced by Tributary's roll in every
   * setup: the operator no longer leaves that to the StatefulSet controller.
   */
  static final String CONNECT_DEFAULTS =
      """
        rebalanceDelayMs: 300000
        config:
          offset.flush.interval.ms: "60000"
          consumer.session.timeout.ms: "45000"
          heartbeat.interval.ms: "3000"
          consumer.heartbeat.interval.ms: "3000"
          task.shutdown.graceful.timeout.ms: "5000"
      """;

  /**
   * Tributary's defaults with the worker group's and the sink consumers' sessions at the brokers'
   * default minimum (group.min.session.timeout.ms, 6 s): how much faster a crash is noticed.
   */
  static final String SHORT_SESSIONS =
      """
        config:
          task.shutdown.graceful.timeout.ms: "5000"
          session.timeout.ms: "6000"
          consumer.session.timeout.ms: "6000"
      """;

  /**
   * Tributary's defaults with exactly-once sources; the sink reads only committed records, as a
   * consumer of an exactly-once pipeline does.
   */
  static final String EXACTLY_ONCE =
      """
        exactlyOnceSource: true
        config:
          task.shutdown.graceful.timeout.ms: "5000"
          consumer.isolation.level: read_committed
      """;

  /** One configuration under test; {@code sessionMillis} is its worker group's session timeout. */
  record Setup(String name, String label, String extraSpec, long sessionMillis) {}

  /** What happened to the pipeline in one scenario of one setup. */
  record Outcome(
      String setup,
      String scenario,
      List<TaskResult> tasks,
      boolean capped,
      int mostOrphaned,
      int[] perSecond,
      long floorMillis,
      long goalMillis,
      String timeline) {
    long longestGap() {
      return tasks.stream().mapToLong(TaskResult::longestGapMillis).max().orElse(0);
    }

    long lost() {
      return tasks.stream().mapToLong(TaskResult::lost).sum();
    }

    long duplicates() {
      return tasks.stream().mapToLong(TaskResult::duplicates).sum();
    }

    long reemitted() {
      return tasks.stream().mapToLong(TaskResult::reemitted).sum();
    }

    boolean met() {
      return longestGap() <= goalMillis && lost() == 0 && !capped;
    }
  }

  interface Action {
    void run(Sandbox sandbox, String cluster) throws Exception;
  }

  /**
   * One step; only measured ones are reported (the others set the next one up). A crash's goal is
   * bound to the session timeout, a planned operation's to the load's floor.
   */
  record Scenario(String name, int replicasAfter, Action action, boolean measured, boolean crash) {
    Scenario(String name, int replicasAfter, Action action, boolean measured) {
      this(name, replicasAfter, action, measured, false);
    }
  }

  /**
   * The order keeps pod 0, the first worker and so the group's leader, in place until the roll:
   * when the leader itself leaves, Connect reassigns everything at once whatever the delay, and a
   * scenario that happened to remove it would hide the delay it is meant to show.
   */
  static final List<Scenario> SCENARIOS =
      List.of(
          new Scenario("scale-out 1 → 3", 3, (s, c) -> scale(s, c, 3), true),
          new Scenario(
              "SIGKILL of one worker",
              3,
              (s, c) -> s.cluster().killContainer(NS, new ClusterNames(c, NS).statefulSet() + "-1"),
              true,
              true),
          new Scenario("scale-in 3 → 1", 1, (s, c) -> scale(s, c, 1), true),
          new Scenario("scale-out 1 → 3, to roll three", 3, (s, c) -> scale(s, c, 3), false),
          new Scenario(
              "rolling restart of 3 (config change)", 3, ScalingBenchmark::changeConfig, true));

  public static void main(String[] args) throws Exception {
    var paths = SandboxPaths.fromSystemProperties("target/bench");
    Path repo = paths.repo();
    Path workerHome = paths.workerHome();
    Path pluginJar = paths.loadPlugin();
    String classpath = paths.runtimeClasspath();
    Path dir = paths.dir().resolve("scaling");
    Path report =
        Path.of(
            System.getProperty(
                "bench.report", repo.resolve("docs/benchmarks/scaling-results.md").toString()));
    List<String> only =
        List.of(
            System.getProperty(
                    "bench.setups", "connect-defaults,tributary,short-sessions,exactly-once")
                .split(","));

    List<Setup> setups =
        new ArrayList<>(
            List.of(
                new Setup("connect-defaults", "(a) Connect's defaults", CONNECT_DEFAULTS, 10_000),
                new Setup(
                    "tributary",
                    "(b) Tributary's defaults",
                    "  config: {task.shutdown.graceful.timeout.ms: \"5000\"}\n",
                    10_000),
                new Setup("short-sessions", "(c) (b) + 6 s group sessions", SHORT_SESSIONS, 6_000),
                new Setup("exactly-once", "(d) (b) + exactly-once sources", EXACTLY_ONCE, 10_000)));
    setups.removeIf(s -> !only.contains(s.name()));

    List<Outcome> outcomes = new ArrayList<>();
    Instant started = Instant.now();
    try (var kafka = Sandbox.startBroker(dir.resolve("kafka"), classpath);
        var sandbox = Sandbox.start(repo, workerHome, dir, kafka);
        var plugins = new PluginServer(pluginJar)) {
      for (Setup setup : setups) {
        outcomes.addAll(run(setup, sandbox, kafka, plugins, dir));
      }
    }
    Files.createDirectories(report.getParent());
    String markdown =
        ScalingReport.report(setups, outcomes, started)
            + ScalingReport.charts(setups, outcomes, report);
    System.out.println(markdown);
    Files.writeString(report, markdown);
    say("report written to " + report);
  }

  static List<Outcome> run(
      Setup setup, Sandbox sandbox, KafkaBroker kafka, PluginServer plugins, Path dir)
      throws Exception {
    String cluster = setup.name();
    String topic = cluster + "-load";
    Path arrivalsFile = dir.resolve(cluster + "-arrivals.txt");
    Files.deleteIfExists(arrivalsFile);
    Files.createFile(arrivalsFile);
    KubernetesClient client = sandbox.client();
    say(setup.label() + ": starting a 1-worker cluster");

    try (var admin = kafka.admin()) {
      admin.createTopics(List.of(new NewTopic(topic, SOURCE_TASKS, (short) 1))).all().get();
    }
    sandbox.apply(
        """
        apiVersion: tributary.dev/v1alpha1
        kind: KafkaConnect
        metadata: {name: %s}
        spec:
          replicas: 1
          bootstrapServers: %s:%d
          plugins:
            - name: load
              artifacts: [{type: url, url: '%s', sha512: %s}]
        %s"""
            .formatted(
                cluster,
                Sandbox.BROKER_ALIAS,
                Sandbox.BROKER_PORT,
                plugins.url(),
                plugins.sha512(),
                setup.extraSpec()));
    waitFor(Duration.ofMinutes(3), () -> clusterSettled(client, cluster, 1));
    if (setup.extraSpec().contains("exactlyOnceSource: true")) {
      // Turning exactly-once on rolls the workers twice (preparing, then enabled).
      waitFor(
          Duration.ofMinutes(3),
          () ->
              clusterSettled(client, cluster, 1)
                  && "enabled"
                      .equals(
                          client
                              .resources(KafkaConnect.class)
                              .inNamespace(NS)
                              .withName(cluster)
                              .get()
                              .getStatus()
                              .exactlyOnceSource));
    }
    sandbox.apply(
        """
        apiVersion: tributary.dev/v1alpha1
        kind: KafkaConnector
        metadata: {name: %s-source}
        spec:
          clusterRef: {name: %s}
          class: dev.tributary.load.SequenceSourceConnector
          tasksMax: %d
          config:
            topic: %s
            records.per.second: "%d"
            origin.start.ms: "%d"
            value.converter: org.apache.kafka.connect.storage.StringConverter
            key.converter: org.apache.kafka.connect.storage.StringConverter
        """
            .formatted(cluster, cluster, SOURCE_TASKS, topic, RATE, System.currentTimeMillis()));
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
            value.converter: org.apache.kafka.connect.storage.StringConverter
            key.converter: org.apache.kafka.connect.storage.StringConverter
        """
            .formatted(cluster, cluster, SINK_TASKS, topic, arrivalsFile));

    var tail = new SinkTail(arrivalsFile);
    waitFor(Duration.ofMinutes(3), () -> tail.allFlowing(SOURCE_TASKS, 3000));
    say(setup.label() + ": load flowing; 15 s of steady state");
    long steadyFrom = System.currentTimeMillis();
    Thread.sleep(15_000);
    // The load's own floor: its longest gap while nothing happens to the cluster.
    long floor =
        Arrivals.parse(tail.lines()).window(steadyFrom, System.currentTimeMillis()).stream()
            .mapToLong(TaskResult::longestGapMillis)
            .max()
            .orElse(0);

    List<Outcome> outcomes = new ArrayList<>();
    for (Scenario scenario : SCENARIOS) {
      say(setup.label() + ": " + scenario.name());
      long from = System.currentTimeMillis();
      scenario.action().run(sandbox, cluster);
      boolean capped = false;
      int mostOrphaned = 0;
      long deadline = from + SCENARIO_CAP.toMillis();
      while (!(System.currentTimeMillis() - from >= MIN_OBSERVATION.toMillis()
          && clusterSettled(client, cluster, scenario.replicasAfter())
          && tail.allFlowing(SOURCE_TASKS, 3000))) {
        if (System.currentTimeMillis() > deadline) {
          capped = true;
          break;
        }
        mostOrphaned = Math.max(mostOrphaned, orphanedTasks(client, cluster));
        Thread.sleep(500);
      }
      if (!scenario.measured()) {
        continue;
      }
      Thread.sleep(5000);
      long to = System.currentTimeMillis();
      tail.allFlowing(SOURCE_TASKS, 3000);
      var arrivals = Arrivals.parse(tail.lines());
      List<TaskResult> tasks = arrivals.window(from, to);
      var outcome =
          new Outcome(
              setup.label(),
              scenario.name(),
              tasks,
              capped,
              mostOrphaned,
              arrivals.perSecond(from - CHART_LEAD_SECONDS * 1000L, to),
              floor,
              scenario.crash()
                  ? setup.sessionMillis() + CRASH_MARGIN_MILLIS
                  : floor + PLANNED_MARGIN_MILLIS,
              timelineOfLongestStall(arrivals, tasks, cluster, dir.resolve("pods"), from, to));
      outcomes.add(outcome);
      say(
          String.format(
              Locale.ROOT,
              "%s: %s: longest gap %.1f s, lost %d, duplicates %d (%d re-emitted), at most %d"
                  + " tasks ORPHANED%s",
              setup.label(),
              scenario.name(),
              outcome.longestGap() / 1000.0,
              outcome.lost(),
              outcome.duplicates(),
              outcome.reemitted(),
              outcome.mostOrphaned(),
              capped ? " (still stalled when observation stopped)" : ""));
    }

    client.resources(KafkaConnector.class).inNamespace(NS).withName(cluster + "-source").delete();
    waitFor(Duration.ofMinutes(2), () -> tail.quietFor(5000));
    client.resources(KafkaConnector.class).inNamespace(NS).withName(cluster + "-sink").delete();
    client.resources(KafkaConnect.class).inNamespace(NS).withName(cluster).delete();
    waitFor(
        Duration.ofMinutes(3),
        () ->
            client
                .pods()
                .inNamespace(NS)
                .withLabel(Tributary.LABEL_CLUSTER, cluster)
                .list()
                .getItems()
                .isEmpty());
    return outcomes;
  }

  /**
   * The steps of the move of the task that stalled longest, from the workers' logs, as a Markdown
   * table with times from the action.
   */
  static String timelineOfLongestStall(
      Arrivals arrivals, List<TaskResult> tasks, String cluster, Path pods, long from, long to) {
    TaskResult worst =
        tasks.stream().max(Comparator.comparingLong(TaskResult::longestGapMillis)).get();
    Arrivals.Gap stall = arrivals.longestStall(worst.task(), from, to);
    var steps =
        TaskTimeline.of(
            cluster + "-source-" + worst.task(),
            stall,
            WorkerLogs.since(pods, NS, cluster, from),
            stall.start() - 1000,
            stall.end() + 300);
    return "Task " + worst.task() + ":\n\n" + TaskTimeline.markdown(steps, from);
  }

  /** Tasks the cluster's KafkaConnectors report ORPHANED right now. */
  static int orphanedTasks(KubernetesClient client, String cluster) {
    return client.resources(KafkaConnector.class).inNamespace(NS).list().getItems().stream()
        .filter(c -> c.getSpec().clusterRef.name.equals(cluster) && c.getStatus() != null)
        .filter(c -> c.getStatus().tasks != null)
        .mapToInt(
            c ->
                (int)
                    c.getStatus().tasks.stream()
                        .filter(t -> t.state == ConnectState.ORPHANED)
                        .count())
        .sum();
  }

  static void scale(Sandbox sandbox, String cluster, int replicas) {
    sandbox
        .client()
        .resources(KafkaConnect.class)
        .inNamespace(NS)
        .withName(cluster)
        .scale(replicas);
  }

  /** A worker-config change, which rolls every worker. */
  static void changeConfig(Sandbox sandbox, String cluster) {
    sandbox
        .client()
        .resources(KafkaConnect.class)
        .inNamespace(NS)
        .withName(cluster)
        .patch(
            PatchContext.of(PatchType.JSON),
            "[{\"op\":\"add\",\"path\":\"/spec/config/task.shutdown.graceful.timeout.ms\","
                + "\"value\":\"6000\"}]");
  }

  /** The cluster is Ready with {@code replicas} workers, all on the newest pod template. */
  static boolean clusterSettled(KubernetesClient client, String cluster, int replicas) {
    KafkaConnect connect =
        client.resources(KafkaConnect.class).inNamespace(NS).withName(cluster).get();
    StatefulSet sts =
        client
            .apps()
            .statefulSets()
            .inNamespace(NS)
            .withName(new ClusterNames(cluster, NS).statefulSet())
            .get();
    return connect != null
        && connect.getStatus() != null
        && Sandbox.isReady(connect.getStatus().conditions)
        && sts != null
        && sts.getStatus() != null
        && sts.getStatus().getReadyReplicas() != null
        && sts.getStatus().getReadyReplicas() == replicas
        && sts.getStatus().getReplicas() == replicas
        && sts.getStatus().getUpdatedReplicas() != null
        && sts.getStatus().getUpdatedReplicas() == replicas;
  }

  public static void waitFor(Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after " + timeout);
      }
      Thread.sleep(500);
    }
  }

  public static void say(String message) {
    System.out.println("[bench " + Instant.now() + "] " + message);
  }

  private ScalingBenchmark() {}
}
