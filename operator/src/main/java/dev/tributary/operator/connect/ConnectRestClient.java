package dev.tributary.operator.connect;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.operator.connect.ConnectApi.ActiveTopics;
import dev.tributary.operator.connect.ConnectApi.ConfigKey;
import dev.tributary.operator.connect.ConnectApi.ConfigValidation;
import dev.tributary.operator.connect.ConnectApi.ConnectorInfo;
import dev.tributary.operator.connect.ConnectApi.ConnectorOverview;
import dev.tributary.operator.connect.ConnectApi.ConnectorStatus;
import dev.tributary.operator.connect.ConnectApi.CreateConnector;
import dev.tributary.operator.connect.ConnectApi.Health;
import dev.tributary.operator.connect.ConnectApi.LoggerLevel;
import dev.tributary.operator.connect.ConnectApi.Message;
import dev.tributary.operator.connect.ConnectApi.Offsets;
import dev.tributary.operator.connect.ConnectApi.PluginInfo;
import dev.tributary.operator.connect.ConnectApi.ServerInfo;
import dev.tributary.operator.connect.ConnectApi.State;
import dev.tributary.operator.connect.ConnectApi.TaskInfo;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Kafka Connect's REST API, one method per endpoint. A GET of something that does not exist answers
 * empty; every other failure is a {@link ConnectRestException} with the HTTP status. Retrying is
 * the caller's decision.
 */
public final class ConnectRestClient {

  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OkHttpClient http;
  private final HttpUrl base;

  public ConnectRestClient(OkHttpClient http, String baseUrl) {
    this.http = http;
    this.base = HttpUrl.get(baseUrl);
  }

  public String baseUrl() {
    return base.toString();
  }

  // --- server ---

  public ServerInfo serverInfo() {
    return write(get(url()), new TypeReference<ServerInfo>() {});
  }

  /** {@code GET /health}: 200 healthy, 503 starting; both answer with a body. */
  public Health health() {
    Answer answer = exchange(get(url("health")));
    if (answer.code() != 200 && answer.code() != 503) {
      throw failure(answer, get(url("health")));
    }
    return parse(answer.body(), new TypeReference<Health>() {});
  }

  // --- connectors ---

  public List<String> connectorNames() {
    return send(get(url("connectors")), new TypeReference<List<String>>() {}).orElse(List.of());
  }

  /** Every connector's config and status in one call. */
  public Map<String, ConnectorOverview> connectorsExpanded() {
    HttpUrl url =
        url("connectors")
            .newBuilder()
            .addQueryParameter("expand", "status")
            .addQueryParameter("expand", "info")
            .build();
    return send(get(url), new TypeReference<Map<String, ConnectorOverview>>() {}).orElse(Map.of());
  }

  public ConnectorInfo createConnector(
      String name, Map<String, String> config, String initialState) {
    return write(
        post(url("connectors"), new CreateConnector(name, config, initialState)),
        new TypeReference<ConnectorInfo>() {});
  }

  public Optional<ConnectorInfo> connector(String name) {
    return send(get(url("connectors", name)), new TypeReference<>() {});
  }

  public Optional<Map<String, String>> connectorConfig(String name) {
    return send(get(url("connectors", name, "config")), new TypeReference<>() {});
  }

  /** Create-or-update: idempotent. */
  public ConnectorInfo putConnectorConfig(String name, Map<String, String> config) {
    return write(
        put(url("connectors", name, "config"), config), new TypeReference<ConnectorInfo>() {});
  }

  /** Merges {@code patch} into the config; a null value removes that key. */
  public ConnectorInfo patchConnectorConfig(String name, Map<String, String> patch) {
    return write(
        request(url("connectors", name, "config"), "PATCH", patch),
        new TypeReference<ConnectorInfo>() {});
  }

  public Optional<ConnectorStatus> connectorStatus(String name) {
    return send(get(url("connectors", name, "status")), new TypeReference<>() {});
  }

  public void restartConnector(String name, boolean includeTasks, boolean onlyFailed) {
    HttpUrl url =
        url("connectors", name, "restart")
            .newBuilder()
            .addQueryParameter("includeTasks", String.valueOf(includeTasks))
            .addQueryParameter("onlyFailed", String.valueOf(onlyFailed))
            .build();
    write(request(url, "POST", null));
  }

  public void pauseConnector(String name) {
    write(request(url("connectors", name, "pause"), "PUT", null));
  }

