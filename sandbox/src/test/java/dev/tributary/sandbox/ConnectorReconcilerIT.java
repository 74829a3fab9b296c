package dev.tributary.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.api.v1alpha1.ConnectState;
import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.operator.model.ClusterNames;
import dev.tributary.sandbox.apiserver.Apply;
import dev.tributary.sandbox.apiserver.OperatorHarness;
import dev.tributary.sandbox.apiserver.RestCallCounter;
import dev.tributary.sandbox.process.KafkaBroker;
import dev.tributary.sandbox.process.LocalWorker;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator against a real Connect worker and a real broker; the Kubernetes API is the mock
 * server, and the test plays the StatefulSet controller by marking the worker ready. The cluster's
 * API Service name resolves to the worker's loopback address through the operator's hosts file.
 */
@ExtendWith(SharedKafka.class)
class ConnectorReconcilerIT {

  static final String NS = "data";
  static final Duration WITHIN = Duration.ofSeconds(60);

  OperatorHarness harness;
  KubernetesClient client;
  LocalWorker worker;
  URI rest;
  Path dir;
  final RestCallCounter calls = new RestCallCounter();

  @BeforeEach
  void start() throws Exception {
    dir = TestPaths.freshDir("connectors");
    // 127.0.3.x: the sandbox's kubelet hands pods 127.0.1.x, so the two never meet.
    String address = "127.0.3." + (10 + (int) (System.nanoTime() % 200));
    KafkaBroker kafka = SharedKafka.broker();
    var props =
        new HashMap<>(
            LocalWorker.distributedProperties(
                kafka.bootstrapServers(), "reconciler-" + System.nanoTime(), address, 8083));
    worker =
        LocalWorker.start(
                TestPaths.workerHome(),
                dir.resolve("worker"),
                "distributed",
                props,
                List.of(),
                Map.of())
            .awaitHealthy(Duration.ofSeconds(90));
    rest = worker.restUrl();
    harness = OperatorHarness.start(TestPaths.repo(), dir, Duration.ofMillis(500), calls);
    harness.mapHost(new ClusterNames("pipeline", "data").apiHost(), address);
    client = harness.client();
    clusterIsReady();
  }

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
    if (worker != null) {
      worker.stop();
    }
  }

  /**
   * Creates the KafkaConnect, then does what the StatefulSet controller would: one ready worker.
   */
  void clusterIsReady() {
    client
        .resource(
            Serialization.unmarshal(
                """
                apiVersion: tributary.dev/v1alpha1
                kind: KafkaConnect
                metadata: {name: pipeline, namespace: data}
                spec: {replicas: 1, bootstrapServers: "kafka:9092"}
                """,
                KafkaConnect.class))
        .create();
    await().atMost(WITHIN).until(() -> statefulSet() != null);
    harness.markWorkersReady(NS, "pipeline", 1);
    await()
        .atMost(WITHIN)
        .untilAsserted(
            () ->
                assertThat(
                        readyStatus(
                            cluster().getStatus() == null
                                ? null
                                : cluster().getStatus().conditions))
                    .isEqualTo("True"));
  }

  StatefulSet statefulSet() {
    return client.apps().statefulSets().inNamespace(NS).withName("pipeline-connect").get();
  }

  KafkaConnect cluster() {
    return client.resources(KafkaConnect.class).inNamespace(NS).withName("pipeline").get();
  }

  KafkaConnector connector(String name) {
    return client.resources(KafkaConnector.class).inNamespace(NS).withName(name).get();
  }

  static String readyStatus(List<Condition> conditions) {
    return conditions == null
        ? null
        : conditions.stream()
            .filter(c -> c.getType().equals("Ready"))
            .map(Condition::getStatus)
            .findFirst()
            .orElse(null);
  }

  static Condition ready(KafkaConnector connector) {
    return connector.getStatus().conditions.stream()
        .filter(c -> c.getType().equals("Ready"))
        .findFirst()
        .orElseThrow();
  }

  KafkaConnector apply(String yaml) {
    return Apply.createOrReplace(client, Serialization.unmarshal(yaml, KafkaConnector.class), NS);
  }

  JsonNode connect(String path) throws Exception {
    return ConnectRest.get(rest, path);
  }

  int connectStatusCode(String method, String path) throws Exception {
    var request =
        HttpRequest.newBuilder(rest.resolve(path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    return HttpClient.newHttpClient()
        .send(request, HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  String source(String extra) {
    return """
        apiVersion: tributary.dev/v1alpha1
        kind: KafkaConnector
        metadata: {name: file-source, namespace: data}
        spec:
          clusterRef: {name: pipeline}
          class: org.apache.kafka.connect.file.FileStreamSourceConnector
          tasksMax: 1
        """
        + extra.indent(2);
  }

  @Test
  void theClusterStatusComesFromTheRealRestApi() {
    KafkaConnect cluster = cluster();
    assertThat(cluster.getStatus().connectVersion).startsWith("4.3");
    assertThat(cluster.getStatus().kafkaClusterId).isNotBlank();
    assertThat(cluster.getStatus().connectorPlugins)
        .extracting(p -> p.connectorClass)
        .contains(
            "org.apache.kafka.connect.file.FileStreamSourceConnector",
            "org.apache.kafka.connect.file.FileStreamSinkConnector",
            "org.apache.kafka.connect.mirror.MirrorSourceConnector");
  }

  @Test
  void connectorsNoResourceManagesAreListedAndDeletedOnlyWhenTheClusterOptsIn() throws Exception {
    ConnectRest.putConnector(
        rest,
        "stray",
        Map.of(
            "connector.class",
            "org.apache.kafka.connect.file.FileStreamSourceConnector",
            "file",
            "/tmp/x",
            "topic",
            "stray"));
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .untilAsserted(
            () -> assertThat(cluster().getStatus().unmanagedConnectors).containsExactly("stray"));
    assertThat(connectStatusCode("GET", "connectors/stray"))
        .as("left alone by default")
        .isEqualTo(200);

    client
        .resources(KafkaConnect.class)
        .inNamespace(NS)
        .withName("pipeline")
        .edit(
            c -> {
              c.getSpec().deleteUnmanagedConnectors = true;
              return c;
            });
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .untilAsserted(
            () -> assertThat(connectStatusCode("GET", "connectors/stray")).isEqualTo(404));
  }

  @Test
  void aConnectorFollowsItsResourceThroughItsLifecycle() throws Exception {
    String input = dir.resolve("in.txt").toString();
    apply(source("state: running\nconfig: {file: " + input + ", topic: lines-a}"));
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              KafkaConnector c = connector("file-source");
              assertThat(c.getStatus()).isNotNull();
              assertThat(ready(c).getStatus()).isEqualTo("True");
              assertThat(c.getStatus().connectorState).isEqualTo(ConnectState.RUNNING);
              assertThat(c.getStatus().tasks)
                  .extracting(t -> t.state)
                  .containsExactly(ConnectState.RUNNING);
              assertThat(c.getStatus().tasks.get(0).workerId).contains("8083");
            });
    assertThat(connector("file-source").getMetadata().getFinalizers()).isNotEmpty();

    // edit → applied
    apply(source("state: running\nconfig: {file: " + input + ", topic: lines-b}"));
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(connect("connectors/file-source/config").get("topic").asText())
                    .isEqualTo("lines-b"));

    // paused, stopped, running again
    apply(source("state: paused\nconfig: {file: " + input + ", topic: lines-b}"));
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              assertThat(connect("connectors/file-source/status").at("/connector/state").asText())
                  .isEqualTo("PAUSED");
              assertThat(ready(connector("file-source")).getReason()).isEqualTo("Paused");
            });
    apply(source("state: stopped\nconfig: {file: " + input + ", topic: lines-b}"));
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(connect("connectors/file-source/status").at("/connector/state").asText())
                    .isEqualTo("STOPPED"));
    apply(source("state: running\nconfig: {file: " + input + ", topic: lines-b}"));
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(connector("file-source").getStatus().connectorState)
                    .isEqualTo(ConnectState.RUNNING));

    // a restart annotation is acted on once, then removed
    client
        .resources(KafkaConnector.class)
        .inNamespace(NS)
        .withName("file-source")
        .edit(
            c -> {
              c.getMetadata().getAnnotations().put("tributary.dev/restart", "includeTasks");
              return c;
            });
    await()
        .atMost(WITHIN)
        .until(
            () ->
                !connector("file-source")
                    .getMetadata()
                    .getAnnotations()
                    .containsKey("tributary.dev/restart"));

    // drift: deleted behind the operator's back → put back; reconfigured → put back
    assertThat(connectStatusCode("DELETE", "connectors/file-source")).isEqualTo(204);
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(connect("connectors/file-source/config").get("topic").asText())
                    .isEqualTo("lines-b"));
    ConnectRest.putConnector(
        rest,
        "file-source",
        Map.of(
            "connector.class",
            "org.apache.kafka.connect.file.FileStreamSourceConnector",
            "tasks.max",
            "1",
            "file",
            input,
            "topic",
            "hijacked"));
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(connect("connectors/file-source/config").get("topic").asText())
                    .isEqualTo("lines-b"));

    // an invalid edit: field errors in status, the running config untouched
    apply(
        source("state: running\nconfig: {file: " + input + ", topic: lines-c, batch.size: lots}"));
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              KafkaConnector c = connector("file-source");
              assertThat(ready(c).getReason()).isEqualTo("InvalidConfig");
              assertThat(c.getStatus().configErrors)
                  .extracting(e -> e.field)
                  .contains("batch.size");
            });
    assertThat(connect("connectors/file-source/config").get("topic").asText()).isEqualTo("lines-b");
    assertThat(connect("connectors/file-source/status").at("/connector/state").asText())
        .isEqualTo("RUNNING");

    // delete → gone from Connect, and the finalizer lets the resource go
    client.resources(KafkaConnector.class).inNamespace(NS).withName("file-source").delete();
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              assertThat(connectStatusCode("GET", "connectors/file-source")).isEqualTo(404);
              assertThat(connector("file-source")).isNull();
            });
  }

  @Test
  void aFailingTaskShowsInStatusAndIsRestartedWithinItsLimit() throws Exception {
    apply(
        """
        apiVersion: tributary.dev/v1alpha1
        kind: KafkaConnector
        metadata: {name: broken-sink, namespace: data}
        spec:
          clusterRef: {name: pipeline}
          class: org.apache.kafka.connect.file.FileStreamSinkConnector
          autoRestart: {maxRestarts: 2}
          config: {topics: nothing-here, file: /nonexistent-dir/for-sure/out.txt}
        """);
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              KafkaConnector c = connector("broken-sink");
              assertThat(c.getStatus()).isNotNull();
              assertThat(c.getStatus().tasks)
                  .extracting(t -> t.state)
                  .contains(ConnectState.FAILED);
              assertThat(ready(c).getReason()).isEqualTo("TasksFailed");
              assertThat(c.getStatus().tasks.get(0).trace).isNotBlank().doesNotContain("\n");
            });
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> assertThat(connector("broken-sink").getStatus().autoRestart.count).isEqualTo(2));
    Thread.sleep(12_000);
    assertThat(connector("broken-sink").getStatus().autoRestart.count)
        .as("maxRestarts is honoured")
        .isEqualTo(2);
  }

  @Test
  void restCallsPerSteadyStatePollDoNotGrowWithTheNumberOfConnectors() throws Exception {
    int connectors = 8;
    for (int i = 0; i < connectors; i++) {
      apply(
          source("config: {file: " + dir.resolve("in-" + i + ".txt") + ", topic: steady-" + i + "}")
              .replace("name: file-source", "name: steady-" + i));
    }
    await()
        .atMost(Duration.ofSeconds(90))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              for (int i = 0; i < connectors; i++) {
                assertThat(ready(connector("steady-" + i)).getStatus()).isEqualTo("True");
              }
            });
    Thread.sleep(2000);
    calls.reset();
    Thread.sleep(10_000);

    long polls = calls.polls();
    assertThat(polls).as("the cluster is polled about every 500 ms").isGreaterThanOrEqualTo(5);
    // Other calls come only from the cluster's own periodic refresh (GET /, plugins, names),
    // never one per connector per poll.
    assertThat(calls.total() - polls).as(calls.snapshot().toString()).isLessThanOrEqualTo(6);
  }

  @Test
  void aClusterWhoseRestApiHangsDoesNotDelayConnectorsOnAnotherCluster() throws Exception {
    // A stand-in for a Connect cluster that answers enough to look Ready, then hangs on every
    // connector call: an error path, so a stub is fine here.
    String stuckAddress = "127.0.4." + (10 + (int) (System.nanoTime() % 200));
    var stub = new MockWebServer();
    stub.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return switch (request.getPath()) {
              case "/" ->
                  new MockResponse()
                      .setBody(
                          "{\"version\":\"4.3.1\",\"commit\":\"x\",\"kafka_cluster_id\":\"stuck\"}");
              case "/connector-plugins?connectorsOnly=false", "/connectors" ->
                  new MockResponse().setBody("[]");
              default -> new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE);
            };
          }
        });
    stub.start(InetAddress.getByName(stuckAddress), 8083);
    try {
      harness.mapHost(new ClusterNames("stuck", "data").apiHost(), stuckAddress);
      client
          .resource(
              Serialization.unmarshal(
                  "apiVersion: tributary.dev/v1alpha1\nkind: KafkaConnect\nmetadata: {name: stuck, namespace: data}\n"
                      + "spec: {replicas: 1, bootstrapServers: 'kafka:9092'}\n",
                  KafkaConnect.class))
          .create();
      await()
          .atMost(WITHIN)
          .until(
              () ->
                  client.apps().statefulSets().inNamespace(NS).withName("stuck-connect").get()
                      != null);
      harness.markWorkersReady(NS, "stuck", 1);
      await()
          .atMost(WITHIN)
          .until(
              () -> {
                KafkaConnect stuck = harness.kafkaConnect(NS, "stuck");
                return stuck.getStatus() != null
                    && "True".equals(readyStatus(stuck.getStatus().conditions));
              });
      for (int i = 0; i < 3; i++) {
        apply(
            source("config: {file: /tmp/x, topic: t}")
                .replace("name: file-source", "name: on-stuck-" + i)
                .replace("name: pipeline", "name: stuck"));
      }
      Thread.sleep(1000);

      // Anything queued behind the hanging cluster waits at least the REST client's 20 s read
      // timeout, so Ready within that bound shows this cluster's work went past it.
      apply(source("config: {file: " + dir.resolve("in.txt") + ", topic: unaffected}"));
      await()
          .atMost(Duration.ofSeconds(20))
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                assertThat(connect("connectors/file-source/config").get("topic").asText())
                    .isEqualTo("unaffected");
                assertThat(ready(connector("file-source")).getStatus()).isEqualTo("True");
              });
      assertThat(
              connector("on-stuck-0").getStatus() == null
                  || !"True".equals(readyStatus(connector("on-stuck-0").getStatus().conditions)))
          .as("the hanging cluster's connectors are not reported Ready")
          .isTrue();
    } finally {
      stub.shutdown();
    }
  }

  @Test
  void anUnknownClassIsReportedWithoutTouchingConnect() throws Exception {
    apply(
        """
        apiVersion: tributary.dev/v1alpha1
        kind: KafkaConnector
        metadata: {name: typo, namespace: data}
        spec:
          clusterRef: {name: pipeline}
          class: org.apache.kafka.connect.file.FileStreamSorceConnector
          config: {topic: t}
        """);
    await()
        .atMost(WITHIN)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              KafkaConnector c = connector("typo");
              assertThat(ready(c).getReason()).isEqualTo("InvalidConfig");
              assertThat(c.getStatus().configErrors)
                  .extracting(e -> e.message)
                  .singleElement()
                  .asString()
                  .startsWith(
                      "org.apache.kafka.connect.file.FileStreamSorceConnector is not installed on"
                          + " KafkaConnect 'pipeline'; installed connector classes:")
                  .contains("org.apache.kafka.connect.file.FileStreamSourceConnector")
                  .doesNotContain("PluginDesc")
                  .doesNotContain("HTTP 500");
            });
    assertThat(connectStatusCode("GET", "connectors/typo")).isEqualTo(404);
  }
}
