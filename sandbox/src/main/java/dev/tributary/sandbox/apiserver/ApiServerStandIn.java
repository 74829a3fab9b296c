package dev.tributary.sandbox.apiserver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.api.validation.CrdValidator;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What fabric8's CRUD mock lacks and a real API server has, on top of the mock's store:
 *
 * <ul>
 *   <li>the scale subresources the CRDs declare ({@code GET|PUT|PATCH .../{plural}/{name}/scale}):
 *       they read and write the declared paths ({@code spec.replicas} of a KafkaConnect, {@code
 *       spec.tasksMax} of a KafkaConnector), as {@code kubectl scale} and an HPA do;
 *   <li>JSON merge patch by RFC 7386 (the mock stores nulls and appends lists), which {@code
 *       kubectl apply} and {@code kubectl patch --type merge} send for custom resources; a
 *       strategic merge patch is applied the same way (see docs/sandbox.md for where that differs);
 *   <li>the discovery documents kubectl reads first, and the Tables {@code kubectl get} asks for;
 *   <li>validation of KafkaConnect and KafkaConnector writes against their CRDs, as an API server
 *       does: schema defaults applied, unknown fields pruned (refused under {@code
 *       fieldValidation=Strict}, as kubectl asks), the OpenAPI schema and the CEL rules checked,
 *       and {@code 422 Invalid} with the fields named when they fail.
 * </ul>
 *
 * Every read and write goes through the CRUD store like any other request.
 */
public final class ApiServerStandIn extends KubernetesMixedDispatcher {

