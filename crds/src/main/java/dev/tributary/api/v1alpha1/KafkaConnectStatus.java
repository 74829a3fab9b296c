package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;
import java.util.List;

/** What the operator observed of a KafkaConnect cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaConnectStatus {
  @JsonPropertyDescription("The metadata.generation this status describes.")
  public Long observedGeneration;

  @JsonPropertyDescription(
      "Ready (the cluster takes connectors), Progressing (workers starting, rolling or scaling),"
          + " Degraded (stuck: invalid spec, REST API unreachable, reconcile failing).")
  public List<Condition> conditions;

  @JsonPropertyDescription("Worker pods that exist.")
  @StatusReplicas
  public Integer replicas;

  @JsonPropertyDescription("Worker pods that are ready (Connect's /health answers 200).")
  public Integer readyReplicas;

  @JsonPropertyDescription("Label selector of the worker pods, for the scale subresource and HPAs.")
  @LabelSelector
  public String labelSelector;

  @JsonPropertyDescription(
      "Exactly-once source support every worker runs with: disabled, preparing or enabled.")
  public String exactlyOnceSource;

  @JsonPropertyDescription(
      "Log levels set through spec.logging and the KafkaConnectors' spec.logLevel, as a worker"
          + " reports them (GET /admin/loggers).")
  public java.util.Map<String, String> loggers;

  @JsonPropertyDescription("The cluster's REST API, inside the Kubernetes cluster.")
  public String restApiUrl;

  @JsonPropertyDescription("Id of the Kafka cluster the workers use (from Connect's GET /).")
  public String kafkaClusterId;

  @JsonPropertyDescription("Kafka Connect version the workers run (from Connect's GET /).")
  public String connectVersion;

  @JsonPropertyDescription(
      "Every plugin the workers offer, with its version: connectors, converters, transformations"
          + " and predicates (GET /connector-plugins?connectorsOnly=false).")
  public List<ConnectorPluginStatus> connectorPlugins;

  @JsonPropertyDescription("Number of connectors on the cluster.")
  public Integer connectors;

  @JsonPropertyDescription("Connectors on the cluster that no KafkaConnector manages.")
  public List<String> unmanagedConnectors;

  @JsonPropertyDescription(
      "Worker pods, ready or not, with restarts and why one does not run: every pod up to 20;"
          + " beyond that the 20 listed are those not ready first (replicas and readyReplicas"
          + " count them all).")
  public List<WorkerStatus> workers;

  @JsonPropertyDescription(
      "The spec.restartTrigger value every worker has been rolled for (set once the roll is done).")
  public String lastRestartTrigger;

  @JsonPropertyDescription(
      "The autoscaler's recommendation for the sink connectors' load, and its last change"
          + " (spec.autoscaling); present once a sink connector's load has been measured.")
  public AutoscalingStatus autoscaling;
}
