package dev.tributary.operator.kafkaconnector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.api.v1alpha1.KafkaConnectorStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecOrAnnotationsChangedTest {

  static KafkaConnector connector(long generation, Map<String, String> annotations) {
    var connector = new KafkaConnector();
    connector.setMetadata(
        new ObjectMetaBuilder()
            .withName("c")
            .withGeneration(generation)
            .withAnnotations(annotations)
            .build());
    return connector;
  }

  @Test
  void restartAnnotationsAndSpecChangesWakeTheReconcilerButStatusPatchesDoNot() {
    var filter = new SpecOrAnnotationsChanged();
    var before = connector(1, Map.of());

    assertThat(filter.accept(connector(1, Map.of("tributary.dev/restart", "true")), before))
        .isTrue();
    assertThat(filter.accept(connector(2, Map.of()), before)).isTrue();
    var statusOnly = connector(1, Map.of());
    statusOnly.setStatus(new KafkaConnectorStatus());
    assertThat(filter.accept(statusOnly, before)).isFalse();
  }
}
