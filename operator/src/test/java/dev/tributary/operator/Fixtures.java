package dev.tributary.operator;

import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.api.v1alpha1.KafkaConnector;
import io.fabric8.kubernetes.client.utils.Serialization;

/** Test fixtures written as YAML, the way users write them. */
public final class Fixtures {
  private Fixtures() {}

  public static KafkaConnect kafkaConnect(String yaml) {
    return Serialization.unmarshal(yaml, KafkaConnect.class);
  }

  public static KafkaConnector kafkaConnector(String yaml) {
    return Serialization.unmarshal(yaml, KafkaConnector.class);
  }
}
