package dev.tributary.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Map;
import java.util.Queue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API server's scale subresource for KafkaConnect, which the mock lacks: {@code GET|PUT|PATCH
 * .../kafkaconnects/{name}/scale} read and write {@code spec.replicas}, as {@code kubectl scale}
 * and an HPA do on a cluster. Reads and writes go through the CRUD store like any other request.
 */
final class ScaleSubresource extends KubernetesMixedDispatcher {

  private static final Pattern SCALE =
      Pattern.compile(
          "(/apis/tributary\\.dev/v1alpha1/namespaces/[^/]+/kafkaconnects/[^/?]+)/scale(\\?.*)?");
  private static final ObjectMapper JSON = new ObjectMapper();

  ScaleSubresource(Map<ServerRequest, Queue<ServerResponse>> responses) {
    super(responses);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    Matcher scale = SCALE.matcher(request.getPath());
    if (!scale.matches()) {
      return super.dispatch(request);
    }
    String path = scale.group(1);
    try {
      MockResponse current = super.dispatch(inner(HttpMethod.GET, path, null));
      if (current.code() != 200) {
        return current;
      }
      ObjectNode cr = (ObjectNode) JSON.readTree(current.getBody().readUtf8());
      if (!request.getMethod().equals("GET")) {
        int replicas = JSON.readTree(request.getBody().readUtf8()).at("/spec/replicas").asInt();
        cr.with("spec").put("replicas", replicas);
        MockResponse updated =
            super.dispatch(inner(HttpMethod.PUT, path, JSON.writeValueAsString(cr)));
        if (updated.code() != 200) {
          return updated;
        }
        cr = (ObjectNode) JSON.readTree(updated.getBody().readUtf8());
      }
      return new MockResponse().setResponseCode(200).setBody(JSON.writeValueAsString(scaleOf(cr)));
    } catch (Exception e) {
      return new MockResponse()
          .setResponseCode(400)
          .setBody("{\"kind\":\"Status\",\"code\":400,\"message\":\"" + e.getMessage() + "\"}");
    }
  }

  private static RecordedRequest inner(HttpMethod method, String path, String body) {
    return new RecordedRequest(
        "HTTP/1.1",
        method,
        path,
        Headers.builder().build(),
        body == null ? new Buffer() : new Buffer().writeUtf8(body));
  }

  private static Map<String, Object> scaleOf(ObjectNode cr) {
    return Map.of(
        "apiVersion", "autoscaling/v1",
        "kind", "Scale",
        "metadata",
            Map.of(
                "name", cr.at("/metadata/name").asText(),
                "namespace", cr.at("/metadata/namespace").asText(),
                "resourceVersion", cr.at("/metadata/resourceVersion").asText()),
        "spec", Map.of("replicas", cr.at("/spec/replicas").asInt(1)),
        "status",
            Map.of(
                "replicas", cr.at("/status/replicas").asInt(0),
                "selector", cr.at("/status/labelSelector").asText("")));
  }
}
