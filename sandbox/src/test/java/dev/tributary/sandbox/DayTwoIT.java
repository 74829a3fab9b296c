package dev.tributary.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.sandbox.process.Records;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Day-two operations on real workers: task scaling, log levels, plugin versions, offsets,
 * connectors from other namespaces and restart triggers kept in Git.
 */
class DayTwoIT extends SandboxScenarios {

  @Test
  void aConnectorsTasksScaleThroughItsScaleSubresource() throws Exception {
    sandbox.apply(example("kafka-connect.yaml"));
    sandbox.apply(example("file-source-connector.yaml"));
    sandbox.apply(example("file-sink-connector.yaml"));
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .until(() -> Sandbox.isReady(connector("file-sink").getStatus().conditions));
    assertThat(connector("file-sink").getStatus().taskCount).isEqualTo(1);
    assertThat(connector("file-sink").getStatus().labelSelector)
        .isEqualTo("tributary.dev/cluster=pipeline,tributary.dev/component=worker");

    // As kubectl scale, an HPA or KEDA would: the scale subresource, not the object.
    sandbox.client().resources(KafkaConnector.class).inNamespace(NS).withName("file-sink").scale(2);
    assertThat(connector("file-sink").getSpec().tasksMax).isEqualTo(2);
    // The topic has one partition: a second task could not work, and Connect is not asked for it.
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              var status = connector("file-sink").getStatus();
              assertThat(status.maxUsefulTasks).isEqualTo(1);
              assertThat(status.taskCount).isEqualTo(1);
              assertThat(eventReasonsAbout("file-sink")).containsOnlyOnce("TasksLimited");
            });
    // Partitions added: the second task follows, without another edit.
    try (var admin = sandbox.kafka().admin()) {
      admin
          .createPartitions(
              Map.of(topic, org.apache.kafka.clients.admin.NewPartitions.increaseTo(2)))
          .all()
          .get();
    }
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              var status = connector("file-sink").getStatus();
              assertThat(status.maxUsefulTasks).isEqualTo(2);
              assertThat(status.taskCount).isEqualTo(2);
              assertThat(status.tasksRunning).isEqualTo("2/2");
              assertThat(Sandbox.isReady(status.conditions)).isTrue();
            });
    send(1, 10);
    awaitDelivered();
  }

  @Test
  void theMirrorMakerExampleCopiesATopicAndIsSizedFromItsConsumersBacklog() throws Exception {
    sandbox.apply(example("kafka-connect.yaml"));
    sandbox.apply(example("file-source-connector.yaml"));
    send(1, 10);
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .until(() -> Records.valuesOf(sandbox.kafka().bootstrapServers(), topic).size() == 10);
    // Mirrored: a topic that exists, as MirrorMaker 2 finds it when it starts.
    sandbox.apply(example("mirror-source-connector.yaml"));
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(
                        new java.util.HashSet<>(
                            Records.valuesOf(sandbox.kafka().bootstrapServers(), "up." + topic)))
                    .hasSize(10)
                    .allSatisfy(value -> assertThat(value).contains("record-")));
    // Autoscaling is off in the example, but the size it would give is there: read from the
    // backlog its replication consumers report on the workers, with nothing configured for it.
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              var status = connector("mirror").getStatus();
              assertThat(Sandbox.isReady(status.conditions)).isTrue();
              assertThat(status.recommendedTasks).isEqualTo(1);
              assertThat(cluster().getStatus().autoscaling.recommendation)
                  .contains("mirror 1 task");
            });
  }

  /** A logger's level as the worker in {@code pod} reports it ({@code GET /admin/loggers}). */
  String levelOn(String pod, String logger) throws Exception {
    String address = sandbox.cluster().podAddresses().get(NS + "/" + pod);
    return ConnectRest.get(java.net.URI.create("http://" + address + ":8083/"), "admin/loggers")
        .path(logger)
        .path("level")
        .asText();
  }

  @Test
  void logLevelsReachEveryWorkerWithoutARollAndOutliveAPodRestart() throws Exception {
    String clusterYaml = example("kafka-connect.yaml");
    sandbox.apply(clusterYaml);
    sandbox.apply(example("file-source-connector.yaml"));
    await().atMost(WITHIN).until(() -> clusterReadyWith(2));
    List<String> uids = pods().stream().map(p -> p.getMetadata().getUid()).sorted().toList();

    String sinkTask = "org.apache.kafka.connect.runtime.WorkerSinkTask";
    sandbox.apply(
        clusterYaml.replaceFirst(
            "(?m)^spec:\n", "spec:\n  logging: {loggers: {" + sinkTask + ": DEBUG}}\n"));
    sandbox.apply(
        example("file-source-connector.yaml")
            .replace("  tasksMax: 1\n", "  tasksMax: 1\n  logLevel: TRACE\n"));
    String filePackage = "org.apache.kafka.connect.file";
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              for (String pod : List.of("pipeline-connect-0", "pipeline-connect-1")) {
                assertThat(levelOn(pod, sinkTask)).isEqualTo("DEBUG");
                assertThat(levelOn(pod, filePackage)).isEqualTo("TRACE");
              }
              assertThat(cluster().getStatus().loggers)
                  .containsEntry(sinkTask, "DEBUG")
                  .containsEntry(filePackage, "TRACE");
            });
    assertThat(pods().stream().map(p -> p.getMetadata().getUid()).sorted().toList())
        .as("no roll")
        .isEqualTo(uids);

    // A replaced worker starts with the levels: they are in its ConfigMap, read at start.
    sandbox.client().pods().inNamespace(NS).withName("pipeline-connect-0").delete();
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              // The new pod runs and is ready: the old process has stopped, so what answers on
              // the pod's address is the new worker.
              Pod replaced =
                  sandbox.client().pods().inNamespace(NS).withName("pipeline-connect-0").get();
              assertThat(uids).doesNotContain(replaced.getMetadata().getUid());
              assertThat(replaced.getStatus().getConditions())
                  .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
              assertThat(levelOn("pipeline-connect-0", sinkTask)).isEqualTo("DEBUG");
              assertThat(levelOn("pipeline-connect-0", filePackage)).isEqualTo("TRACE");
            });

    // The connector's level removed: its package goes back to the root logger's level.
    sandbox.apply(example("file-source-connector.yaml"));
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              for (String pod : List.of("pipeline-connect-0", "pipeline-connect-1")) {
                assertThat(levelOn(pod, filePackage)).isEqualTo("INFO");
              }
              assertThat(cluster().getStatus().loggers).containsOnlyKeys(sinkTask);
            });
  }

  /** The file-source example with {@code extra} lines added to its spec. */
  String fileSource(String extra) throws Exception {
    return example("file-source-connector.yaml")
        .replace("  tasksMax: 1\n", "  tasksMax: 1\n" + extra.indent(2));
  }

  void awaitConfigRejected(String named) {
    awaitRefused(() -> connector("file-source"), "InvalidConfig", named);
  }

  @Test
  void aConnectorPinsItsPluginVersionAndWhatTheClusterLacksIsNamedBeforeAnythingApplies()
      throws Exception {
    sandbox.apply(example("kafka-connect.yaml"));
    await().atMost(WITHIN).until(() -> clusterReadyWith(2));
    var plugins = cluster().getStatus().connectorPlugins;
    assertThat(plugins)
        .extracting(p -> p.type)
        .as("every kind of plugin, not connectors only")
        .contains("source", "sink", "converter", "transformation", "predicate");
    String version =
        plugins.stream()
            .filter(
                p ->
                    p.connectorClass.equals(
                        "org.apache.kafka.connect.file.FileStreamSourceConnector"))
            .findFirst()
            .orElseThrow()
            .version;

    sandbox.apply(fileSource("version: \"" + version + "\""));
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .until(() -> Sandbox.isReady(connector("file-source").getStatus().conditions));
    assertThat(connector("file-source").getStatus().version).isEqualTo(version);

    sandbox.apply(fileSource("version: \"9.9.9\""));
    awaitConfigRejected("spec.version");
    sandbox.apply(
        fileSource("")
            .replace(
                "org.apache.kafka.connect.transforms.HoistField$Value",
                "org.example.NoSuchTransform"));
    awaitConfigRejected("transforms.hoist.type");
    sandbox.apply(
        fileSource("")
            .replace(
                "    topic: ", "    value.converter: org.example.NoSuchConverter\n    topic: "));
    awaitConfigRejected("value.converter");

    String restUrl =
        "http://" + sandbox.cluster().podAddresses().get(NS + "/pipeline-connect-0") + ":8083/";
    assertThat(
            ConnectRest.get(java.net.URI.create(restUrl), "connectors/file-source/config")
                .path("transforms.hoist.type")
                .asText())
        .as("nothing was applied: the running connector keeps its config")
        .isEqualTo("org.apache.kafka.connect.transforms.HoistField$Value");
  }

  long copiesOf(String line) throws Exception {
    return Records.linesOf(output).stream().filter(line::equals).count();
  }

  @Test
  void connectorDefaultsReachEveryConnectorUnderItsOwnConfigAndAChangeReachesThemAll()
      throws Exception {
    sandbox.apply(
        example("kafka-connect.yaml")
            .replace(
                "spec:\n",
                "spec:\n  connectorDefaults: {errors.tolerance: all, errors.log.enable: 'true'}\n"));
    sandbox.apply(example("file-source-connector.yaml"));
    sandbox.apply(
        example("file-sink-connector.yaml")
            .replace("  config:\n", "  config:\n    errors.tolerance: none\n"));
    await().atMost(WITHIN).until(() -> clusterReadyWith(2));
    send(1, 3);
    awaitDelivered();
    String restUrl =
        "http://" + sandbox.cluster().podAddresses().get(NS + "/pipeline-connect-0") + ":8083/";
    java.util.function.Function<String, com.fasterxml.jackson.databind.JsonNode> config =
        name -> {
          try {
            return ConnectRest.get(java.net.URI.create(restUrl), "connectors/" + name + "/config");
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        };
    assertThat(config.apply("file-source").path("errors.tolerance").asText()).isEqualTo("all");
    assertThat(config.apply("file-sink").path("errors.tolerance").asText())
        .as("the connector's own config wins")
        .isEqualTo("none");
    await()
        .atMost(WITHIN)
        .untilAsserted(
            () ->
                assertThat(connector("file-sink").getStatus().inheritedConfig)
                    .containsExactly(Map.entry("errors.log.enable", "true")));

    // One change to the defaults reaches every connector, with an Event each; the workers stay.
    List<String> podsBefore = pods().stream().map(p -> p.getMetadata().getUid()).sorted().toList();
    sandbox
        .client()
        .resources(dev.tributary.api.v1alpha1.KafkaConnect.class)
        .inNamespace(NS)
        .withName("pipeline")
        .edit(
            c -> {
              c.getSpec().connectorDefaults =
                  Map.of("errors.tolerance", "all", "errors.log.enable", "false");
              return c;
            });
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              assertThat(config.apply("file-source").path("errors.log.enable").asText())
                  .isEqualTo("false");
              assertThat(config.apply("file-sink").path("errors.log.enable").asText())
                  .isEqualTo("false");
              assertThat(eventReasonsAbout("file-source")).contains("ConnectorReconfigured");
              assertThat(eventReasonsAbout("file-sink")).contains("ConnectorReconfigured");
            });
    assertThat(pods().stream().map(p -> p.getMetadata().getUid()).sorted().toList())
        .as("no worker restarted for it")
        .isEqualTo(podsBefore);
    send(4, 6);
    awaitDelivered();
  }

  @Test
  void offsetsResetOnDeleteMakeASourceAndASinkCreatedAgainStartAfresh() throws Exception {
    String resetOnDelete = "offsets: {resetOnDelete: true}\n";
    String sink =
        example("file-sink-connector.yaml")
            .replace("  tasksMax: 1\n", "  tasksMax: 1\n" + resetOnDelete.indent(2));
    sandbox.apply(example("kafka-connect.yaml"));
    sandbox.apply(fileSource(resetOnDelete));
    sandbox.apply(sink);
    await().atMost(WITHIN).until(() -> clusterReadyWith(2));
    send(1, 5);
    awaitDelivered();

    for (String name : List.of("file-source", "file-sink")) {
      sandbox.client().resources(KafkaConnector.class).inNamespace(NS).withName(name).delete();
    }
    await()
        .atMost(WITHIN)
        .until(() -> connector("file-source") == null && connector("file-sink") == null);
    assertThat(eventReasonsAbout("file-source")).contains("OffsetsReset");
    assertThat(eventReasonsAbout("file-sink")).contains("OffsetsReset");

    // Created again with the same names: the source reads its file from the start, the sink its
    // topic from the beginning. Without the reset both would resume, and nothing would repeat.
    sandbox.apply(fileSource(resetOnDelete));
    sandbox.apply(sink);
    await()
        .atMost(WITHIN)
        .untilAsserted(
            () -> {
              assertThat(Records.valuesOf(sandbox.kafka().bootstrapServers(), topic))
                  .as("the topic: every line written twice")
                  .hasSize(10);
              assertThat(copiesOf("record-1"))
                  .as("out.txt: once before, then twice more from the re-read topic")
                  .isEqualTo(3);
            });
    assertThat(Records.linesOf(output)).hasSize(15);
  }

  @Test
  void offsetsAreListedResetAndAlteredOncePerTriggerWithKubectlAlone() throws Exception {
    sandbox.apply(example("kafka-connect.yaml"));
    sandbox.apply(example("file-sink-connector.yaml"));
    String listed = "offsets:\n  listInto: file-source-offsets\n";
    sandbox.apply(fileSource(listed));
    await().atMost(WITHIN).until(() -> clusterReadyWith(2));
    send(1, 5);
    awaitDelivered();
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(
                        sandbox
                            .client()
                            .configMaps()
                            .inNamespace(NS)
                            .withName("file-source-offsets")
                            .get()
                            .getData()
                            .get("offsets.json"))
                    .contains("\"filename\" : \"" + input + "\"")
                    .contains("\"position\" : " + Files.size(input)));

    // Reset: the source reads its file again from the start, once.
    String reset = listed + "  reset: {trigger: r1}\n";
    sandbox.apply(fileSource(reset));
    await().atMost(WITHIN).until(() -> copiesOf("record-1") == 2);
    assertThat(connector("file-source").getStatus().offsets.lastResetTrigger).isEqualTo("r1");
    assertThat(eventReasonsAbout("file-source")).contains("OffsetsReset");
    sandbox.apply(fileSource(reset));
    send(6, 6);
    awaitDelivered();
    assertThat(copiesOf("record-1")).as("the same trigger re-applied resets nothing").isEqualTo(2);

    // Alter: from the third line on, as a ConfigMap made with kubectl says.
    long third = Files.readString(input).indexOf("record-3");
    sandbox
        .client()
        .configMaps()
        .inNamespace(NS)
        .resource(
            new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata()
                .withName("start-at-third")
                .endMetadata()
                .addToData(
                    "offsets.json",
                    "{\"offsets\": [{\"partition\": {\"filename\": \""
                        + input
                        + "\"}, \"offset\": {\"position\": "
                        + third
                        + "}}]}")
                .build())
        .create();
    sandbox.apply(fileSource(reset + "  alter: {trigger: a1, fromConfigMap: start-at-third}\n"));
    await().atMost(WITHIN).until(() -> copiesOf("record-3") == 3);
    assertThat(copiesOf("record-1")).isEqualTo(2);
    assertThat(connector("file-source").getStatus().offsets.lastAlterTrigger).isEqualTo("a1");
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .until(() -> Sandbox.isReady(connector("file-source").getStatus().conditions));

    // A refused alter names what was wrong and leaves the offsets and the connector running.
    sandbox.apply(fileSource(reset + "  alter: {trigger: a2, fromConfigMap: nowhere}\n"));
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(connector("file-source").getStatus().offsets.lastResult)
                    .contains("ConfigMap 'nowhere' does not exist"));
    assertThat(eventReasonsAbout("file-source")).contains("OffsetsChangeFailed");
    send(7, 7);
    awaitDelivered();
    // The listing is owned by its KafkaConnector and stays.
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                sandbox.client().configMaps().inNamespace(NS).withName("file-source-offsets").get()
                    != null);
  }

  KafkaConnector connectorIn(String namespace, String name) {
    return sandbox
        .client()
        .resources(KafkaConnector.class)
        .inNamespace(namespace)
        .withName(name)
        .get();
  }

  @Test
  void aClusterTakesConnectorsOnlyFromNamespacesItsSelectorMatches() throws Exception {
    for (var namespace :
        Map.of("team-b", Map.of("connect", "shared"), "team-c", Map.<String, String>of())
            .entrySet()) {
      sandbox
          .client()
          .namespaces()
          .resource(
              new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                  .withNewMetadata()
                  .withName(namespace.getKey())
                  .withLabels(namespace.getValue())
                  .endMetadata()
                  .build())
          .create();
    }
    sandbox.apply(
        example("kafka-connect.yaml")
            .replaceFirst(
                "(?m)^spec:\n",
                "spec:\n  connectorNamespaceSelector: {matchLabels: {connect: shared}}\n"));
    sandbox.apply(example("file-source-connector.yaml"));
    for (String namespace : List.of("team-b", "team-c")) {
      KafkaConnector visitor =
          Serialization.unmarshal(
              example("file-sink-connector.yaml")
                  .replace(
                      "    name: pipeline\n", "    name: pipeline\n    namespace: " + NS + "\n"),
              KafkaConnector.class);
      visitor.getMetadata().setNamespace(namespace);
      sandbox.client().resource(visitor).create();
    }

    // team-b's sink runs on the shared cluster, named after its namespace in Connect.
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(
                        Sandbox.isReady(connectorIn("team-b", "file-sink").getStatus().conditions))
                    .as(Serialization.asYaml(connectorIn("team-b", "file-sink").getStatus()))
                    .isTrue());
    send(1, 5);
    awaitDelivered();
    String restUrl =
        "http://" + sandbox.cluster().podAddresses().get(NS + "/pipeline-connect-0") + ":8083/";
    assertThat(ConnectRest.get(java.net.URI.create(restUrl), "connectors"))
        .extracting(com.fasterxml.jackson.databind.JsonNode::asText)
        .containsExactlyInAnyOrder("file-source", "team-b.file-sink");

    // team-c's namespace is not matched: refused, nothing sent to Connect.
    awaitRefused(
        () -> connectorIn("team-c", "file-sink"),
        "NamespaceNotAllowed",
        "does not take connectors from namespace team-c");
  }

  @Test
  void restartTriggersKeptInGitActOnceAndReapplyingChangesNothing() throws Exception {
    String clusterYaml = example("kafka-connect.yaml").replace("replicas: 2", "replicas: 1");
    String sourceYaml =
        example("file-source-connector.yaml")
            .replace("state: running", "state: running\n  restartTrigger: a");
    sandbox.apply(clusterYaml);
    sandbox.apply(sourceYaml);
    await().atMost(WITHIN).until(() -> clusterReadyWith(1));
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .until(() -> Sandbox.isReady(connector("file-source").getStatus().conditions));

    // Re-applied as a GitOps tool does: nothing restarts, no pod is replaced.
    String podUid = pods().get(0).getMetadata().getUid();
    sandbox.apply(clusterYaml);
    sandbox.apply(sourceYaml);
    Thread.sleep(5000);
    assertThat(eventReasonsAbout("file-source")).doesNotContain("ConnectorRestarted");
    assertThat(pods().get(0).getMetadata().getUid()).isEqualTo(podUid);

    sandbox.apply(sourceYaml.replace("restartTrigger: a", "restartTrigger: b"));
    await()
        .atMost(WITHIN)
        .untilAsserted(
            () -> assertThat(eventReasonsAbout("file-source")).contains("ConnectorRestarted"));
    assertThat(connector("file-source").getStatus().lastRestartTrigger).isEqualTo("b");

    sandbox.apply(clusterYaml.replace("replicas: 1", "replicas: 1\n  restartTrigger: rolled"));
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              assertThat(pods())
                  .singleElement()
                  .satisfies(p -> assertThat(p.getMetadata().getUid()).isNotEqualTo(podUid));
              assertThat(cluster().getStatus().lastRestartTrigger).isEqualTo("rolled");
            });
  }
}
