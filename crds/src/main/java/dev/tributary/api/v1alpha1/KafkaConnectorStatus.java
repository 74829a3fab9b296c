package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;
import java.util.List;
import java.util.Map;

/** What the operator observed of a connector. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaConnectorStatus {
  @JsonPropertyDescription("The metadata.generation this status describes.")
  public Long observedGeneration;

  @JsonPropertyDescription(
      "Ready (the connector and all its tasks run, or rest in the requested paused/stopped"
          + " state), Progressing, Degraded.")
  public List<Condition> conditions;

  @JsonPropertyDescription(
      "Connector state as Connect reports it: RUNNING, PAUSED, STOPPED, FAILED, UNASSIGNED, RESTARTING.")
  public ConnectState connectorState;

  @JsonPropertyDescription(
      "Version of the connector plugin running, as Connect reports it (spec.version pins it).")
  public String version;

  @JsonPropertyDescription("Worker running the connector.")
  public String workerId;

  @JsonPropertyDescription("Every task, as Connect reports it.")
  public List<TaskStatus> tasks;

  @JsonPropertyDescription(
      "Tasks RUNNING out of all tasks, e.g. `2/3`: the Tasks column of `kubectl get`.")
  public String tasksRunning;

  @JsonPropertyDescription(
      "How many tasks Connect runs for the connector: the replicas of the scale subresource, whose"
          + " desired count is spec.tasksMax (`kubectl scale kafkaconnector/<name> --replicas=N`).")
  @StatusReplicas
  public Integer taskCount;

  @JsonPropertyDescription(
      "The most tasks that can work, for a sink: its topics' partition count (a task beyond it"
          + " would get no partition). Connect runs no more than this however high spec.tasksMax"
          + " is, with a TasksLimited Event when spec.tasksMax is above it.")
  public Integer maxUsefulTasks;

  @JsonPropertyDescription(
      "Tasks the autoscaler recommends for the sink's current load (the cluster's"
          + " spec.autoscaling); applied when autoscaling is enabled.")
  public Integer recommendedTasks;

  @JsonPropertyDescription(
      "The worker pods of the connector's cluster, for the scale subresource (HPA, KEDA).")
  @LabelSelector
  public String labelSelector;

  @JsonPropertyDescription("Topics the connector has used (GET /connectors/{name}/topics).")
  public List<String> topics;

  @JsonPropertyDescription("Config fields Connect rejected; the previous config keeps running.")
  public List<ConfigError> configErrors;

  @JsonPropertyDescription("Automatic restarts done.")
  public AutoRestartStatus autoRestart;

  @JsonPropertyDescription(
      "A digest of the Secret values the config references (never the values): when it changes,"
          + " the connector is restarted so its tasks read the new ones.")
  public String secretsDigest;

  @JsonPropertyDescription("spec.offsets: operations done and under way.")
  public OffsetsStatus offsets;

  @JsonPropertyDescription("The spec.restartTrigger value last acted on.")
  public String lastRestartTrigger;

  @JsonPropertyDescription(
      "The settings this connector takes from its KafkaConnect's spec.connectorDefaults (those its"
          + " own spec.config does not set): with spec.config, the config Connect runs it with.")
  public Map<String, String> inheritedConfig;
}
