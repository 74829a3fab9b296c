package dev.tributary.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tributary.api.v1alpha1.ConnectState;
import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.sandbox.apiserver.Tables;
import dev.tributary.sandbox.cluster.StatefulSetController;
import dev.tributary.sandbox.process.Arrivals;
import dev.tributary.sandbox.process.PluginServer;
import dev.tributary.sandbox.process.Records;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * End to end through the sandbox: the examples applied to the API stand-in, the operator, the
 * StatefulSet controller, worker processes, a real broker, and records moving file → topic → file.
 */
class SandboxIT extends SandboxScenarios {
  @Test
  void everyExampleAppliesAndReachesReady() throws Exception {
    List<Path> examples;
    try (var files = Files.list(TestPaths.repo().resolve("examples"))) {
      examples = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    List<HasMetadata> applied = new ArrayList<>();
    for (Path file : examples) {
      applied.add(sandbox.apply(example(file.getFileName().toString())));
    }
    assertThat(applied).extracting(HasMetadata::getKind).contains("KafkaConnect", "KafkaConnector");

    for (HasMetadata resource : applied) {
      await()
          .atMost(WITHIN)
          .ignoreExceptions()
          .alias(resource.getKind() + " " + resource.getMetadata().getName() + " Ready")
          .until(
              () -> {
                var current =
                    resource.getKind().equals("KafkaConnect")
                        ? sandbox
                            .client()
                            .resources(KafkaConnect.class)
                            .inNamespace(NS)
                            .withName(resource.getMetadata().getName())
                            .get()
                            .getStatus()
                            .conditions
                        : sandbox
                            .client()
                            .resources(KafkaConnector.class)
                            .inNamespace(NS)
                            .withName(resource.getMetadata().getName())
                            .get()
                            .getStatus()
                            .conditions;
                return Sandbox.isReady(current);
              });
    }
    send(1, 5);
    awaitDelivered();
  }

  @Test
  void aPluginFetchedThroughSpecPluginsRunsAPipeline() throws Exception {
    String topic = "load-" + System.nanoTime();
    Path arrivals = dir.resolve("arrivals.txt");
    try (var admin = sandbox.kafka().admin();
        var plugins = new PluginServer(TestPaths.loadPlugin())) {
      admin
          .createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 2, (short) 1)))
          .all()
          .get();
      sandbox.apply(
          """
          apiVersion: tributary.dev/v1alpha1
          kind: KafkaConnect
          metadata: {name: loadgen}
          spec:
            replicas: 1
            bootstrapServers: my-cluster-kafka-bootstrap:9092
            plugins:
              - name: load
                artifacts: [{type: url, url: '%s', sha512: %s}]
          """
              .formatted(plugins.url(), plugins.sha512()));
      await()
          .atMost(WITHIN)
          .ignoreExceptions()
          .until(
              () -> {
                KafkaConnect loadgen =
                    sandbox
                        .client()
                        .resources(KafkaConnect.class)
                        .inNamespace(NS)
                        .withName("loadgen")
                        .get();
                return Sandbox.isReady(loadgen.getStatus().conditions)
                    && loadgen.getStatus().connectorPlugins.stream()
                        .anyMatch(
                            p ->
                                p.connectorClass.equals(
                                    "dev.tributary.load.SequenceSourceConnector"));
              });
      assertThat(pods())
          .filteredOn(p -> p.getMetadata().getName().startsWith("loadgen-connect-"))
          .allMatch(
              p ->
                  p.getSpec().getInitContainers().stream()
                      .anyMatch(c -> c.getName().equals("fetch-plugins")));

      long start = System.currentTimeMillis();
      sandbox.apply(
          """
          apiVersion: tributary.dev/v1alpha1
          kind: KafkaConnector
          metadata: {name: sequence}
          spec:
            clusterRef: {name: loadgen}
            class: dev.tributary.load.SequenceSourceConnector
            tasksMax: 2
            config: {topic: %s, records.per.second: "50", origin.start.ms: "%d",
              value.converter: org.apache.kafka.connect.storage.StringConverter}
          """
              .formatted(topic, start));
      sandbox.apply(
          """
          apiVersion: tributary.dev/v1alpha1
          kind: KafkaConnector
          metadata: {name: arrivals}
          spec:
            clusterRef: {name: loadgen}
            class: dev.tributary.load.ArrivalSinkConnector
            tasksMax: 2
            config: {topics: %s, file: '%s',
              value.converter: org.apache.kafka.connect.storage.StringConverter}
          """
              .formatted(topic, arrivals));

