package dev.tributary.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.api.v1alpha1.KafkaConnect;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Map;
import java.util.Queue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API server's scale subresource for KafkaConnect, which the mock lacks: {@code GET|PUT|PATCH
 * .../kafkaconnects/{name}/scale} read and write {@code spec.replicas}, as {@code kubectl scale}
 * and an HPA do on a cluster.
 */
final class ScaleSubresource extends KubernetesMixedDispatcher {

  private static final Pattern SCALE =
      Pattern.compile(
          "/apis/tributary\\.dev/v1alpha1/namespaces/([^/]+)/kafkaconnects/([^/?]+)/scale.*");
  private static final ObjectMapper JSON = new ObjectMapper();

  private volatile KubernetesClient client;

  ScaleSubresource(Map<ServerRequest, Queue<ServerResponse>> responses) {
    super(responses);
  }

  void useClient(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    Matcher scale = SCALE.matcher(request.getPath());
    if (!scale.matches() || client == null) {
      return super.dispatch(request);
    }
    var resource =
        client.resources(KafkaConnect.class).inNamespace(scale.group(1)).withName(scale.group(2));
    KafkaConnect cr = resource.get();
    if (cr == null) {
      return new MockResponse()
          .setResponseCode(404)
          .setBody("{\"kind\":\"Status\",\"code\":404,\"reason\":\"NotFound\"}");
    }
    try {
      if (!request.getMethod().equals("GET")) {
        JsonNode body = JSON.readTree(request.getBody().readUtf8());
        int replicas = body.at("/spec/replicas").asInt();
        cr =
            resource.edit(
                c -> {
                  c.getSpec().replicas = replicas;
                  return c;
                });
      }
      return new MockResponse().setResponseCode(200).setBody(JSON.writeValueAsString(scaleOf(cr)));
    } catch (Exception e) {
      return new MockResponse()
          .setResponseCode(400)
          .setBody("{\"kind\":\"Status\",\"code\":400,\"message\":\"" + e.getMessage() + "\"}");
    }
  }

  private static Map<String, Object> scaleOf(KafkaConnect cr) {
    return Map.of(
        "apiVersion", "autoscaling/v1",
        "kind", "Scale",
        "metadata",
            Map.of(
                "name",
                cr.getMetadata().getName(),
                "namespace",
                cr.getMetadata().getNamespace(),
                "resourceVersion",
                cr.getMetadata().getResourceVersion()),
        "spec", Map.of("replicas", cr.getSpec().replicas == null ? 1 : cr.getSpec().replicas),
        "status",
            Map.of(
                "replicas",
                    cr.getStatus() == null || cr.getStatus().replicas == null
                        ? 0
                        : cr.getStatus().replicas,
                "selector",
                    cr.getStatus() == null || cr.getStatus().labelSelector == null
                        ? ""
                        : cr.getStatus().labelSelector));
  }
}
