package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** What a connector should be. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaConnectorSpec {

  @JsonPropertyDescription(
      "The KafkaConnect cluster, in the same namespace, that runs this connector.")
  @Required
  public ClusterRef clusterRef;

  @JsonProperty("class")
  @JsonPropertyDescription(
      "Connector class (`connector.class`), e.g."
          + " `org.apache.kafka.connect.file.FileStreamSourceConnector`. Must be a plugin the cluster offers.")
  @Required
  public String connectorClass;

  @JsonPropertyDescription("Maximum number of tasks (`tasks.max`).")
  @Min(1)
  @Default("1")
  public Integer tasksMax = 1;

  @JsonPropertyDescription(
      "running (default), paused (tasks stay assigned but idle) or stopped (tasks shut down,"
          + " offsets may be edited). A new connector starts in this state.")
  @Default("running")
  public ConnectorState state = ConnectorState.RUNNING;

  @JsonPropertyDescription("Restart a FAILED connector or task automatically, with back-off.")
  public AutoRestart autoRestart;

  @JsonPropertyDescription(
      "Connector configuration: everything but connector.class, tasks.max and name, which come from"
          + " spec.class, spec.tasksMax and metadata.name.")
  @ValidationRule(
      value = "self.all(k, !(k in ['connector.class', 'tasks.max', 'name']))",
      message =
          "connector.class, tasks.max and name come from spec.class, spec.tasksMax and metadata.name")
  public Map<String, String> config;
}