      await()
          .atMost(WITHIN)
          .untilAsserted(
              () -> {
                var perTask =
                    Arrivals.parse(Records.linesOf(arrivals))
                        .window(start, System.currentTimeMillis());
                assertThat(perTask).hasSize(2);
                assertThat(perTask).allMatch(t -> t.lost() == 0 && t.duplicates() == 0);
                assertThat(Records.linesOf(arrivals)).hasSizeGreaterThan(200);
              });

      // The worker crashes (SIGKILL): the kubelet restarts it, counted in restartCount, and the
      // tasks resume from their committed offsets: duplicates are allowed, losses are not.
      sandbox.cluster().killContainer(NS, "loadgen-connect-0");

      await()
          .atMost(WITHIN)
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                Pod pod =
                    sandbox.client().pods().inNamespace(NS).withName("loadgen-connect-0").get();
                assertThat(pod.getStatus().getContainerStatuses().get(0).getRestartCount())
                    .isEqualTo(1);
                assertThat(StatefulSetController.isReady(pod)).isTrue();
                var perTask =
                    Arrivals.parse(Records.linesOf(arrivals))
                        .window(start, System.currentTimeMillis());
                assertThat(perTask).allMatch(t -> t.lost() == 0);
                long now = System.currentTimeMillis();
                assertThat(Arrivals.parse(Records.linesOf(arrivals)).window(now - 3000, now))
                    .as("both tasks deliver new records again")
                    .hasSize(2)
                    .allMatch(t -> t.longestGapMillis() < 3000);
              });
    }
  }

  @Test
  void aPublishedConnectorPluginFromMavenCentralInstallsAndRuns() throws Exception {
    // Pods resolve cluster names through the sandbox's DNS and Maven Central's through the
    // machine's resolver, so fetch-plugins reaches it as it would from a real pod.
    String topic = "ticks-" + System.nanoTime();
    sandbox.apply(
        """
        apiVersion: tributary.dev/v1alpha1
        kind: KafkaConnect
        metadata: {name: camel}
        spec:
          replicas: 1
          bootstrapServers: my-cluster-kafka-bootstrap:9092
          # This plugin bundles its own Jackson: Connect's JsonConverter cannot load beside it.
          config:
            key.converter: org.apache.kafka.connect.storage.StringConverter
            value.converter: org.apache.kafka.connect.storage.StringConverter
          plugins:
            - name: camel-timer
              artifacts:
                - {type: maven, group: org.apache.camel.kafkaconnector,
                   artifact: camel-timer-kafka-connector, version: 0.7.2,
                   classifier: package, extension: tar.gz}
        """);
    await()
        .atMost(Duration.ofMinutes(4))
        .ignoreExceptions()
        .until(
            () ->
                sandbox
                    .client()
                    .resources(KafkaConnect.class)
                    .inNamespace(NS)
                    .withName("camel")
                    .get()
                    .getStatus()
                    .connectorPlugins
                    .stream()
                    .anyMatch(
                        p ->
                            p.connectorClass.equals(
                                "org.apache.camel.kafkaconnector.timer.CamelTimerSourceConnector")));
    sandbox.apply(
        """
        apiVersion: tributary.dev/v1alpha1
        kind: KafkaConnector
        metadata: {name: ticks}
        spec:
          clusterRef: {name: camel}
          class: org.apache.camel.kafkaconnector.timer.CamelTimerSourceConnector
          config:
            topics: %s
            camel.source.path.timerName: tick
        """
            .formatted(topic));
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              assertThat(Sandbox.isReady(connector("ticks").getStatus().conditions)).isTrue();
              assertThat(Records.valuesOf(sandbox.kafka().bootstrapServers(), topic)).isNotEmpty();
            });
  }

  @Test
  void aWorkerWhosePluginCannotBeFetchedSaysWhyInItsStatusAndInKubectl() throws Exception {
    try (var plugins = new PluginServer(TestPaths.loadPlugin())) {
      sandbox.apply(
          """
          apiVersion: tributary.dev/v1alpha1
          kind: KafkaConnect
          metadata: {name: broken}
          spec:
            replicas: 1
            bootstrapServers: my-cluster-kafka-bootstrap:9092
            plugins:
              - name: gone
                artifacts: [{type: url, url: '%s', sha512: %s}]
          """
              .formatted(plugins.url().replace(".jar", "-gone.jar"), plugins.sha512()));
      await()
          .atMost(WITHIN)
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                KafkaConnect broken =
                    sandbox
                        .client()
                        .resources(KafkaConnect.class)
                        .inNamespace(NS)
                        .withName("broken")
                        .get();
                assertThat(broken.getStatus().workers)
                    .singleElement()
                    .satisfies(
                        worker -> {
                          assertThat(worker.pod).isEqualTo("broken-connect-0");
                          assertThat(worker.ready).isFalse();
                          assertThat(worker.reason).isEqualTo("PluginInstallFailed");
                          assertThat(worker.message)
                              .startsWith("a plugin cannot be installed: plugin 'gone'")
                              .contains("404")
                              .endsWith("(check spec.plugins)");
                        });
                var ready = readyOf(broken.getStatus().conditions);
                assertThat(ready.getStatus()).isEqualTo("False");
                assertThat(ready.getReason()).isEqualTo("PluginInstallFailed");
                assertThat(ready.getMessage())
                    .startsWith("a plugin cannot be installed: plugin 'gone'")
                    .contains("(pod broken-connect-0");
              });
      await()
          .atMost(WITHIN)
          .untilAsserted(
              () ->
                  assertThat(
                          Tables.podStatusColumn(
                              Serialization.jsonMapper()
                                  .valueToTree(
                                      sandbox
                                          .client()
                                          .pods()
                                          .inNamespace(NS)
                                          .withName("broken-connect-0")
                                          .get())))
                      .as("what kubectl get pods shows")
                      .isIn("Init:Error", "Init:CrashLoopBackOff"));
      var pod = sandbox.client().pods().inNamespace(NS).withName("broken-connect-0");
      assertThat(pod.inContainer("fetch-plugins").getLog())
          .as("kubectl logs broken-connect-0 -c fetch-plugins")
          .contains("404");
      await()
          .atMost(WITHIN)
          .untilAsserted(
              () ->
                  assertThat(pod.inContainer("fetch-plugins").terminated().getLog())
                      .as("kubectl logs --previous: the run before, after a restart")
                      .contains("404"));
    }
  }

  @Test
  void theQuickStartRunsScalesSurvivesAPodLossAndCleansUp() throws Exception {
    String source = example("file-source-connector.yaml");
    sandbox.apply(example("kafka-connect.yaml"));
    sandbox.apply(source);
    sandbox.apply(example("file-sink-connector.yaml"));

    await().atMost(WITHIN).until(() -> clusterReadyWith(2));
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .until(
            () ->
                sandbox
                    .client()
                    .resources(KafkaConnector.class)
                    .inNamespace(NS)
                    .list()
                    .getItems()
                    .stream()
                    .allMatch(
                        c -> c.getStatus() != null && Sandbox.isReady(c.getStatus().conditions)));
    send(1, 20);
    awaitDelivered();
    assertThat(cluster().getStatus().connectVersion).startsWith("4.3");
    assertThat(sandbox.client().pods().inNamespace(NS).withName("pipeline-connect-0").getLog())
        .as("kubectl logs pipeline-connect-0")
        .contains("Kafka Connect starting");

    // kubectl scale, through the scale subresource
    sandbox.client().resources(KafkaConnect.class).inNamespace(NS).withName("pipeline").scale(3);
    await().atMost(WITHIN).until(() -> clusterReadyWith(3));
    assertThat(pods()).hasSize(3);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(eventReasonsAbout("pipeline"))
                    .as("kubectl get events tells when the scaling started and finished")
                    .contains("ScalingStarted", "ScalingFinished"));
    send(21, 40);
    awaitDelivered();

    // a worker-config change: the operator replaces the pods itself, one at a time, highest
    // ordinal first, each once Connect has settled after the one before
    sandbox
        .client()
        .resources(KafkaConnect.class)
        .inNamespace(NS)
        .withName("pipeline")
        .patch(
            PatchContext.of(PatchType.JSON),
            "[{\"op\":\"add\",\"path\":\"/spec/config/task.shutdown.graceful.timeout.ms\","
                + "\"value\":\"6000\"}]");
    send(41, 50);
    await()
        .atMost(Duration.ofMinutes(3))
        .until(() -> clusterReadyWith(3) && Rolls.allOnTheCurrentTemplate(sandbox.client(), NS, 3));
    assertThat(Rolls.replacedInOrder(sandbox.client(), NS))
        .as("kubectl get events: which pod was replaced, in order")
        .containsExactly("pipeline-connect-2", "pipeline-connect-1", "pipeline-connect-0");
    send(51, 60);
    awaitDelivered();

    sandbox.client().resources(KafkaConnect.class).inNamespace(NS).withName("pipeline").scale(1);
    await().atMost(WITHIN).until(() -> clusterReadyWith(1) && pods().size() == 1);
    assertThat(pods())
        .extracting(p -> p.getMetadata().getName())
        .containsExactly("pipeline-connect-0");
    send(61, 70);
    awaitDelivered();

    // a worker pod deleted: re-created, and the pipeline carries on
    String uid = pods().get(0).getMetadata().getUid();
    sandbox.client().pods().inNamespace(NS).withName("pipeline-connect-0").delete();
    await()
        .atMost(WITHIN)
        .until(() -> pods().size() == 1 && !pods().get(0).getMetadata().getUid().equals(uid));
    await().atMost(WITHIN).until(() -> clusterReadyWith(1));
    send(71, 80);
    awaitDelivered();
    assertThat(Records.linesOf(output)).as("nothing lost").containsAll(sent);

    // a KafkaConnector deleted: gone from Connect
    sandbox
        .client()
        .resources(KafkaConnector.class)
        .inNamespace(NS)
        .withName("file-source")
        .delete();
    await()
        .atMost(WITHIN)
        .until(
            () ->
                sandbox
                        .client()
                        .resources(KafkaConnector.class)
                        .inNamespace(NS)
                        .withName("file-source")
                        .get()
                    == null);

    // the KafkaConnect deleted: its workers stop
    sandbox.client().resources(KafkaConnect.class).inNamespace(NS).withName("pipeline").delete();
    await()
        .atMost(WITHIN)
        .until(
            () ->
                pods().isEmpty()
                    && sandbox
                        .client()
                        .apps()
                        .statefulSets()
                        .inNamespace(NS)
                        .list()
                        .getItems()
                        .isEmpty());
  }

  @Test
  void anOperatorRestartAndABadEditHarmNothingThatRuns() throws Exception {
    sandbox.apply(example("kafka-connect.yaml"));
    sandbox.apply(example("file-source-connector.yaml"));
    sandbox.apply(example("file-sink-connector.yaml"));
    await().atMost(WITHIN).until(() -> clusterReadyWith(2));
    send(1, 10);
    awaitDelivered();

    sandbox.harness().restartOperator();
    send(11, 20);
    awaitDelivered();
    String restUrl =
        "http://" + sandbox.cluster().podAddresses().get(NS + "/pipeline-connect-0") + ":8083/";
    List<String> names = new ArrayList<>();
    ConnectRest.get(java.net.URI.create(restUrl), "connectors").forEach(n -> names.add(n.asText()));
    assertThat(names)
        .as("no connector created twice")
        .containsExactlyInAnyOrder("file-sink", "file-source");

    // A KafkaConnect edit the CRD's rules refuse: the API answers 422 naming the field, as a real
    // API server does, and the workers keep running as they were.
    String podUid = pods().get(0).getMetadata().getUid();
    assertThatThrownBy(
            () ->
                sandbox.apply(
                    example("kafka-connect.yaml")
                        .replace(
                            "value.converter.schemas.enable: \"false\"", "group.id: hijacked")))
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getStatus().getDetails().getCauses())
                  .anySatisfy(
                      cause -> {
                        assertThat(cause.getField()).isEqualTo("spec.config");
                        assertThat(cause.getMessage()).contains("use spec.groupId");
                      });
            });
    assertThat(cluster().getSpec().config).doesNotContainKey("group.id");
    // A new group id would make the workers a new, empty Connect cluster: refused on update.
    assertThatThrownBy(
            () ->
                sandbox.apply(
                    example("kafka-connect.yaml").replaceAll("groupId: .*", "groupId: another")))
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e ->
                assertThat(e.getStatus().getDetails().getCauses())
                    .anySatisfy(
                        cause -> {
                          assertThat(cause.getField()).isEqualTo("spec.groupId");
                          assertThat(cause.getMessage()).contains("cannot change");
                        }));
    assertThat(cluster().getSpec().groupId).isEqualTo(topic);
    send(21, 30);
    awaitDelivered();
    assertThat(pods()).hasSize(2).anyMatch(p -> p.getMetadata().getUid().equals(podUid));
  }

  @Test
  void aClusterOnSecuredKafkaMovesRecordsKeepsItsPasswordSecretAndSaysWhenItIsWrong()
      throws Exception {
    sandbox.apply(example("kafka-connect-scram-tls.yaml"));
    sandbox.apply(example("secure-file-source-connector.yaml"));
    sandbox.apply(
        example("file-sink-connector.yaml")
            .replace("    name: pipeline\n", "    name: secure-pipeline\n"));
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .until(() -> Sandbox.isReady(secure().getStatus().conditions));
    send(1, 20);
    // Through the source whose Kafka password is a reference to the KafkaUser's Secret.
    awaitDelivered();
    assertThat(
            sandbox
                .client()
                .rbac()
                .roles()
                .inNamespace(NS)
                .withName("secure-pipeline-connect-secrets")
                .get()
                .getRules()
                .get(0)
                .getResourceNames())
        .containsExactly(Sandbox.USER_SECRET);

    // The password reaches the workers only as a mounted file: the leak scan after each test
    // finds it nowhere a user, a log or Connect could show it.

    // A wrong password: the worker cannot start, and the KafkaConnect says why in one line.
    putSecret(Sandbox.USER_SECRET, "password", "wrong-" + java.util.UUID.randomUUID());
    sandbox.client().pods().inNamespace(NS).withName("secure-pipeline-connect-0").delete();
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              var ready = readyOf(secure().getStatus().conditions);
              assertThat(ready.getReason()).isEqualTo("KafkaAuthenticationFailed");
              assertThat(ready.getMessage())
                  .contains("secure-pipeline-connect-0")
                  .contains("Authentication failed")
                  .contains("SCRAM-SHA-512");
            });
  }

  @Test
  void aConnectorReadsASecretAtTaskStartAndConnectStoresOnlyTheReference() throws Exception {
    sandbox.apply(example("kafka-connect.yaml"));
    String secretTopic = topic + "-from-secret";
    putSecret("pipeline-topic", "name", secretTopic);
    sandbox.apply(
        example("file-source-connector.yaml")
            .replace("topic: " + topic, "topic: ${secrets:pipeline-topic:name}"));
    sandbox.apply(
        example("file-sink-connector.yaml")
            .replace("topics: " + topic, "topics: ${secrets:pipeline-topic:name}"));
    await().atMost(WITHIN).until(() -> clusterReadyWith(2));
    send(1, 10);
    awaitDelivered();

    String restUrl =
        "http://" + sandbox.cluster().podAddresses().get(NS + "/pipeline-connect-0") + ":8083/";
    assertThat(
            ConnectRest.get(java.net.URI.create(restUrl), "connectors/file-source/config")
                .path("topic")
                .asText())
        .as("Connect stores and returns the reference, never the value")
        .isEqualTo("${secrets:pipeline-topic:name}");
    assertThat(Records.valuesOf(SharedKafka.broker().bootstrapServers(), topic + "-configs"))
        .as("Connect's config topic holds the references, never the value")
        .anyMatch(record -> record.contains("${secrets:pipeline-topic:name}"))
        .noneMatch(record -> record.contains(secretTopic));
    assertThat(
            sandbox
                .client()
                .rbac()
                .roles()
                .inNamespace(NS)
                .withName("pipeline-connect-secrets")
                .get()
                .getRules()
                .get(0)
                .getResourceNames())
        .as("the workers may read the Secret the connector references, and no other")
        .containsExactly("pipeline-topic");

    // The Secret changes: the connector is restarted and reads the new value.
    putSecret("pipeline-topic", "name", secretTopic + "-2");
    await()
        .atMost(WITHIN)
        .untilAsserted(
            () -> assertThat(eventReasonsAbout("file-source")).contains("SecretChanged"));

    // A reference to a key that does not exist: reported on the config key, nothing applied.
    sandbox.apply(
        example("file-source-connector.yaml")
            .replace("topic: " + topic, "topic: ${secrets:pipeline-topic:nope}"));
    awaitRefused(
        () -> connector("file-source"),
        "SecretNotFound",
        "spec.config.topic: Secret 'pipeline-topic' has no key 'nope'");
    assertThat(
            ConnectRest.get(java.net.URI.create(restUrl), "connectors/file-source/config")
                .path("topic")
                .asText())
        .as("the running connector keeps its config")
        .isEqualTo("${secrets:pipeline-topic:name}");
  }

  @Test
  void aClusterAuthenticatesWithAClientCertificate() throws Exception {
    sandbox.apply(
        """
        apiVersion: tributary.dev/v1alpha1
        kind: KafkaConnect
        metadata: {name: mtls-pipeline}
        spec:
          replicas: 1
          bootstrapServers: my-cluster-kafka-bootstrap:9094
          tls:
            trustedCertificates: [{secretName: connect-tls, key: ca.crt}]
          authentication:
            type: tls
            certificate: {secretName: connect-tls, key: user.crt}
            key: {secretName: connect-tls, key: user.key}
        """);

    awaitClusterReady("mtls-pipeline");

    // The leak scan run after every test finds a credential wherever one shows up.
    Map<String, String> searched = scanned.searched();
    Map<String, String> credentials = scanned.credentials();
    assertThat(searched)
        .containsKeys("operator log", "config topic " + NS + ".mtls-pipeline-configs")
        .hasKeySatisfying(
            new org.assertj.core.api.Condition<>(k -> k.startsWith("log pods/"), "a pod log"));
    String keyLine = SecretLeaks.fragments(credentials.get("client certificate key")).get(1);
    searched.put("ConfigMap leaky", "password: " + credentials.get("SCRAM password"));
    searched.put("log pods/leaky/main-1.log", "key line " + keyLine);
    assertThat(SecretLeaks.find(searched, credentials))
        .contains(
            "ConfigMap leaky: SCRAM password", "log pods/leaky/main-1.log: client certificate key")
        .allMatch(
            leak -> leak.startsWith("ConfigMap leaky: ") || leak.startsWith("log pods/leaky"));
  }

  @Test
  void aClusterAuthenticatesWithOAuthClientCredentials() throws Exception {
    var tokens = SharedKafka.broker().secured().tokenEndpoint();
    int issuedBefore = tokens.issued();
    sandbox.apply(
        """
        apiVersion: tributary.dev/v1alpha1
        kind: KafkaConnect
        metadata: {name: oauth-pipeline}
        spec:
          replicas: 1
          groupId: %s-oauth
          bootstrapServers: my-cluster-kafka-bootstrap:%d
          tls:
            trustedCertificates: [{secretName: %s, key: ca.crt}]
          authentication:
            type: oauth
            tokenEndpointUri: %s
            clientId: %s
            clientSecret: {secretName: %s, key: clientSecret}
            scope: kafka
        """
            .formatted(
                topic,
                Sandbox.BROKER_OAUTH_PORT,
                Sandbox.CA_SECRET,
                tokens.tokenUrl(),
                dev.tributary.sandbox.process.TokenEndpoint.CLIENT_ID,
                Sandbox.OAUTH_SECRET));
    awaitClusterReady("oauth-pipeline");
    assertThat(tokens.issued())
        .as("the worker got its tokens from the endpoint, and the broker took them")
        .isGreaterThan(issuedBefore);

    // The operator's own client reads a sink's partitions over OAuth once the platform team lists
    // the endpoint (TRIBUTARY_OAUTH_TOKEN_URLS; the operator runs in this JVM).
    dev.tributary.operator.kafkaload.OAuthTokenUrls.allow(tokens.tokenUrl());
    String oauthTopic = topic + "-oauth";
    try (var admin = sandbox.kafka().admin()) {
      admin
          .createTopics(
              List.of(new org.apache.kafka.clients.admin.NewTopic(oauthTopic, 3, (short) 1)))
          .all()
          .get();
    }
    sandbox.apply(
        """
        apiVersion: tributary.dev/v1alpha1
        kind: KafkaConnector
        metadata: {name: oauth-sink}
        spec:
          clusterRef: {name: oauth-pipeline}
          class: org.apache.kafka.connect.file.FileStreamSinkConnector
          tasksMax: 5
          config: {topics: %s, file: '%s'}
        """
            .formatted(oauthTopic, dir.resolve("oauth-sink.txt")));
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(connector("oauth-sink").getStatus().maxUsefulTasks)
                    .as("its 3 partitions, read by the operator with an OAuth token")
                    .isEqualTo(3));
  }

  KafkaConnect secure() {
    return sandbox
        .client()
        .resources(KafkaConnect.class)
        .inNamespace(NS)
        .withName("secure-pipeline")
        .get();
  }

  @Test
  void tasksLeftOnAWorkerThatIsGoneAreNotReportedRunning() throws Exception {
    // With Connect's rebalance delay in force, a removed worker's tasks run nowhere for a while,
    // yet Connect's /status keeps calling them RUNNING on that worker. The delay holds only while
    // the group leader stays: a new leader knows no previous assignment and hands the tasks out at
    // once. So pod 0 starts alone (and leads), and pod 1 joins it before it is removed. The topic
    // has a partition for each of the sink's 4 tasks (a task beyond them would not be asked for).
    try (var admin = sandbox.kafka().admin()) {
      admin
          .createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 4, (short) 1)))
          .all()
          .get();
    }
    sandbox.apply(
        example("kafka-connect.yaml")
            .replace("replicas: 2", "replicas: 1\n  rebalanceDelayMs: 40000"));
    sandbox.apply(example("file-sink-connector.yaml").replace("tasksMax: 1", "tasksMax: 4"));
    await().atMost(WITHIN).until(() -> clusterReadyWith(1));
    sandbox.client().resources(KafkaConnect.class).inNamespace(NS).withName("pipeline").scale(2);
    await().atMost(WITHIN).until(() -> clusterReadyWith(2));
    String departing = "pipeline-connect-1.pipeline-connect-workers." + NS + ".svc:8083";
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .until(
            () -> {
              KafkaConnector sink = connector("file-sink");
              return sink.getStatus().tasks.size() == 4
                  && sink.getStatus().tasks.stream().anyMatch(t -> departing.equals(t.workerId));
            });

    sandbox.client().resources(KafkaConnect.class).inNamespace(NS).withName("pipeline").scale(1);

    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              KafkaConnector sink = connector("file-sink");
              assertThat(sink.getStatus().tasks)
                  .filteredOn(t -> departing.equals(t.workerId))
                  .isNotEmpty()
                  .allMatch(t -> t.state == ConnectState.ORPHANED);
              assertThat(sink.getStatus().tasks)
                  .as("tasks on the worker that stays are running")
                  .filteredOn(t -> !departing.equals(t.workerId))
                  .isNotEmpty()
                  .allMatch(t -> t.state == ConnectState.RUNNING);
              assertThat(sink.getStatus().conditions)
                  .anyMatch(
                      c ->
                          c.getType().equals("Ready")
                              && c.getStatus().equals("False")
                              && c.getReason().equals("TasksOnDepartedWorkers"));
              assertThat(cluster().getStatus().conditions)
                  .as("the KafkaConnect says so too, naming the connector and its tasks")
                  .anyMatch(
                      c ->
                          c.getType().equals("Degraded")
                              && c.getStatus().equals("True")
                              && c.getReason().equals("TasksOnDepartedWorkers")
                              && c.getMessage().contains("file-sink ["));
            });
    String restUrl =
        "http://" + sandbox.cluster().podAddresses().get(NS + "/pipeline-connect-0") + ":8083/";
    assertThat(
            ConnectRest.get(java.net.URI.create(restUrl), "connectors/file-sink/status").toString())
        .as("while Connect itself still says RUNNING on the departed worker")
        .contains(departing);

    // Once Connect moves them (the delay expires), both statuses are Ready again.
    await()
        .atMost(Duration.ofSeconds(90))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              KafkaConnector sink = connector("file-sink");
              assertThat(sink.getStatus().tasks)
                  .hasSize(4)
                  .allMatch(t -> t.state == ConnectState.RUNNING && !departing.equals(t.workerId));
              assertThat(Sandbox.isReady(sink.getStatus().conditions)).isTrue();
              assertThat(clusterReadyWith(1)).isTrue();
              assertThat(cluster().getStatus().conditions)
                  .anyMatch(c -> c.getType().equals("Degraded") && c.getStatus().equals("False"));
            });
  }
}
