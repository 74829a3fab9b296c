package dev.tributary.operator.connectapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The REST client's error paths against a stub server; the happy paths run against real Connect.
 */
class ConnectRestClientTest {

  record Reply(int status, String body, long delayMillis) {}

  private final MockWebServer server = new MockWebServer();
  private final Map<String, Reply> replies = new ConcurrentHashMap<>();
  private final Map<String, String> lastBodies = new ConcurrentHashMap<>();
  private ConnectRestClient client;

  @BeforeEach
  void start() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String key = request.getMethod() + " " + request.getPath();
            lastBodies.put(key, request.getBody().readUtf8());
            Reply reply =
                replies.getOrDefault(
                    key, new Reply(404, "{\"error_code\":404,\"message\":\"not found\"}", 0));
            return new MockResponse()
                .setResponseCode(reply.status())
                .setBody(reply.body())
                .setHeadersDelay(reply.delayMillis(), TimeUnit.MILLISECONDS);
          }
        });
    server.start(InetAddress.getLoopbackAddress(), 0);
    var http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(1)).build();
    client = new ConnectRestClient(http, "http://127.0.0.1:" + server.getPort());
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  @Test
  void readsTypedAnswers() {
    replies.put(
        "GET /",
        new Reply(200, "{\"version\":\"4.3.1\",\"commit\":\"c\",\"kafka_cluster_id\":\"k1\"}", 0));
    replies.put(
        "GET /connectors?expand=status&expand=info",
        new Reply(
            200,
            """
            {"a": {"info": {"name": "a", "config": {"name": "a", "tasks.max": "1"}, "tasks": [{"connector": "a", "task": 0}], "type": "source"},
                   "status": {"name": "a", "connector": {"state": "RUNNING", "worker_id": "w:8083"},
                              "tasks": [{"id": 0, "state": "FAILED", "worker_id": "w:8083", "trace": "boom"}], "type": "source"}}}
            """,
            0));

    assertThat(client.serverInfo().kafkaClusterId()).isEqualTo("k1");
    var overview = client.connectorsExpanded().get("a");
    assertThat(overview.info().config()).containsEntry("tasks.max", "1");
    assertThat(overview.status().tasks().get(0).state()).isEqualTo("FAILED");
    assertThat(overview.status().tasks().get(0).workerId()).isEqualTo("w:8083");
  }

  @Test
  void anUnchangedListingIsNotParsedAgainAndAChangedOneIs() {
    String running =
        "{\"a\": {\"status\": {\"name\": \"a\", \"connector\": {\"state\": \"RUNNING\"},"
            + " \"tasks\": []}}}";
    replies.put("GET /connectors?expand=status&expand=info", new Reply(200, running, 0));
    var first = client.connectorsExpanded();
    var again = client.connectorsExpanded();
    assertThat(again)
        .as("the same text gives the same map, so a poll can skip its diff")
        .isSameAs(first);

    replies.put(
        "GET /connectors?expand=status&expand=info",
        new Reply(200, running.replace("RUNNING", "PAUSED"), 0));
    var changed = client.connectorsExpanded();
    assertThat(changed).isNotSameAs(first);
    assertThat(changed.get("a").status().connector().state()).isEqualTo("PAUSED");
    assertThat(server.getRequestCount()).as("every poll still asks Connect").isEqualTo(3);
  }

  @Test
  void notFoundIsEmptyForReadsAndFalseForDeletes() {
    assertThat(client.connectorStatus("missing")).isEmpty();
    assertThat(client.connectorConfig("missing")).isEmpty();
    assertThat(client.deleteConnector("missing")).isFalse();
    replies.put("DELETE /connectors/present", new Reply(204, "", 0));
    assertThat(client.deleteConnector("present")).isTrue();
  }

  @Test
  void writesToAMissingConnectorFailWithTheStatus() {
    assertThatThrownBy(() -> client.pauseConnector("missing"))
        .isInstanceOf(ConnectRestException.class)
        .satisfies(e -> assertThat(((ConnectRestException) e).status()).isEqualTo(404));
  }

  @Test
  void conflictIsRecognisedAsARebalance() {
    replies.put(
        "POST /connectors",
        new Reply(
            409,
            "{\"error_code\":409,\"message\":\"Cannot complete request momentarily due to stale configuration\"}",
            0));

    assertThatThrownBy(() -> client.createConnector("a", Map.of(), "RUNNING"))
        .isInstanceOfSatisfying(
            ConnectRestException.class,
            e -> {
              assertThat(e.isRebalanceInProgress()).isTrue();
              assertThat(e.getMessage()).contains("stale configuration").contains("409");
            });
  }

  @Test
  void serverErrorsCarryConnectsMessage() {
    replies.put(
        "PUT /connectors/a/config",
        new Reply(500, "{\"error_code\":500,\"message\":\"Request timed out\"}", 0));

    assertThatThrownBy(() -> client.putConnectorConfig("a", Map.of("k", "v")))
        .isInstanceOfSatisfying(
            ConnectRestException.class,
            e -> {
              assertThat(e.status()).isEqualTo(500);
              assertThat(e.isRebalanceInProgress()).isFalse();
              assertThat(e.getMessage()).contains("Request timed out");
            });
    assertThat(lastBodies.get("PUT /connectors/a/config")).isEqualTo("{\"k\":\"v\"}");
  }

  @Test
  void badRequestOnValidationIsAFailureButValidationErrorsComeAsData() {
    replies.put(
        "PUT /connector-plugins/org.example.Sink/config/validate",
        new Reply(
            200,
            """
            {"name": "org.example.Sink", "error_count": 1, "groups": ["Common"], "configs": [
              {"definition": {"name": "batch.size"}, "value": {"name": "batch.size", "value": "lots",
               "errors": ["Invalid value lots for configuration batch.size: Not a number of type INT"], "visible": true}}]}
            """,
            0));
    replies.put(
        "PUT /connector-plugins/org.example.Nope/config/validate",
        new Reply(
            400,
            "{\"error_code\":400,\"message\":\"Failed to find any class that implements Connector and which name matches org.example.Nope\"}",
            0));

    var validation = client.validateConfig("org.example.Sink", Map.of("batch.size", "lots"));
    assertThat(validation.errorCount()).isEqualTo(1);
    assertThat(validation.configs().get(0).value().errors())
        .singleElement()
        .asString()
        .contains("Not a number");
    assertThatThrownBy(() -> client.validateConfig("org.example.Nope", Map.of()))
        .isInstanceOfSatisfying(
            ConnectRestException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  void aHangingServerTimesOutAsUnreachable() {
    replies.put("GET /connectors", new Reply(200, "[]", 3000));

    assertThatThrownBy(() -> client.connectorNames())
        .isInstanceOfSatisfying(
            ConnectRestException.class, e -> assertThat(e.isUnreachable()).isTrue());
  }

  @Test
  void nothingListeningIsUnreachable() throws IOException {
    int closedPort;
    try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    var dead = new ConnectRestClient(new OkHttpClient(), "http://127.0.0.1:" + closedPort);

    assertThatThrownBy(dead::serverInfo)
        .isInstanceOfSatisfying(
            ConnectRestException.class, e -> assertThat(e.isUnreachable()).isTrue());
  }

  @Test
  void everyEndpointBuildsTheDocumentedRequest() {
    for (String key :
        List.of(
            "POST /connectors/a/restart?includeTasks=true&onlyFailed=false",
            "PUT /connectors/a/pause",
            "PUT /connectors/a/resume",
            "PUT /connectors/a/stop",
            "POST /connectors/a/tasks/2/restart",
            "PUT /connectors/a/topics/reset",
            "PUT /admin/loggers/org.apache.kafka.connect")) {
      replies.put(key, new Reply(202, "", 0));
    }
    replies.put(
        "GET /connectors/a/topics", new Reply(200, "{\"a\": {\"topics\": [\"t1\", \"t2\"]}}", 0));
    replies.put(
        "GET /connectors/a/offsets",
        new Reply(
            200,
            "{\"offsets\": [{\"partition\": {\"filename\": \"f\"}, \"offset\": {\"position\": 7}}]}",
            0));
    replies.put("DELETE /connectors/a/offsets", new Reply(200, "{\"message\": \"reset\"}", 0));
    replies.put(
        "GET /connector-plugins?connectorsOnly=false",
        new Reply(200, "[{\"class\": \"C\", \"type\": \"sink\", \"version\": \"1\"}]", 0));
    replies.put(
        "GET /admin/loggers",
        new Reply(200, "{\"root\": {\"level\": \"INFO\", \"last_modified\": null}}", 0));
    replies.put(
        "GET /health", new Reply(503, "{\"status\": \"starting\", \"message\": \"joining\"}", 0));

    client.restartConnector("a", true, false);
    client.pauseConnector("a");
    client.resumeConnector("a");
    client.stopConnector("a");
    client.restartTask("a", 2);
    client.resetTopics("a");
    client.setLoggerLevel("org.apache.kafka.connect", "DEBUG");
    assertThat(lastBodies.get("PUT /admin/loggers/org.apache.kafka.connect"))
        .isEqualTo("{\"level\":\"DEBUG\"}");
    assertThat(client.topics("a")).contains(List.of("t1", "t2"));
    assertThat(client.offsets("a").orElseThrow().offsets().get(0).offset())
        .containsEntry("position", 7);
    assertThat(client.deleteOffsets("a").message()).isEqualTo("reset");
    assertThat(client.connectorPlugins(false))
        .singleElement()
        .satisfies(p -> assertThat(p.className()).isEqualTo("C"));
    assertThat(client.loggers().get("root").level()).isEqualTo("INFO");
    assertThat(client.health().status()).isEqualTo("starting");
  }
}