  private static final Pattern SCALE =
      Pattern.compile(
          "(/apis/tributary\\.dev/v1alpha1/namespaces/[^/]+/([^/]+)/[^/?]+)/scale(\\?.*)?");
  private static final Pattern CUSTOM_RESOURCE =
      Pattern.compile(
          "/apis/tributary\\.dev/v1alpha1/namespaces/[^/]+/(kafkaconnects|kafkaconnectors)(/[^/?]+)?");
  private static final Pattern POD_LOG =
      Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/]+)/log");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The API server's limit on a request body (3 MiB). */
  static final long MAX_REQUEST_BYTES = 3 * 1024 * 1024;

  /** Where pod logs come from: the kubelet stand-in, once it runs. */
  public interface PodLogs {
    Optional<String> read(String namespace, String pod, String container, boolean previous);
  }

  private volatile PodLogs podLogs = (namespace, pod, container, previous) -> Optional.empty();
  private volatile java.util.function.Consumer<RecordedRequest> observer = request -> {};
  private final Discovery discovery;
  private final Tables tables;
  private final Map<String, CrdValidator> validators;
  private final EventsApi events;

  /**
   * @param validators each custom resource's validator, by plural name
   */
  ApiServerStandIn(
      Map<ServerRequest, Queue<ServerResponse>> responses,
      Discovery discovery,
      Tables tables,
      Map<String, CrdValidator> validators) {
    super(responses);
    NamespacedStore.install(this);
    this.discovery = discovery;
    this.tables = tables;
    this.validators = validators;
    this.events = new EventsApi(tables, stored -> crud(stored));
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    observer.accept(request);
    String path = request.getPath();
    String pathOnly = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    Matcher scale = SCALE.matcher(path);
    try {
      if (request.getBody() != null && request.getBody().size() > MAX_REQUEST_BYTES) {
        return json(
            413,
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":413,"
                + "\"reason\":\"RequestEntityTooLarge\","
                + "\"message\":\"Request entity too large: limit is "
                + MAX_REQUEST_BYTES
                + "\"}");
      }
      if (scale.matches() && discovery.scale(scale.group(2)) != null) {
        return scale(request, scale.group(1), scale.group(2), discovery.scale(scale.group(2)));
      }
      Matcher log = POD_LOG.matcher(pathOnly);
      if (log.matches() && request.getMethod().equals("GET")) {
        return podLog(log.group(1), log.group(2), path);
      }
      if (request.getMethod().equals("GET") && EventsApi.serves(pathOnly, path)) {
        return events.get(request, pathOnly, path);
      }
      if (request.getMethod().equals("GET")) {
        String document = discovery.document(pathOnly);
        if (document != null) {
          return json(200, document);
        }
        if (Tables.wantsTable(request.getHeader("Accept")) && !path.contains("watch=true")) {
          MockResponse answer = crud(request);
          if (answer.code() != 200) {
            return answer;
          }
          String body = answer.getBody().readUtf8();
          String table = tables.table(pathOnly, body, java.time.Instant.now());
          return json(200, table != null ? table : body);
        }
      }
      String contentType = request.getHeader("Content-Type");
      if (request.getMethod().equals("PATCH")
          && contentType != null
          && (contentType.startsWith("application/merge-patch+json")
              || contentType.startsWith("application/strategic-merge-patch+json"))) {
        return mergePatch(request, pathOnly);
      }
      Matcher custom = CUSTOM_RESOURCE.matcher(pathOnly);
      if (custom.matches()
          && (request.getMethod().equals("POST") || request.getMethod().equals("PUT"))) {
        boolean create = request.getMethod().equals("POST");
        return validatedWrite(
            create ? HttpMethod.POST : HttpMethod.PUT,
            pathOnly,
            isStrict(path),
            custom.group(1),
            (ObjectNode) JSON.readTree(request.getBody().readUtf8()),
            create ? null : stored(pathOnly));
      }
    } catch (Exception e) {
      return json(
          400,
          "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":400,"
              + "\"message\":"
              + JSON.valueToTree(String.valueOf(e.getMessage()))
              + "}");
    }
    try {
      if (request.getMethod().equals("PUT") && !pathOnly.endsWith("/status")) {
        return crud(inner(HttpMethod.PUT, path, keepingStatus(request, pathOnly)));
      }
      return crud(request);
    } catch (RuntimeException e) {
      // A JSON Patch that does not apply (say, a remove at an index a newer write took away): a
      // real API server answers 422 and the client retries; the mock would never answer at all.
      return json(
          422,
          "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":422,"
              + "\"reason\":\"Invalid\",\"message\":"
              + JSON.valueToTree("the patch cannot be applied: " + e.getMessage())
              + "}");
    }
  }

  /** The mock's CRUD store, asked only about the namespace the request names, if any. */
  private MockResponse crud(RecordedRequest request) {
    return NamespacedStore.scopedTo(request.getPath(), () -> super.dispatch(request));
  }

  void observe(java.util.function.Consumer<RecordedRequest> observer) {
    this.observer = observer;
  }

  void podLogs(PodLogs logs) {
    this.podLogs = logs;
  }

  /** {@code GET .../pods/{pod}/log}: the container's log as text, as a kubelet serves it. */
  private MockResponse podLog(String namespace, String pod, String pathAndQuery) {
    Map<String, String> query = new java.util.HashMap<>();
    if (pathAndQuery.contains("?")) {
      for (String pair : pathAndQuery.substring(pathAndQuery.indexOf('?') + 1).split("&")) {
        String[] kv = pair.split("=", 2);
        query.put(
            kv[0],
            kv.length > 1
                ? java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8)
                : "");
      }
    }
    Optional<String> text =
        podLogs.read(namespace, pod, query.get("container"), "true".equals(query.get("previous")));
    if (text.isEmpty()) {
      return json(
          404,
          "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":404,"
              + "\"reason\":\"NotFound\",\"message\":\"no log for pod "
              + pod
              + (query.containsKey("container") ? ", container " + query.get("container") : "")
              + "\"}");
    }
    String body = text.get();
    if (query.containsKey("tailLines")) {
      List<String> lines = body.lines().toList();
      int tail = Integer.parseInt(query.get("tailLines"));
      body =
          String.join("\n", lines.subList(Math.max(0, lines.size() - tail), lines.size())) + "\n";
    }
    return new MockResponse()
        .setResponseCode(200)
        .setHeader("Content-Type", "text/plain")
        .setBody(body);
  }

  private MockResponse scale(
      RecordedRequest request, String path, String plural, Discovery.ScalePaths paths)
      throws Exception {
    MockResponse current = crud(inner(HttpMethod.GET, path, null));
    if (current.code() != 200) {
      return current;
    }
    ObjectNode cr = (ObjectNode) JSON.readTree(current.getBody().readUtf8());
    if (!request.getMethod().equals("GET")) {
      int replicas = JSON.readTree(request.getBody().readUtf8()).at("/spec/replicas").asInt();
      ObjectNode old = cr.deepCopy();
      String field = paths.specReplicas().substring(paths.specReplicas().lastIndexOf('/') + 1);
      ((ObjectNode) cr.at(paths.specReplicas().substring(0, paths.specReplicas().lastIndexOf('/'))))
          .put(field, replicas);
      // The new size is checked against the CRD's schema, as a real API server does.
      MockResponse updated = validatedWrite(HttpMethod.PUT, path, false, plural, cr, old);
      if (updated.code() != 200) {
        return updated;
      }
      cr = (ObjectNode) JSON.readTree(updated.getBody().readUtf8());
    }
    return json(200, JSON.writeValueAsString(scaleOf(cr, paths)));
  }

  /** RFC 7386: objects merge key by key, null deletes, anything else (lists too) replaces. */
  private MockResponse mergePatch(RecordedRequest request, String path) throws Exception {
    boolean status = path.endsWith("/status");
    String objectPath = status ? path.substring(0, path.length() - "/status".length()) : path;
    MockResponse current = crud(inner(HttpMethod.GET, objectPath, null));
    if (current.code() != 200) {
      return current;
    }
    JsonValue target =
        Json.createReader(new StringReader(current.getBody().readUtf8())).readValue();
    JsonValue patch = Json.createReader(new StringReader(request.getBody().readUtf8())).readValue();
    JsonValue merged = Json.createMergePatch(patch).apply(target);
    Matcher custom = CUSTOM_RESOURCE.matcher(path);
    if (custom.matches()) {
      return validatedWrite(
          HttpMethod.PUT,
          path,
          isStrict(request.getPath()),
          custom.group(1),
          (ObjectNode) JSON.readTree(merged.toString()),
          (ObjectNode) JSON.readTree(target.toString()));
    }
    return crud(inner(HttpMethod.PUT, path, merged.toString()));
  }

  /**
   * An update of an object's main resource leaves its status as stored, as a real API server does
   * for every kind with a status subresource (a StatefulSet's written by its controller); the mock
   * would store the status of the body, none when the writer sent none.
   */
  private String keepingStatus(RecordedRequest request, String path) {
    try {
      ObjectNode body = (ObjectNode) JSON.readTree(request.getBody().readUtf8());
      ObjectNode stored = stored(path);
      if (stored != null && stored.has("status")) {
        body.set("status", stored.get("status"));
      } else {
        body.remove("status");
      }
      return JSON.writeValueAsString(body);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** kubectl asks for strict field validation: unknown fields are refused, not pruned. */
  private static boolean isStrict(String pathAndQuery) {
    return pathAndQuery.contains("fieldValidation=Strict");
  }

  /** The stored object at {@code path}, or null. */
  private ObjectNode stored(String path) throws Exception {
    MockResponse current = crud(inner(HttpMethod.GET, path, null));
    return current.code() == 200 ? (ObjectNode) JSON.readTree(current.getBody().readUtf8()) : null;
  }

  /**
   * A write of a custom resource: stored as an API server would store it, or refused; {@code old}
   * is the stored object an update replaces (null for a create), for the CRD's transition rules.
   */
  private MockResponse validatedWrite(
      HttpMethod method,
      String path,
      boolean strict,
      String plural,
      ObjectNode resource,
      ObjectNode old)
      throws Exception {
    CrdValidator validator = validators.get(plural);
    if (validator == null) {
      return crud(inner(method, path, JSON.writeValueAsString(resource)));
    }
    CrdValidator.Verdict verdict = validator.review(resource, old);
    if (strict && !verdict.unknownFields().isEmpty()) {
      return json(
          400,
          JSON.writeValueAsString(
              Map.of(
                  "kind", "Status",
                  "apiVersion", "v1",
                  "metadata", Map.of(),
                  "status", "Failure",
                  "reason", "BadRequest",
                  "code", 400,
                  "message",
                      "strict decoding error: "
                          + verdict.unknownFields().stream()
                              .map(f -> "unknown field \"" + f + "\"")
                              .collect(java.util.stream.Collectors.joining(", ")))));
    }
    if (!verdict.problems().isEmpty()) {
      return json(422, JSON.writeValueAsString(invalid(resource, verdict.problems())));
    }
    return crud(inner(method, path, JSON.writeValueAsString(verdict.stored())));
  }

  /** The {@code 422 Invalid} Status an API server answers, each cause naming its field. */
  static Map<String, Object> invalid(ObjectNode resource, List<CrdValidator.Problem> problems) {
    String kind = resource.path("kind").asText();
    String name = resource.at("/metadata/name").asText();
    return Map.of(
        "kind",
        "Status",
        "apiVersion",
        "v1",
        "metadata",
        Map.of(),
        "status",
        "Failure",
        "reason",
        "Invalid",
        "code",
        422,
        "message",
        kind
            + ".tributary.dev \""
            + name
            + "\" is invalid: "
            + problems.stream()
                .map(CrdValidator.Problem::toString)
                .collect(java.util.stream.Collectors.joining(", ")),
        "details",
        Map.of(
            "name",
            name,
            "group",
            "tributary.dev",
            "kind",
            kind,
            "causes",
            problems.stream()
                .map(
                    p ->
                        Map.of(
                            "reason", "FieldValueInvalid",
                            "message", p.message(),
                            "field", p.field()))
                .toList()));
  }

  static MockResponse json(int code, String body) {
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  static RecordedRequest inner(HttpMethod method, String path, String body) {
    return new RecordedRequest(
        "HTTP/1.1",
        method,
        path,
        Headers.builder().add("Content-Type", "application/json").build(),
        body == null ? new Buffer() : new Buffer().writeUtf8(body));
  }

  private static Map<String, Object> scaleOf(ObjectNode cr, Discovery.ScalePaths paths) {
    return Map.of(
        "apiVersion", "autoscaling/v1",
        "kind", "Scale",
        "metadata",
            Map.of(
                "name", cr.at("/metadata/name").asText(),
                "namespace", cr.at("/metadata/namespace").asText(),
                "resourceVersion", cr.at("/metadata/resourceVersion").asText()),
        "spec", Map.of("replicas", cr.at(paths.specReplicas()).asInt(1)),
        "status",
            Map.of(
                "replicas",
                cr.at(paths.statusReplicas()).asInt(0),
                "selector",
                paths.labelSelector() == null ? "" : cr.at(paths.labelSelector()).asText("")));
  }
}
