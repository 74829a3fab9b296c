package dev.tributary.operator.connectapi;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.contract.WorkerContract;
import dev.tributary.operator.connectapi.dto.ActiveTopics;
import dev.tributary.operator.connectapi.dto.ConfigKey;
import dev.tributary.operator.connectapi.dto.ConfigValidation;
import dev.tributary.operator.connectapi.dto.ConnectorInfo;
import dev.tributary.operator.connectapi.dto.ConnectorOverview;
import dev.tributary.operator.connectapi.dto.ConnectorStatus;
import dev.tributary.operator.connectapi.dto.CreateConnector;
import dev.tributary.operator.connectapi.dto.Health;
import dev.tributary.operator.connectapi.dto.LoggerLevel;
import dev.tributary.operator.connectapi.dto.Message;
import dev.tributary.operator.connectapi.dto.Offsets;
import dev.tributary.operator.connectapi.dto.PluginInfo;
import dev.tributary.operator.connectapi.dto.ServerInfo;
import dev.tributary.operator.connectapi.dto.StateInfo;
import dev.tributary.operator.connectapi.dto.TaskInfo;
import dev.tributary.operator.connectapi.dto.WorkerBacklog;
import dev.tributary.operator.connectapi.dto.WorkerTaskLoad;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** {@link ConnectApi} over HTTP: OkHttp and Jackson. */
public final class ConnectRestClient implements ConnectApi {

  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supplier<OkHttpClient> http;
  private final HttpUrl base;
  private volatile Listing lastListing;

  public ConnectRestClient(OkHttpClient http, String baseUrl) {
    this(() -> http, baseUrl);
  }

  /** With the HTTP client of the moment for each call: a cluster's TLS may be turned on later. */
  public ConnectRestClient(Supplier<OkHttpClient> http, String baseUrl) {
    this.http = http;
    this.base = HttpUrl.get(baseUrl);
  }

  @Override
  public String baseUrl() {
    return base.toString();
  }

  // --- server ---

  @Override
  public ServerInfo serverInfo() {
    return call(get(url()), new TypeReference<ServerInfo>() {});
  }

  /** {@code GET /health}: 200 healthy, 503 starting; both answer with a body. */
  @Override
  public Health health() {
    Answer answer = exchange(get(url("health")));
    if (answer.code() != 200 && answer.code() != 503) {
      throw failure(answer, get(url("health")));
    }
    return parse(answer.body(), new TypeReference<Health>() {});
  }

  @Override
  public Optional<WorkerTaskLoad> taskLoad() {
    return readOptional(
        get(url(WorkerContract.TASK_LOAD_PATH.split("/"))), new TypeReference<>() {});
  }

  @Override
  public Optional<WorkerBacklog> backlog(List<String> mbeans, String attribute) {
    HttpUrl.Builder url = url(WorkerContract.BACKLOG_PATH.split("/")).newBuilder();
    mbeans.forEach(mbean -> url.addQueryParameter("mbean", mbean));
    url.addQueryParameter("attribute", attribute);
    return readOptional(get(url.build()), new TypeReference<>() {});
  }

  // --- connectors ---

  @Override
  public List<String> connectorNames() {
    return readOptional(get(url("connectors")), new TypeReference<List<String>>() {})
        .orElse(List.of());
  }

  /** Every connector's config and status in one call. */
  @Override
  public Map<String, ConnectorOverview> connectorsExpanded() {
    HttpUrl url =
        url("connectors")
            .newBuilder()
            .addQueryParameter("expand", "status")
            .addQueryParameter("expand", "info")
            .build();
    String body = readBody(get(url)).orElse("");
    Listing previous = lastListing;
    if (previous != null && previous.body().equals(body)) {
      return previous.connectors();
    }
    Map<String, ConnectorOverview> connectors =
        body.isBlank()
            ? Map.of()
            : Map.copyOf(parse(body, new TypeReference<Map<String, ConnectorOverview>>() {}));
    lastListing = new Listing(body, connectors);
    return connectors;
  }

  /**
   * The last listing and what it said. A cluster is listed every poll, and nothing in it has
   * changed most of the time: the same text is then not parsed again, and the same map comes back.
   */
  private record Listing(String body, Map<String, ConnectorOverview> connectors) {}

  @Override
  public ConnectorInfo createConnector(
      String name, Map<String, String> config, String initialState) {
    return call(
        post(url("connectors"), new CreateConnector(name, config, initialState)),
        new TypeReference<ConnectorInfo>() {});
  }

