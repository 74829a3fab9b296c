package dev.tributary.sandbox.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What {@code kubectl get} asks the API server for: a {@code meta.k8s.io/v1 Table}, with the CRDs'
 * printer columns (and the usual columns for pods), instead of the objects themselves.
 */
public final class Tables {

  record Column(String name, String type, String jsonPath, int priority) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Configuration JSON_PATH =
      Configuration.defaultConfiguration()
          .addOptions(Option.SUPPRESS_EXCEPTIONS, Option.ALWAYS_RETURN_LIST);
  private static final Pattern RESOURCE =
      Pattern.compile(
          "/(?:api/v1|apis/(?<group>[^/]+)/[^/]+)(?:/namespaces/[^/]+)?/(?<plural>[a-z]+)(?:/[^/]+)?");

  private final Map<String, List<Column>> columnsByResource = new HashMap<>();

  Tables(List<CustomResourceDefinition> crds) {
    for (CustomResourceDefinition crd : crds) {
      var version = crd.getSpec().getVersions().get(0);
      List<Column> columns = new ArrayList<>();
      for (var column : version.getAdditionalPrinterColumns()) {
        columns.add(
            new Column(
                column.getName(),
                column.getType(),
                column.getJsonPath(),
                column.getPriority() == null ? 0 : column.getPriority()));
      }
      columnsByResource.put(
          crd.getSpec().getGroup() + "/" + crd.getSpec().getNames().getPlural(), columns);
    }
  }

