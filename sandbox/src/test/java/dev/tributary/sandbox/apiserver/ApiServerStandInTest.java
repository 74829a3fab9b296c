package dev.tributary.sandbox.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiServerStandInTest {

  final ApiServerStandIn standIn =
      new ApiServerStandIn(
          new HashMap<>(), new Discovery(List.of()), new Tables(List.of()), Map.of());

  @Test
  void aRequestOverTheApiServersLimitIsRefusedWith413() {
    String body = "{\"data\":\"" + "x".repeat((int) ApiServerStandIn.MAX_REQUEST_BYTES) + "\"}";

    var answer = standIn.dispatch(post("/api/v1/namespaces/ns/configmaps", body));

    assertThat(answer.code()).isEqualTo(413);
    assertThat(answer.getBody().readUtf8()).contains("Request entity too large: limit is 3145728");
  }

  @Test
  void anUpdateOfAStatefulSetKeepsTheStatusItsControllerWrote() {
    String sts = "/apis/apps/v1/namespaces/ns/statefulsets";
    String spec =
        "\"apiVersion\":\"apps/v1\",\"kind\":\"StatefulSet\","
            + "\"metadata\":{\"name\":\"w\",\"namespace\":\"ns\"},\"spec\":{\"replicas\":%d}";
    assertThat(standIn.dispatch(post(sts, "{" + spec.formatted(4) + "}")).code()).isEqualTo(201);
    String status = ",\"status\":{\"replicas\":4,\"readyReplicas\":4}";
    assertThat(
            standIn
                .dispatch(
                    write(
                        HttpMethod.PUT, sts + "/w/status", "{" + spec.formatted(4) + status + "}"))
                .code())
        .isEqualTo(200);

    // The operator scales in with the StatefulSet it wants, which carries no status.
    var answer = standIn.dispatch(write(HttpMethod.PUT, sts + "/w", "{" + spec.formatted(2) + "}"));

    assertThat(answer.code()).isEqualTo(200);
    assertThat(answer.getBody().readUtf8())
        .contains("\"replicas\":2")
        .as("as a real API server answers: the status as stored")
        .contains("\"readyReplicas\":4");
    assertThat(standIn.dispatch(write(HttpMethod.GET, sts + "/w", null)).getBody().readUtf8())
        .contains("\"readyReplicas\":4");
  }

  static RecordedRequest post(String path, String body) {
    return write(HttpMethod.POST, path, body);
  }

  static RecordedRequest write(HttpMethod method, String path, String body) {
    return new RecordedRequest(
        "HTTP/1.1",
        method,
        path,
        Headers.builder().add("Content-Type", "application/json").build(),
        body == null ? new Buffer() : new Buffer().writeUtf8(body));
  }
}
