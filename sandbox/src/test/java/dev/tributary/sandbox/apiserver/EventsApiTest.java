package dev.tributary.sandbox.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class EventsApiTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aCoreEventReadsAsEventsV1FieldByField() throws Exception {
    var core =
        JSON.readTree(
            """
            {"apiVersion":"v1","kind":"Event","metadata":{"name":"e1","namespace":"ns"},
             "involvedObject":{"kind":"KafkaConnector","name":"orders"},
             "reason":"TaskFailed","message":"task 0 failed","type":"Warning","count":3,
             "firstTimestamp":"2026-12-01T10:00:00Z","lastTimestamp":"2026-12-01T10:05:00Z",
             "source":{"component":"tributary-operator"}}
            """);

    var event = EventsApi.asEventsV1(core);

    assertThat(event.path("apiVersion").asText()).isEqualTo("events.k8s.io/v1");
    assertThat(event.at("/regarding/name").asText()).isEqualTo("orders");
    assertThat(event.path("note").asText()).isEqualTo("task 0 failed");
    assertThat(event.path("reason").asText()).isEqualTo("TaskFailed");
    assertThat(event.path("type").asText()).isEqualTo("Warning");
    assertThat(event.path("eventTime").asText()).isEqualTo("2026-12-01T10:00:00.000000Z");
    assertThat(event.at("/series/count").asInt()).isEqualTo(3);
    assertThat(event.at("/series/lastObservedTime").asText())
        .isEqualTo("2026-12-01T10:05:00.000000Z");
    assertThat(event.path("reportingController").asText()).isEqualTo("tributary-operator");
    assertThat(event.path("deprecatedCount").asInt()).isEqualTo(3);
    assertThat(event.has("involvedObject")).isFalse();
  }

  @Test
  void aSingleEventHasNoSeries() throws Exception {
    var core =
        JSON.readTree(
            """
            {"metadata":{"name":"e1"},"count":1,"eventTime":"2026-12-01T10:00:00.123456Z",
             "reportingComponent":"c","reportingInstance":"i"}
            """);

    var event = EventsApi.asEventsV1(core);

    assertThat(event.has("series")).isFalse();
    assertThat(event.path("eventTime").asText()).isEqualTo("2026-12-01T10:00:00.123456Z");
    assertThat(event.path("reportingInstance").asText()).isEqualTo("i");
  }

  @Test
  void describeSelectsEventsByTheirInvolvedObject() {
    assertThat(
            EventsApi.involvedObjectSelector(
                "/api/v1/namespaces/ns/events?fieldSelector="
                    + "involvedObject.name%3Dorders%2CinvolvedObject.kind%3DKafkaConnector"
                    + "%2Cmetadata.namespace%3Dns"))
        .containsOnly(
            java.util.Map.entry("name", "orders"), java.util.Map.entry("kind", "KafkaConnector"));
    assertThat(EventsApi.serves("/apis/events.k8s.io/v1/namespaces/ns/events", "x")).isTrue();
    assertThat(EventsApi.serves("/api/v1/namespaces/ns/events", "/api/v1/namespaces/ns/events"))
        .as("a plain list stays with the store")
        .isFalse();
  }
}