  /**
   * The Table for a GET answered with {@code body}, or null when the path is not a resource the
   * stand-in knows columns for.
   */
  String table(String path, String body, Instant now) throws Exception {
    Matcher resource = RESOURCE.matcher(path);
    if (!resource.matches()) {
      return null;
    }
    String group = resource.group("group") == null ? "" : resource.group("group");
    String plural = resource.group("plural");
    boolean pods = group.isEmpty() && plural.equals("pods");
    boolean events = group.isEmpty() && plural.equals("events");
    List<Column> columns = columnsByResource.get(group + "/" + plural);
    if (columns == null && !pods && !events) {
      return null;
    }
    JsonNode answer = JSON.readTree(body);
    List<JsonNode> objects = new ArrayList<>();
    if (answer.has("items")) {
      answer.get("items").forEach(objects::add);
    } else {
      objects.add(answer);
    }
    List<Map<String, Object>> definitions = new ArrayList<>();
    if (events) {
      // kubectl get events: what happened to what, newest last, as a real API server lists them.
      definitions.add(definition("Last Seen", "string", "", 0));
      definitions.add(definition("Type", "string", "", 0));
      definitions.add(definition("Reason", "string", "", 0));
      definitions.add(definition("Object", "string", "", 0));
      definitions.add(definition("Message", "string", "", 0));
      definitions.add(definition("Count", "integer", "", 1));
      definitions.add(definition("Name", "string", "name", 1));
    } else {
      definitions.add(definition("Name", "string", "name", 0));
    }
    if (events) {
      // the columns above
    } else if (pods) {
      definitions.add(definition("Ready", "string", "", 0));
      definitions.add(definition("Status", "string", "", 0));
      definitions.add(definition("Restarts", "integer", "", 0));
      definitions.add(definition("Age", "string", "", 0));
      definitions.add(definition("IP", "string", "", 1));
    } else {
      columns.forEach(c -> definitions.add(definition(c.name(), c.type(), "", c.priority())));
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (JsonNode object : objects) {
      List<Object> cells = new ArrayList<>();
      if (events) {
        cells.addAll(eventCells(object, now));
      } else {
        cells.add(object.at("/metadata/name").asText());
        cells.addAll(pods ? podCells(object, now) : cells(object, columns, now));
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("cells", cells);
      row.put(
          "object",
          Map.of(
              "kind", "PartialObjectMetadata",
              "apiVersion", "meta.k8s.io/v1",
              "metadata", object.get("metadata")));
      rows.add(row);
    }
    Map<String, Object> table = new LinkedHashMap<>();
    table.put("kind", "Table");
    table.put("apiVersion", "meta.k8s.io/v1");
    table.put(
        "metadata", Map.of("resourceVersion", answer.at("/metadata/resourceVersion").asText()));
    table.put("columnDefinitions", definitions);
    table.put("rows", rows);
    return JSON.writeValueAsString(table);
  }

  private static Map<String, Object> definition(
      String name, String type, String format, int priority) {
    return Map.of(
        "name", name, "type", type, "format", format, "description", name, "priority", priority);
  }

  private static List<Object> cells(JsonNode object, List<Column> columns, Instant now) {
    Object document = JSON_PATH.jsonProvider().parse(object.toString());
    List<Object> cells = new ArrayList<>();
    for (Column column : columns) {
      List<Object> values = JsonPath.using(JSON_PATH).parse(document).read("$" + column.jsonPath());
      if (values == null || values.isEmpty()) {
        cells.add("<none>");
      } else if (column.type().equals("date")) {
        cells.add(age(Instant.parse(values.get(0).toString()), now));
      } else {
        cells.add(values.stream().map(String::valueOf).collect(Collectors.joining(",")));
      }
    }
    return cells;
  }

  private static List<Object> eventCells(JsonNode event, Instant now) {
    String last = event.path("lastTimestamp").asText("");
    return List.of(
        last.isEmpty() ? "<unknown>" : age(Instant.parse(last), now),
        event.path("type").asText(""),
        event.path("reason").asText(""),
        event.at("/involvedObject/kind").asText("").toLowerCase(java.util.Locale.ROOT)
            + "/"
            + event.at("/involvedObject/name").asText(""),
        event.path("message").asText(""),
        event.path("count").asInt(1),
        event.at("/metadata/name").asText());
  }

  private static List<Object> podCells(JsonNode pod, Instant now) {
    int containers = pod.at("/spec/containers").size();
    int ready = 0;
    int restarts = 0;
    for (JsonNode status : pod.at("/status/containerStatuses")) {
      ready += status.path("ready").asBoolean() ? 1 : 0;
      restarts += status.path("restartCount").asInt();
    }
    String phase = podStatusColumn(pod);
    if (phase.startsWith("Init:")) {
      // As kubectl counts them: while a pod initializes, its init containers' restarts.
      restarts = 0;
      for (JsonNode status : pod.at("/status/initContainerStatuses")) {
        restarts += status.path("restartCount").asInt();
      }
    }
    String created = pod.at("/metadata/creationTimestamp").asText();
    return List.of(
        ready + "/" + containers,
        phase,
        restarts,
        created.isEmpty() ? "<unknown>" : age(Instant.parse(created), now),
        pod.at("/status/podIP").asText("<none>"));
  }

  /**
   * The STATUS column as kubectl derives it: Terminating, Init:Error, Init:CrashLoopBackOff,
   * Init:0/1 while init containers run, a main container's waiting reason (CrashLoopBackOff,
   * PodInitializing), else the phase.
   */
  public static String podStatusColumn(JsonNode pod) {
    if (!pod.at("/metadata/deletionTimestamp").isMissingNode()) {
      return "Terminating";
    }
    JsonNode inits = pod.at("/status/initContainerStatuses");
    int done = 0;
    for (JsonNode init : inits) {
      JsonNode terminated = init.at("/state/terminated");
      if (!terminated.isMissingNode() && terminated.path("exitCode").asInt() == 0) {
        done++;
        continue;
      }
      if (!terminated.isMissingNode()) {
        return "Init:" + terminated.path("reason").asText("Error");
      }
      String waiting = init.at("/state/waiting/reason").asText("");
      if (!waiting.isEmpty() && !waiting.equals("PodInitializing")) {
        return "Init:" + waiting;
      }
      return "Init:" + done + "/" + inits.size();
    }
    for (JsonNode container : pod.at("/status/containerStatuses")) {
      String waiting = container.at("/state/waiting/reason").asText("");
      if (!waiting.isEmpty()) {
        return waiting;
      }
      String terminated = container.at("/state/terminated/reason").asText("");
      if (!terminated.isEmpty()) {
        return terminated;
      }
    }
    return pod.at("/status/phase").asText("Pending");
  }

  /** An age the way kubectl shows one: 45s, 3m14s, 5h2m, 3d4h. */
  static String age(Instant since, Instant now) {
    Duration age = Duration.between(since, now);
    if (age.isNegative()) {
      return "0s";
    }
    long seconds = age.toSeconds();
    if (seconds < 120) {
      return seconds + "s";
    }
    if (seconds < 600) {
      return seconds / 60 + "m" + (seconds % 60 == 0 ? "" : seconds % 60 + "s");
    }
    if (seconds < 3 * 3600) {
      return seconds / 60 + "m";
    }
    if (seconds < 8 * 3600) {
      long minutes = (seconds % 3600) / 60;
      return seconds / 3600 + "h" + (minutes == 0 ? "" : minutes + "m");
    }
    if (seconds < 48 * 3600) {
      return seconds / 3600 + "h";
    }
    long hours = (seconds % 86400) / 3600;
    return seconds / 86400 + "d" + (hours == 0 || seconds >= 8 * 86400 ? "" : hours + "h");
  }

  static boolean wantsTable(String accept) {
    return accept != null && accept.contains("as=Table");
  }
}
