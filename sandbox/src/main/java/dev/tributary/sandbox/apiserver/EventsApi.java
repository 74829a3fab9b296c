package dev.tributary.sandbox.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads of Events the mock cannot answer: core/v1 Events selected by {@code involvedObject.*}
 * fields (what {@code kubectl describe} asks for; the mock answers field selectors other than name
 * and namespace with nothing), and the same Events through {@code events.k8s.io/v1}, which an API
 * server serves from one store in both shapes.
 */
final class EventsApi {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern EVENTS_V1 =
      Pattern.compile(
          "/apis/events\\.k8s\\.io/v1(?<scope>/namespaces/[^/]+)?/events(?<name>/[^/]+)?");

  private final Tables tables;
  private final Function<RecordedRequest, MockResponse> store;

  /**
   * @param store answers a request from the mock's store
   */
  EventsApi(Tables tables, Function<RecordedRequest, MockResponse> store) {
    this.tables = tables;
    this.store = store;
  }

  /** Whether this class answers a GET of {@code pathOnly} ({@code path} with its query). */
  static boolean serves(String pathOnly, String path) {
    return (pathOnly.endsWith("/events") && path.contains("fieldSelector=involvedObject"))
        || (EVENTS_V1.matcher(pathOnly).matches() && !path.contains("watch="));
  }

  MockResponse get(RecordedRequest request, String pathOnly, String path) throws Exception {
    Matcher v1 = EVENTS_V1.matcher(pathOnly);
    boolean newApi = v1.matches();
    String corePath =
        newApi
            ? "/api/v1"
                + (v1.group("scope") == null ? "" : v1.group("scope"))
                + "/events"
                + (v1.group("name") == null ? "" : v1.group("name"))
            : pathOnly;
    MockResponse found = store.apply(ApiServerStandIn.inner(HttpMethod.GET, corePath, null));
    if (found.code() != 200) {
      return found;
    }
    ObjectNode answer = (ObjectNode) JSON.readTree(found.getBody().readUtf8());
    if (answer.has("items")) {
      Map<String, String> wanted = involvedObjectSelector(path);
      ArrayNode kept = JSON.createArrayNode();
      for (JsonNode event : answer.withArray("items")) {
        if (matches(event, wanted)) {
          kept.add(newApi ? asEventsV1(event) : event);
        }
      }
      answer.set("items", kept);
      if (newApi) {
        answer.put("apiVersion", "events.k8s.io/v1");
      }
    } else if (newApi) {
      answer = asEventsV1(answer);
    }
    String body = JSON.writeValueAsString(answer);
    if (!newApi && Tables.wantsTable(request.getHeader("Accept"))) {
      String table = tables.table(pathOnly, body, Instant.now());
      return ApiServerStandIn.json(200, table != null ? table : body);
    }
    return ApiServerStandIn.json(200, body);
  }

  /** The {@code involvedObject.*} terms of a field selector, by field name. */
  static Map<String, String> involvedObjectSelector(String path) {
    Map<String, String> wanted = new HashMap<>();
    if (!path.contains("?")) {
      return wanted;
    }
    for (String pair : path.substring(path.indexOf('?') + 1).split("&")) {
      if (pair.startsWith("fieldSelector=")) {
        String selector =
            URLDecoder.decode(pair.substring("fieldSelector=".length()), StandardCharsets.UTF_8);
        for (String term : selector.split(",")) {
          String[] kv = term.split("=", 2);
          if (kv.length == 2 && kv[0].startsWith("involvedObject.")) {
            wanted.put(kv[0].substring("involvedObject.".length()), kv[1]);
          }
        }
      }
    }
    return wanted;
  }

  private static boolean matches(JsonNode event, Map<String, String> wanted) {
    return wanted.entrySet().stream()
        .allMatch(w -> w.getValue().equals(event.path("involvedObject").path(w.getKey()).asText()));
  }

  /** A core/v1 Event in the events.k8s.io/v1 shape, field by field as the API server maps it. */
  static ObjectNode asEventsV1(JsonNode core) {
    ObjectNode event = JSON.createObjectNode();
    event.put("apiVersion", "events.k8s.io/v1");
    event.put("kind", "Event");
    event.set("metadata", core.path("metadata").deepCopy());
    String first = text(core, "firstTimestamp");
    String eventTime = text(core, "eventTime");
    event.put("eventTime", eventTime != null ? microTime(eventTime) : microTime(first));
    int count = core.path("count").asInt(1);
    if (count > 1) {
      ObjectNode series = event.putObject("series");
      series.put("count", count);
      series.put("lastObservedTime", microTime(text(core, "lastTimestamp")));
    }
    String controller = text(core, "reportingComponent");
    event.put(
        "reportingController",
        controller != null ? controller : core.at("/source/component").asText(""));
    String instance = text(core, "reportingInstance");
    event.put(
        "reportingInstance", instance != null ? instance : core.at("/source/host").asText(""));
    copy(core, "action", event, "action");
    copy(core, "reason", event, "reason");
    copy(core, "involvedObject", event, "regarding");
    copy(core, "related", event, "related");
    copy(core, "message", event, "note");
    copy(core, "type", event, "type");
    copy(core, "source", event, "deprecatedSource");
    copy(core, "firstTimestamp", event, "deprecatedFirstTimestamp");
    copy(core, "lastTimestamp", event, "deprecatedLastTimestamp");
    copy(core, "count", event, "deprecatedCount");
    return event;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
  }

  /** A timestamp with microseconds, as {@code MicroTime} fields carry them. */
  private static String microTime(String timestamp) {
    if (timestamp == null) {
      return null;
    }
    Instant instant = Instant.parse(timestamp);
    return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX")
        .withZone(java.time.ZoneOffset.UTC)
        .format(instant);
  }

  private static void copy(JsonNode from, String field, ObjectNode to, String as) {
    if (from.has(field) && !from.get(field).isNull()) {
      to.set(as, from.get(field).deepCopy());
    }
  }
}
