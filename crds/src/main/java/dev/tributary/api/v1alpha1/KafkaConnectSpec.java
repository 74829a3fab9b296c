package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.api.RawWhenUnreadable;
import dev.tributary.contract.SpecRules;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;
import java.util.List;
import java.util.Map;

/** What a KafkaConnect cluster should be. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = SpecRules.STANDALONE_REPLICAS_RULE,
    message = SpecRules.STANDALONE_REPLICAS_MESSAGE,
    fieldPath = ".replicas",
    reason = "FieldValueInvalid")
@ValidationRule(
    value = SpecRules.EXACTLY_ONCE_STANDALONE_RULE,
    message = SpecRules.EXACTLY_ONCE_STANDALONE_MESSAGE,
    fieldPath = ".exactlyOnceSource",
    reason = "FieldValueInvalid")
@ValidationRule(
    value = SpecRules.GROUP_UNCHANGED_RULE,
    message = SpecRules.GROUP_UNCHANGED_MESSAGE,
    fieldPath = ".groupId",
    reason = "FieldValueInvalid")
@ValidationRule(
    value = SpecRules.SECURITY_KEYS_RULE,
    message = SpecRules.SECURITY_KEYS_MESSAGE,
    fieldPath = ".config",
    reason = "FieldValueInvalid")
@ValidationRule(
    value = SpecRules.REST_TLS_KEYS_RULE,
    message = SpecRules.REST_TLS_KEYS_MESSAGE,
    fieldPath = ".config",
    reason = "FieldValueInvalid")
@ValidationRule(
    value = SpecRules.AUTOSCALING_DISTRIBUTED_RULE,
    message = SpecRules.AUTOSCALING_DISTRIBUTED_MESSAGE,
    fieldPath = ".autoscaling",
    reason = "FieldValueInvalid")
public class KafkaConnectSpec implements RawWhenUnreadable.Spec {

  @JsonPropertyDescription(
      "Number of Connect workers. Change it with `kubectl scale kafkaconnect/<name> --replicas=N`;"
          + " 0 stops every worker and keeps the cluster's config, offsets and status topics. At"
          + " most 100: every worker takes part in each rebalance of the group, so split a larger"
          + " load across clusters.")
  @Min(0)
  @Max(100)
  @Default("1")
  @SpecReplicas
  public Integer replicas = 1;

  @JsonPropertyDescription(
      "distributed (default): workers form one Connect group, state in Kafka topics."
          + " standalone: one worker, source offsets in a file on a PersistentVolumeClaim,"
          + " connectors re-created by the operator after a restart.")
  @Default("distributed")
  public ConnectMode mode = ConnectMode.DISTRIBUTED;

  @JsonPropertyDescription("Kafka bootstrap servers the workers connect to, e.g. `kafka:9092`.")
  @Required
  @Pattern(SpecRules.BOOTSTRAP_SERVERS)
  public String bootstrapServers;

  @JsonPropertyDescription(
      "TLS to the brokers, for the workers and every connector's producer, consumer and admin"
          + " clients. Absent: plaintext.")
  public KafkaTls tls;

  @JsonPropertyDescription(
      "Authentication to the brokers, for the workers and every connector's clients. Secret"
          + " values are mounted into the workers and read by Connect's DirectoryConfigProvider;"
          + " they never appear in the ConfigMap, the pod spec or Connect's config topic.")
  public KafkaAuthentication authentication;

  @JsonPropertyDescription(
      "Worker image. Default: the operator's configured worker image (TRIBUTARY_WORKER_IMAGE).")
  public String image;

  @JsonPropertyDescription("Image pull policy for the worker image: Always, IfNotPresent or Never.")
  @Pattern("^(Always|IfNotPresent|Never)$")
  public String imagePullPolicy;

  @JsonPropertyDescription(
      "Connect group id (distributed mode). Default: `<namespace>.<name>`. Fixed once the"
          + " KafkaConnect exists (a new group would be a new, empty Connect cluster), as are the"
          + " storage topics.")
  @Pattern("^[a-zA-Z0-9._-]{1,249}$")
  public String groupId;

  @JsonPropertyDescription("Connect's internal topics (distributed mode).")
  public StorageTopics storage;

  @JsonPropertyDescription(
      "Worker properties, e.g. `value.converter`. Keys Tributary sets itself are rejected:"
          + " group.id, the storage topics, plugin.path, listeners, bootstrap.servers,"
          + " offset.storage.file.filename, exactly.once.source.support and rest.advertised.*.")
  @ValidationRule(
      value = SpecRules.OWNED_WORKER_KEYS_RULE,
      message = SpecRules.OWNED_WORKER_KEYS_MESSAGE)
  public Map<String, String> config;

  @JsonPropertyDescription(
      "Connector settings most connectors of this cluster share (converters, errors.*, the dead"
          + " letter queue, producer.override.* / consumer.override.*), set once here: merged under"
          + " every KafkaConnector's own spec.config, which wins key by key. A KafkaConnector's"
          + " status.inheritedConfig shows what it takes from here; a change is applied to every"
          + " connector, with a ConnectorReconfigured Event each. Not the keys a KafkaConnector's"
          + " spec sets (name, connector.class, tasks.max, connector.plugin.version), and no"
          + " ${...} references: Secrets go in each connector's config.")
  @ValidationRule(
      value = SpecRules.CONNECTOR_DEFAULTS_RULE,
      message = SpecRules.CONNECTOR_DEFAULTS_MESSAGE)
  public Map<String, String> connectorDefaults;

  @JsonPropertyDescription(
      "Extra connector, converter and transform plugins, fetched by an init container at pod start"
          + " (at most 50).")
  @Size(max = 50)
  public List<Plugin> plugins;

  @JsonPropertyDescription(
      "Maven repositories for spec.plugins: private ones, with credentials from Secrets, searched"
          + " after Maven Central or, with `mirrorOf: central`, instead of it.")
  public List<PluginRepository> pluginRepositories;

  @JsonPropertyDescription(
      "Size the cluster to its sink connectors' load: tasks per connector and workers, decided"
          + " together from consumer-group lag and measured rates, one change at a time, after the"
          + " last rebalance has ended. Off by default; the recommendation is in status either way.")
  public Autoscaling autoscaling;

  @JsonPropertyDescription("CPU and memory requests and limits of each worker container.")
  public ResourceRequirements resources;

  @JsonPropertyDescription("JVM options of each worker.")
  public JvmOptions jvmOptions;

  @JsonPropertyDescription(
      "The workers' Prometheus endpoint: on by default, with rules for Connect's metrics.")
  public Metrics metrics;

  @JsonPropertyDescription(
      "Exactly-once source connectors (KIP-618): the operator rolls the workers twice, first with"
          + " `exactly.once.source.support=preparing`, then `enabled`, as Connect requires, and"
          + " status.exactlyOnceSource shows the phase. false rolls them once to `disabled`."
          + " Distributed mode only.")
  public Boolean exactlyOnceSource;

  @JsonPropertyDescription(
      "KafkaConnectors in other namespaces may use this cluster when their Namespace's labels match"
          + " (`{}`: every namespace); none by default. Their connectors are named"
          + " `<namespace>.<name>` in Connect and may not use Secret or file references.")
  public io.fabric8.kubernetes.api.model.LabelSelector connectorNamespaceSelector;

  @JsonPropertyDescription(
      "Worker log levels per logger, applied to running workers without a roll (KIP-976).")
  public Logging logging;

  @JsonPropertyDescription(
      "The Connect REST API: `tls: true` locks it to HTTPS with mutual TLS between the operator and"
          + " the workers.")
  public RestApi restApi;

  @JsonPropertyDescription(
      "Change this value (any string, e.g. a date) to roll the workers once, one pod at a time."
          + " It stays in the manifest: re-applying the same value rolls nothing.")
  public String restartTrigger;

  @JsonPropertyDescription(
      "Scheduled rebalance delay (`scheduled.rebalance.max.delay.ms`) in milliseconds: how long the"
          + " group waits for a departed worker before moving its tasks. Default 0: move them at"
          + " once; Connect's own default (300000) leaves tasks idle for five minutes when a pod"
          + " restarts.")
  @Min(0)
  public Integer rebalanceDelayMs;

  @JsonPropertyDescription(
      "Delete connectors that no KafkaConnector manages (created through the REST API directly)."
          + " Default false: they are left alone and listed in status.unmanagedConnectors.")
  public Boolean deleteUnmanagedConnectors;

  @JsonPropertyDescription("Standalone mode: the volume that holds the source offsets file.")
  public StandaloneStorage standaloneStorage;

  @JsonPropertyDescription(
      "Additions to the worker pods: labels, annotations, scheduling, env, volumes.")
  public PodTemplate template;

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