  public void resumeConnector(String name) {
    write(request(url("connectors", name, "resume"), "PUT", null));
  }

  public void stopConnector(String name) {
    write(request(url("connectors", name, "stop"), "PUT", null));
  }

  /** Deletes the connector; false when it did not exist. */
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

  public Optional<List<TaskInfo>> tasks(String name) {
    return send(get(url("connectors", name, "tasks")), new TypeReference<>() {});
  }

  public Optional<State> taskStatus(String name, int task) {
    return send(
        get(url("connectors", name, "tasks", String.valueOf(task), "status")),
        new TypeReference<>() {});
  }

  public void restartTask(String name, int task) {
    write(request(url("connectors", name, "tasks", String.valueOf(task), "restart"), "POST", null));
  }

  public Optional<List<String>> topics(String name) {
    return send(
            get(url("connectors", name, "topics")),
            new TypeReference<Map<String, ActiveTopics>>() {})
        .map(byName -> byName.containsKey(name) ? byName.get(name).topics() : List.of());
  }

  public void resetTopics(String name) {
    write(request(url("connectors", name, "topics", "reset"), "PUT", null));
  }

  public Optional<Offsets> offsets(String name) {
    return send(get(url("connectors", name, "offsets")), new TypeReference<>() {});
  }

  /** Alters offsets; Connect answers 400 unless the connector is STOPPED. */
  public Message patchOffsets(String name, Offsets offsets) {
    return write(
        request(url("connectors", name, "offsets"), "PATCH", offsets),
        new TypeReference<Message>() {});
  }

  /** Resets offsets; Connect answers 400 unless the connector is STOPPED. */
  public Message deleteOffsets(String name) {
    return write(
        request(url("connectors", name, "offsets"), "DELETE", null),
        new TypeReference<Message>() {});
  }

  // --- plugins ---

  public List<PluginInfo> connectorPlugins(boolean connectorsOnly) {
    HttpUrl url =
        url("connector-plugins")
            .newBuilder()
            .addQueryParameter("connectorsOnly", String.valueOf(connectorsOnly))
            .build();
    return send(get(url), new TypeReference<List<PluginInfo>>() {}).orElse(List.of());
  }

  public Optional<List<ConfigKey>> pluginConfig(String pluginClass) {
    return send(get(url("connector-plugins", pluginClass, "config")), new TypeReference<>() {});
  }

  /** Validates a config; answers 200 with the errors in the body even when it is invalid. */
  public ConfigValidation validateConfig(String pluginClass, Map<String, String> config) {
    return write(
        put(url("connector-plugins", pluginClass, "config", "validate"), config),
        new TypeReference<ConfigValidation>() {});
  }

  // --- loggers ---

  public Map<String, LoggerLevel> loggers() {
    return send(get(url("admin", "loggers")), new TypeReference<Map<String, LoggerLevel>>() {})
        .orElse(Map.of());
  }

  public List<String> setLoggerLevel(String logger, String level) {
    return write(
        put(url("admin", "loggers", logger), Map.of("level", level)),
        new TypeReference<List<String>>() {});
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
    try (Response response = http.newCall(request).execute()) {
      return new Answer(response.code(), response.body() == null ? "" : response.body().string());
    } catch (IOException e) {
      throw new ConnectRestException(
          0,
          request.method() + " " + request.url().encodedPath() + " on " + base.host() + ": " + e,
          e);
    }
  }

  /** A read: 404 is an empty answer. */
  private <T> Optional<T> send(Request request, TypeReference<T> type) {
    Answer answer = exchange(request);
    if (answer.code() == 404) {
      return Optional.empty();
    }
    if (!answer.isSuccessful()) {
      throw failure(answer, request);
    }
    return answer.body().isBlank() ? Optional.empty() : Optional.of(parse(answer.body(), type));
  }

  /** A write, or a read of something that must exist: any non-2xx answer is a failure. */
  private <T> T write(Request request, TypeReference<T> type) {
    Answer answer = exchange(request);
    if (!answer.isSuccessful()) {
      throw failure(answer, request);
    }
    return answer.body().isBlank() ? null : parse(answer.body(), type);
  }

  private void write(Request request) {
    write(request, new TypeReference<JsonNode>() {});
  }

  private static <T> T parse(String body, TypeReference<T> type) {
    try {
      return JSON.readValue(body, type);
    } catch (IOException e) {
      throw new ConnectRestException(200, "unexpected answer from Connect: " + e.getMessage(), e);
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
