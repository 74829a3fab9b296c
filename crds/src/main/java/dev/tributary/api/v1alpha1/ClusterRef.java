package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A reference to a KafkaConnect, in the same namespace unless it names another. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ClusterRef {
  @JsonPropertyDescription("Name of the KafkaConnect.")
  @Required
  public String name;

  @JsonPropertyDescription(
      "Namespace of the KafkaConnect; default: the KafkaConnector's own. A KafkaConnect takes"
          + " connectors from another namespace only if its spec.connectorNamespaceSelector"
          + " matches that namespace; in Connect they are named `<namespace>.<name>`.")
  public String namespace;

  public ClusterRef() {}

  public ClusterRef(String name) {
    this.name = name;
  }
}
