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

  static RecordedRequest post(String path, String body) {
    return new RecordedRequest(
        "HTTP/1.1",
        HttpMethod.POST,
        path,
        Headers.builder().add("Content-Type", "application/json").build(),
        new Buffer().writeUtf8(body));
  }
}