  @Override
  public Optional<ConnectorInfo> connector(String name) {
    return readOptional(get(url("connectors", name)), new TypeReference<>() {});
  }

  @Override
  public Optional<Map<String, String>> connectorConfig(String name) {
    return readOptional(get(url("connectors", name, "config")), new TypeReference<>() {});
  }

  /** Create-or-update: idempotent. */
  @Override
  public ConnectorInfo putConnectorConfig(String name, Map<String, String> config) {
    return call(
        put(url("connectors", name, "config"), config), new TypeReference<ConnectorInfo>() {});
  }

  /** Merges {@code patch} into the config; a null value removes that key. */
  @Override
  public ConnectorInfo patchConnectorConfig(String name, Map<String, String> patch) {
    return call(
        request(url("connectors", name, "config"), "PATCH", patch),
        new TypeReference<ConnectorInfo>() {});
  }

  @Override
  public Optional<ConnectorStatus> connectorStatus(String name) {
    return readOptional(get(url("connectors", name, "status")), new TypeReference<>() {});
  }

  @Override
  public void restartConnector(String name, boolean includeTasks, boolean onlyFailed) {
    HttpUrl url =
        url("connectors", name, "restart")
            .newBuilder()
            .addQueryParameter("includeTasks", String.valueOf(includeTasks))
            .addQueryParameter("onlyFailed", String.valueOf(onlyFailed))
            .build();
    call(request(url, "POST", null));
  }

  @Override
  public void pauseConnector(String name) {
    call(request(url("connectors", name, "pause"), "PUT", null));
  }

  @Override
  public void resumeConnector(String name) {
    call(request(url("connectors", name, "resume"), "PUT", null));
  }

  @Override
  public void stopConnector(String name) {
    call(request(url("connectors", name, "stop"), "PUT", null));
  }

  /** Deletes the connector; false when it did not exist. */
  @Override
  public boolean deleteConnector(String name) {
    Request request = request(url("connectors", name), "DELETE", null);
    Answer answer = exchange(request);
    if (answer.code() == 404) {
      return false;
    }
    if (!answer.isSuccessful()) {
      throw failure(answer, request);
    }
    return true;
  }

  @Override
  public Optional<List<TaskInfo>> tasks(String name) {
    return readOptional(get(url("connectors", name, "tasks")), new TypeReference<>() {});
  }

  @Override
  public Optional<StateInfo> taskStatus(String name, int task) {
    return readOptional(
        get(url("connectors", name, "tasks", String.valueOf(task), "status")),
        new TypeReference<>() {});
  }

  @Override
  public void restartTask(String name, int task) {
    call(request(url("connectors", name, "tasks", String.valueOf(task), "restart"), "POST", null));
  }

  @Override
  public Optional<List<String>> topics(String name) {
    return readOptional(
            get(url("connectors", name, "topics")),
            new TypeReference<Map<String, ActiveTopics>>() {})
        .map(byName -> byName.containsKey(name) ? byName.get(name).topics() : List.of());
  }

  @Override
  public void resetTopics(String name) {
    call(request(url("connectors", name, "topics", "reset"), "PUT", null));
  }

  @Override
  public Optional<Offsets> offsets(String name) {
    return readOptional(get(url("connectors", name, "offsets")), new TypeReference<>() {});
  }

  /** Alters offsets; Connect answers 400 unless the connector is STOPPED. */
  @Override
  public Message patchOffsets(String name, Offsets offsets) {
    return call(
        request(url("connectors", name, "offsets"), "PATCH", offsets),
        new TypeReference<Message>() {});
  }

  /** Resets offsets; Connect answers 400 unless the connector is STOPPED. */
  @Override
  public Message deleteOffsets(String name) {
    return call(
        request(url("connectors", name, "offsets"), "DELETE", null),
        new TypeReference<Message>() {});
  }

  // --- plugins ---

  @Override
  public List<PluginInfo> connectorPlugins(boolean connectorsOnly) {
    HttpUrl url =
        url("connector-plugins")
            .newBuilder()
            .addQueryParameter("connectorsOnly", String.valueOf(connectorsOnly))
            .build();
    return readOptional(get(url), new TypeReference<List<PluginInfo>>() {}).orElse(List.of());
  }

  @Override
  public Optional<List<ConfigKey>> pluginConfig(String pluginClass) {
    return readOptional(
        get(url("connector-plugins", pluginClass, "config")), new TypeReference<>() {});
  }

