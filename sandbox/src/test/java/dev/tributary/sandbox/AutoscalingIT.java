package dev.tributary.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.sandbox.process.LoadProducer;
import dev.tributary.sandbox.process.PluginServer;
import dev.tributary.sandbox.process.Records;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.junit.jupiter.api.Test;

/**
 * The autoscaler on real workers and a real broker: a sink whose tasks each write 50 records a
 * second meets 200 a second, gets the tasks and workers that load needs in one change, catches up,
 * and scales back in once the load has gone; no record is lost. The same for a MirrorMaker 2 source
 * whose replication consumers the broker holds to a byte rate each, sized from the backlog its
 * consumers report.
 */
class AutoscalingIT extends SandboxScenarios {

  static final int PARTITIONS = 6;

  @Test
  void aSinkGetsTheTasksAndWorkersItsLoadNeedsAndGivesThemBack() throws Exception {
    String loadTopic = "autoscaled-" + System.nanoTime();
    Path arrivals = dir.resolve("arrivals.txt");
    try (var admin = sandbox.kafka().admin();
        var plugins = new PluginServer(TestPaths.loadPlugin())) {
      admin.createTopics(List.of(new NewTopic(loadTopic, PARTITIONS, (short) 1))).all().get();
      sandbox.apply(
          """
          apiVersion: tributary.dev/v1alpha1
          kind: KafkaConnect
          metadata: {name: scaler}
          spec:
            replicas: 1
            bootstrapServers: my-cluster-kafka-bootstrap:9092
            config: {offset.flush.interval.ms: "5000"}
            autoscaling: {enabled: true, maxReplicas: 3, tasksPerWorker: 2, lagSeconds: 30,
              cooldownSeconds: 15, scaleInAfterSeconds: 45}
            plugins:
              - name: load
                artifacts: [{type: url, url: '%s', sha512: %s}]
          """
              .formatted(plugins.url(), plugins.sha512()));
      await()
          .atMost(WITHIN)
          .ignoreExceptions()
          .until(
              () ->
                  scaler().getStatus().connectorPlugins.stream()
                      .anyMatch(p -> p.connectorClass.endsWith("ArrivalSinkConnector")));
      sandbox.apply(
          """
          apiVersion: tributary.dev/v1alpha1
          kind: KafkaConnector
          metadata: {name: arrivals}
          spec:
            clusterRef: {name: scaler}
            class: dev.tributary.load.ArrivalSinkConnector
            tasksMax: 10
            config: {topics: %s, file: '%s', task.records.per.second: "50",
              consumer.override.max.poll.records: "25",
              value.converter: org.apache.kafka.connect.storage.StringConverter}
          """
              .formatted(loadTopic, arrivals));

      // A new sink starts with one task; its 6 partitions cap it, said once.
      await()
          .atMost(WITHIN)
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                var status = connector("arrivals").getStatus();
                assertThat(status.maxUsefulTasks).isEqualTo(PARTITIONS);
                assertThat(status.taskCount).isEqualTo(1);
                assertThat(Sandbox.isReady(status.conditions)).isTrue();
              });
      assertThat(eventReasonsAbout("arrivals")).containsOnlyOnce("TasksLimited");

