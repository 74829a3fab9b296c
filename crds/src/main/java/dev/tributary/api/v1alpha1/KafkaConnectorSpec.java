package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.api.RawWhenUnreadable;
import dev.tributary.contract.SpecRules;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;
import java.util.Map;

/** What a connector should be. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaConnectorSpec implements RawWhenUnreadable.Spec {

  @JsonPropertyDescription(
      "The KafkaConnect cluster, in the same namespace, that runs this connector. Fixed once the"
          + " KafkaConnector exists: to move a connector, delete it and create it again.")
  @Required
  @ValidationRule(
      value = SpecRules.CLUSTER_REF_UNCHANGED_RULE,
      message = SpecRules.CLUSTER_REF_UNCHANGED_MESSAGE)
  public ClusterRef clusterRef;

  @JsonProperty("class")
  @JsonPropertyDescription(
      "Connector class (`connector.class`), e.g."
          + " `org.apache.kafka.connect.file.FileStreamSourceConnector`. Must be a plugin the cluster offers.")
  @Required
  public String connectorClass;

  @JsonPropertyDescription(
      "Maximum number of tasks (`tasks.max`); the scale subresource's replicas, so `kubectl scale"
          + " kafkaconnector/<name> --replicas=N`, an HPA or KEDA can set it. At most 1000.")
  @SpecReplicas
  @Min(1)
  @Max(1000)
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
      "Change this value (any string, e.g. a date) to restart the connector and its tasks once."
          + " Unlike the restart annotations it stays in the manifest: re-applying the same value"
          + " restarts nothing, so Git can keep it.")
  public String restartTrigger;

  @JsonPropertyDescription(
      "Restart the connector and its tasks when a Secret its config references (`${secrets:<secret>:"
          + "<key>}`) changes, so they read the new value. Default true.")
  @Default("true")
  public Boolean restartOnSecretChange = true;

  @JsonPropertyDescription(
      "The connector's offsets: listed into a ConfigMap, altered or reset once per trigger.")
  public ConnectorOffsets offsets;

  @JsonPropertyDescription(
      "Pins the version of the connector plugin (`connector.plugin.version`, KIP-891, Kafka"
          + " 4.1+) when the cluster has several: one of the versions its status.connectorPlugins"
          + " lists for spec.class. Converter versions go in spec.config as"
          + " `key.converter.plugin.version` / `value.converter.plugin.version`. Connect checks it"
          + " before anything is applied.")
  public String version;

  @JsonPropertyDescription(
      "A source connector's backlog, read from its tasks' MBeans on the workers: with it, the"
          + " cluster's spec.autoscaling sizes this source's tasks as it sizes a sink's from its"
          + " lag. MirrorSourceConnector needs none: its replication consumers' records-lag is"
          + " read by default. Ignored for a sink, whose lag comes from its consumer group.")
  public SourceBacklog sourceBacklog;

  @JsonPropertyDescription(
      "Log level for this connector's code: the package of spec.class (its connector and task"
          + " classes), on every worker of the cluster, without a roll. Removing it returns the"
          + " package to the root logger's level.")
  @Pattern(SpecRules.LOG_LEVEL)
  public String logLevel;

  @JsonPropertyDescription(
      "Connector configuration: everything but connector.class, tasks.max and name, which come from"
          + " spec.class, spec.tasksMax and metadata.name. A value may reference a Secret key of"
          + " this namespace as `${secrets:<secret>:<key>}`: the workers read it at task start, and"
          + " Connect stores only the reference.")
  @ValidationRule(
      value = "self.all(k, !(k in " + SpecRules.OWNED_CONNECTOR_KEYS_CEL + "))",
      message =
          "connector.class, tasks.max and name come from spec.class, spec.tasksMax and metadata.name")
  public Map<String, String> config;

  /**
   * Why the operator could not read the spec as stored (a wrong type or value, naming the field),
   * or null. Never written: the stored spec stays as the user wrote it.
   */
  @JsonIgnore public String unreadable;

  /** The stored JSON of a spec that could not be read, written back as it was. */
  @JsonIgnore public JsonNode unreadableJson;

  @Override
  public JsonNode unreadableJson() {
    return unreadableJson;
  }
}