  /** Validates a config; answers 200 with the errors in the body even when it is invalid. */
  @Override
  public ConfigValidation validateConfig(String pluginClass, Map<String, String> config) {
    return call(
        put(url("connector-plugins", pluginClass, "config", "validate"), config),
        new TypeReference<ConfigValidation>() {});
  }

  // --- loggers ---

  @Override
  public Map<String, LoggerLevel> loggers() {
    return readOptional(
            get(url("admin", "loggers")), new TypeReference<Map<String, LoggerLevel>>() {})
        .orElse(Map.of());
  }

  @Override
  public List<String> setLoggerLevel(String logger, String level) {
    return call(
        put(url("admin", "loggers", logger), Map.of("level", level)),
        new TypeReference<List<String>>() {});
  }

  @Override
  public void setClusterLoggerLevel(String logger, String level) {
    HttpUrl url =
        url("admin", "loggers", logger).newBuilder().addQueryParameter("scope", "cluster").build();
    call(put(url, Map.of("level", level)));
  }

  // --- plumbing ---

  private record Answer(int code, String body) {
    boolean isSuccessful() {
      return code / 100 == 2;
    }
  }

  private HttpUrl url(String... segments) {
    HttpUrl.Builder builder = base.newBuilder();
    for (String segment : segments) {
      builder.addPathSegment(segment);
    }
    return builder.build();
  }

  private static Request get(HttpUrl url) {
    return new Request.Builder().url(url).get().header("Accept", "application/json").build();
  }

  private static Request post(HttpUrl url, Object body) {
    return request(url, "POST", body);
  }

  private static Request put(HttpUrl url, Object body) {
    return request(url, "PUT", body);
  }

  private static Request request(HttpUrl url, String method, Object body) {
    RequestBody requestBody = null;
    if (body != null) {
      try {
        requestBody = RequestBody.create(JSON.writeValueAsBytes(body), JSON_TYPE);
      } catch (IOException e) {
        throw new IllegalArgumentException("request body is not serialisable", e);
      }
    } else if (!method.equals("DELETE")) {
      requestBody = RequestBody.create(new byte[0], JSON_TYPE);
    }
    return new Request.Builder()
        .url(url)
        .method(method, requestBody)
        .header("Accept", "application/json")
        .build();
  }

  private Answer exchange(Request request) {
    try (Response response = http.get().newCall(request).execute()) {
      return new Answer(response.code(), response.body() == null ? "" : response.body().string());
    } catch (IOException e) {
      throw new ConnectRestException(
          0,
          request.method() + " " + request.url().encodedPath() + " on " + base.host() + ": " + e,
          e);
    }
  }

  /** A read: 404 is an empty answer. */
  private <T> Optional<T> readOptional(Request request, TypeReference<T> type) {
    return readBody(request).filter(body -> !body.isBlank()).map(body -> parse(body, type));
  }

  /** A read's body: 404 is empty, any other non-2xx answer a failure. */
  private Optional<String> readBody(Request request) {
    Answer answer = exchange(request);
    if (answer.code() == 404) {
      return Optional.empty();
    }
    if (!answer.isSuccessful()) {
      throw failure(answer, request);
    }
    return Optional.of(answer.body());
  }

  /** A write, or a read of something that must exist: any non-2xx answer is a failure. */
  private <T> T call(Request request, TypeReference<T> type) {
    Answer answer = exchange(request);
    if (!answer.isSuccessful()) {
      throw failure(answer, request);
    }
    return answer.body().isBlank() ? null : parse(answer.body(), type);
  }

  private void call(Request request) {
    call(request, new TypeReference<JsonNode>() {});
  }

  private static <T> T parse(String body, TypeReference<T> type) {
    try {
      return JSON.readValue(body, type);
    } catch (IOException e) {
      throw new ConnectRestException(
          ConnectRestException.UNPARSEABLE, "unexpected answer from Connect: " + e.getMessage(), e);
    }
  }

  private static ConnectRestException failure(Answer answer, Request request) {
    return new ConnectRestException(
        answer.code(),
        request.method()
            + " "
            + request.url().encodedPath()
            + ": HTTP "
            + answer.code()
            + ": "
            + errorMessage(answer.body()),
        null);
  }

  private static String errorMessage(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node != null && node.has("message")) {
        return node.get("message").asText();
      }
    } catch (IOException e) {
      // not JSON: the raw body says it
    }
    return body.length() > 300 ? body.substring(0, 300) + "..." : body;
  }
}