      var load = LoadProducer.start(sandbox.kafka().bootstrapServers(), loadTopic, PARTITIONS, 200);
      try {
        // 200/s at 50/s a task: 5 tasks or more (planned at 80%), 3 workers, in one change.
        await()
            .atMost(Duration.ofSeconds(180))
            .ignoreExceptions()
            .untilAsserted(
                () -> {
                  assertThat(scaler().getSpec().replicas).isEqualTo(3);
                  var status = connector("arrivals").getStatus();
                  assertThat(status.taskCount).isBetween(5, PARTITIONS);
                  assertThat(status.tasksRunning)
                      .isEqualTo(status.taskCount + "/" + status.taskCount);
                  assertThat(scaler().getStatus().readyReplicas).isEqualTo(3);
                });
        assertThat(eventReasonsAbout("scaler")).containsOnlyOnce("Autoscaled");
        // The busy time is sampled from the task threads, on every worker running a task.
        String address = sandbox.cluster().podAddresses().get(NS + "/scaler-connect-0");
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () -> {
                  var tasks =
                      ConnectRest.get(
                              java.net.URI.create("http://" + address + ":8083/"),
                              "tributary/task-load")
                          .path("tasks");
                  assertThat(tasks.findValuesAsText("connector")).contains("arrivals");
                  assertThat(tasks.findValues("sampledBusyRatio"))
                      .isNotEmpty()
                      .allSatisfy(ratio -> assertThat(ratio.asDouble()).isBetween(0.0, 1.0));
                });
        assertThat(scaler().getStatus().autoscaling.lastScale)
            .contains("workers 1 -> 3")
            .contains("arrivals tasks 1 -> ")
            .as("the workers' task-load extension told how busy the task was")
            .contains("tasks busy")
            .contains("a task moves");
        // Caught up: the lag is back within what the commits trail (one flush interval of input).
        await()
            .atMost(Duration.ofSeconds(120))
            .untilAsserted(
                () ->
                    assertThat(LoadProducer.lag(admin, loadTopic, PARTITIONS, "connect-arrivals"))
                        .isLessThan(200 * 10));
        assertThat(eventReasonsAbout("scaler"))
            .as("no second change under steady load")
            .containsOnlyOnce("Autoscaled");
      } finally {
        load.close();
      }

      // The load gone: after 45 s of low load, back to one worker and one task.
      awaitBackToOne("scaler", "arrivals");
      await()
          .atMost(WITHIN)
          .untilAsserted(
              () -> {
                Set<String> arrived = new HashSet<>();
                for (String line : Records.linesOf(arrivals)) {
                  arrived.add(line.substring(0, line.indexOf(' ')));
                }
                assertThat(arrived).as("no record lost").hasSize((int) load.sent());
              });
    }
  }

  @Test
  void aMirrorMakerSourceIsSizedFromItsReplicationConsumersBacklog() throws Exception {
    String upstream = "upstream-" + System.nanoTime();
    String bootstrap = sandbox.kafka().bootstrapServers();
    try (var admin = sandbox.kafka().admin()) {
      admin.createTopics(List.of(new NewTopic(upstream, PARTITIONS, (short) 1))).all().get();
      // Each task's consumer held to ~2 KiB/s by a real broker quota: a task then moves a few
      // dozen of these small records a second, and 100/s needs several tasks.
      List<ClientQuotaAlteration> quotas = new ArrayList<>();
      for (int task = 0; task < PARTITIONS; task++) {
        quotas.add(
            new ClientQuotaAlteration(
                new ClientQuotaEntity(
                    Map.of(
                        ClientQuotaEntity.CLIENT_ID,
                        "up->down|mirror-" + task + "|replication-consumer")),
                List.of(new ClientQuotaAlteration.Op("consumer_byte_rate", 2048.0))));
      }
      admin.alterClientQuotas(quotas).all().get();
      sandbox.apply(
          """
          apiVersion: tributary.dev/v1alpha1
          kind: KafkaConnect
          metadata: {name: mirrors}
          spec:
            replicas: 1
            bootstrapServers: my-cluster-kafka-bootstrap:9092
            config: {offset.flush.interval.ms: "5000"}
            autoscaling: {enabled: true, maxReplicas: 3, tasksPerWorker: 2, lagSeconds: 30,
              cooldownSeconds: 15, scaleInAfterSeconds: 45}
          """);
      sandbox.apply(
          """
          apiVersion: tributary.dev/v1alpha1
          kind: KafkaConnector
          metadata: {name: mirror}
          spec:
            clusterRef: {name: mirrors}
            class: org.apache.kafka.connect.mirror.MirrorSourceConnector
            tasksMax: 6
            config:
              source.cluster.alias: up
              target.cluster.alias: down
              source.cluster.bootstrap.servers: %s
              target.cluster.bootstrap.servers: %s
              topics: %s
              replication.factor: "1"
              offset-syncs.topic.replication.factor: "1"
              sync.topic.acls.enabled: "false"
              sync.topic.configs.enabled: "false"
              consumer.fetch.max.bytes: "1024"
              consumer.max.partition.fetch.bytes: "256"
              key.converter: org.apache.kafka.connect.converters.ByteArrayConverter
              value.converter: org.apache.kafka.connect.converters.ByteArrayConverter
          """
              .formatted(bootstrap, bootstrap, upstream));
      // Autoscaled, a new source with a backlog to read starts with one task.
      await()
          .atMost(WITHIN)
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                var status = connector("mirror").getStatus();
                assertThat(Sandbox.isReady(status.conditions)).as("%s", status.conditions).isTrue();
                assertThat(status.taskCount).isEqualTo(1);
              });

      var load = LoadProducer.start(bootstrap, upstream, PARTITIONS, 100);
      try {
        await()
            .atMost(Duration.ofSeconds(180))
            .ignoreExceptions()
            .untilAsserted(
                () -> {
                  var status = connector("mirror").getStatus();
                  assertThat(status.taskCount).isGreaterThanOrEqualTo(3);
                  assertThat(status.tasksRunning)
                      .isEqualTo(status.taskCount + "/" + status.taskCount);
                  assertThat(mirrors().getSpec().replicas).isGreaterThanOrEqualTo(2);
                });
        assertThat(mirrors().getStatus().autoscaling.lastScale)
            .as("sized from the backlog its consumers report, at the rate a task moved")
            .contains("mirror tasks 1 -> ")
            .contains("a task moves");
        // Caught up: what is left upstream is less than 10 s of input.
        await()
            .atMost(Duration.ofSeconds(150))
            .untilAsserted(
                () ->
                    assertThat(endOffsets(admin, upstream) - endOffsets(admin, "up." + upstream))
                        .isLessThan(100 * 10));
      } finally {
        load.close();
      }

      awaitBackToOne("mirrors", "mirror");
      await()
          .atMost(WITHIN)
          .untilAsserted(
              () ->
                  assertThat(new HashSet<>(Records.valuesOf(bootstrap, "up." + upstream)))
                      .as("no record lost")
                      .hasSize((int) load.sent()));
    }
  }

  private static long endOffsets(org.apache.kafka.clients.admin.Admin admin, String topic)
      throws Exception {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (int p = 0; p < PARTITIONS; p++) {
      latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    return admin.listOffsets(latest).all().get().values().stream()
        .mapToLong(ListOffsetsResultInfo::offset)
        .sum();
  }

  /** Once the load has gone, the cluster is back to one worker and the connector to one task. */
  void awaitBackToOne(String cluster, String connector) {
    await()
        .atMost(Duration.ofSeconds(240))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              var autoscaling = cluster(cluster).getStatus().autoscaling;
              String why = autoscaling.recommendation + "; holding: " + autoscaling.holding;
              assertThat(cluster(cluster).getSpec().replicas).as(why).isEqualTo(1);
              assertThat(connector(connector).getStatus().taskCount).as(why).isEqualTo(1);
              assertThat(connector(connector).getStatus().recommendedTasks).isEqualTo(1);
            });
  }

  KafkaConnect mirrors() {
    return cluster("mirrors");
  }

  KafkaConnect scaler() {
    return cluster("scaler");
  }

  KafkaConnect cluster(String name) {
    return sandbox.client().resources(KafkaConnect.class).inNamespace(NS).withName(name).get();
  }
}
