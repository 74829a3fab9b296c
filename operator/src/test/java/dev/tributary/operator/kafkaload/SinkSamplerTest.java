package dev.tributary.operator.kafkaload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SinkSamplerTest {

  @Test
  void aSinksGroupAndTopicsComeFromItsConfigAsConnectReadsThem() {
    assertThat(SinkSampler.Sink.of("orders", Map.of("topics", "a, b,,c")))
        .isEqualTo(new SinkSampler.Sink("orders", "connect-orders", List.of("a", "b", "c"), null));
    assertThat(
            SinkSampler.Sink.of(
                "team.orders",
                Map.of("topics.regex", "orders-.*", "consumer.override.group.id", "mine")))
        .isEqualTo(new SinkSampler.Sink("team.orders", "mine", List.of(), "orders-.*"));
    assertThat(SinkSampler.Sink.of("s", Map.of("file", "/tmp/x"))).isNull();
    assertThat(SinkSampler.Sink.of("s", null)).isNull();
  }
}
