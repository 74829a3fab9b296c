package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A reference to a KafkaConnect in the same namespace. */
public class ClusterRef {
  @JsonPropertyDescription("Name of the KafkaConnect.")
  @Required
  public String name;

  public ClusterRef() {}

  public ClusterRef(String name) {
    this.name = name;
  }
}
