package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One plugin a cluster offers: a connector, converter, transformation or predicate. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConnectorPluginStatus {
  @JsonProperty("class")
  @JsonPropertyDescription("Plugin class.")
  public String connectorClass;

  @JsonPropertyDescription(
      "source, sink, converter, header_converter, transformation or predicate.")
  public String type;

  @JsonPropertyDescription("Plugin version.")
  public String version;

  public ConnectorPluginStatus() {}

  public ConnectorPluginStatus(String connectorClass, String type, String version) {
    this.connectorClass = connectorClass;
    this.type = type;
    this.version = version;
  }
}
