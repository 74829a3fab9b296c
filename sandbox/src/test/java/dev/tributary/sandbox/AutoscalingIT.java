package dev.tributary.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.sandbox.process.LoadProducer;
import dev.tributary.sandbox.process.PluginServer;
import dev.tributary.sandbox.process.Records;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/**
 * The autoscaler on real workers and a real broker: a sink whose tasks each write 50 records a
 * second meets 200 a second, gets the tasks and workers that load needs in one change, catches up,
 * and scales back in once the load has gone; no record is lost.
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
      await()
          .atMost(Duration.ofSeconds(240))
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                var autoscaling = scaler().getStatus().autoscaling;
                String why = autoscaling.recommendation + "; holding: " + autoscaling.holding;
                assertThat(scaler().getSpec().replicas).as(why).isEqualTo(1);
                assertThat(connector("arrivals").getStatus().taskCount).as(why).isEqualTo(1);
                assertThat(connector("arrivals").getStatus().recommendedTasks).isEqualTo(1);
              });
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

  KafkaConnect scaler() {
    return sandbox.client().resources(KafkaConnect.class).inNamespace(NS).withName("scaler").get();
  }
}
