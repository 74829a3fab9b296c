package dev.tributary.sandbox.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KubectlFrontTest {

  @Test
  void onlyAPlainHttpWatchIsStreamedByTheFront() {
    assertThat(KubectlFront.isPlainWatch("GET", "watch=true&resourceVersion=5", null)).isTrue();
    assertThat(KubectlFront.isPlainWatch("GET", "fieldSelector=x&watch=1", null)).isTrue();
    assertThat(KubectlFront.isPlainWatch("GET", "watch=true", "websocket")).isFalse();
    assertThat(KubectlFront.isPlainWatch("GET", "watchful=true", null)).isFalse();
    assertThat(KubectlFront.isPlainWatch("GET", null, null)).isFalse();
    assertThat(KubectlFront.isPlainWatch("DELETE", "watch=true", null)).isFalse();
  }

  @Test
  void theQueryGivesTheListedVersionAndTheTimeout() {
    var query = KubectlFront.Query.of("watch=true&resourceVersion=42&timeoutSeconds=9");
    assertThat(query.resourceVersion()).isEqualTo(42);
    assertThat(query.timeoutSeconds()).isEqualTo(9);
    assertThat(KubectlFront.Query.of("watch=true").resourceVersion()).isZero();
  }

  @Test
  void objectsTheClientListedAreNotSentAgainAsAdded() throws Exception {
    String listed =
        "{\"type\":\"ADDED\",\"object\":{\"kind\":\"Pod\",\"metadata\":{\"resourceVersion\":\"7\"}}}";
    String created =
        "{\"type\":\"ADDED\",\"object\":{\"kind\":\"Pod\",\"metadata\":{\"resourceVersion\":\"9\"}}}";
    String modified =
        "{\"type\":\"MODIFIED\",\"object\":{\"kind\":\"Pod\",\"metadata\":{\"resourceVersion\":\"7\"}}}";

    assertThat(KubectlFront.line(listed, 8, false, null, "/api/v1/pods")).isNull();
    assertThat(KubectlFront.line(created, 8, false, null, "/api/v1/pods")).contains("\"9\"");
    assertThat(KubectlFront.line(modified, 8, false, null, "/api/v1/pods")).contains("MODIFIED");
  }
}
