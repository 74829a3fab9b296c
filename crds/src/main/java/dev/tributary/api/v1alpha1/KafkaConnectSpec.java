package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;
import java.util.List;
import java.util.Map;

/** What a KafkaConnect cluster should be. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.mode != 'standalone' || self.replicas <= 1",
    message =
        "a standalone KafkaConnect runs one worker: set replicas to 0 or 1, or use mode: distributed",
    fieldPath = ".replicas",
    reason = "FieldValueInvalid")
public class KafkaConnectSpec {

  /** Worker properties the operator sets itself; users configure them through dedicated fields. */
  public static final String OWNED_CONFIG_RULE =
      "self.all(k, !(k in ['group.id', 'config.storage.topic', 'offset.storage.topic',"
          + " 'status.storage.topic', 'plugin.path', 'listeners', 'bootstrap.servers',"
          + " 'offset.storage.file.filename'] || k.startsWith('rest.advertised.')))";

  @JsonPropertyDescription(
      "Number of Connect workers. Change it with `kubectl scale kafkaconnect/<name> --replicas=N`;"
          + " 0 stops every worker and keeps the cluster's config, offsets and status topics.")
  @Min(0)
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
  @Pattern("^[^\\s,]+(,[^\\s,]+)*$")
  public String bootstrapServers;

  @JsonPropertyDescription(
      "Worker image. Default: the operator's configured worker image (TRIBUTARY_WORKER_IMAGE).")
  public String image;

  @JsonPropertyDescription("Image pull policy for the worker image: Always, IfNotPresent or Never.")
  @Pattern("^(Always|IfNotPresent|Never)$")
  public String imagePullPolicy;

  @JsonPropertyDescription(
      "Connect group id (distributed mode). Default: `<namespace>.<name>`. Changing it makes a new,"
          + " empty Connect cluster.")
  @Pattern("^[a-zA-Z0-9._-]{1,249}$")
  public String groupId;

  @JsonPropertyDescription("Connect's internal topics (distributed mode).")
  public StorageTopics storage;

  @JsonPropertyDescription(
      "Worker properties, e.g. `value.converter`. Keys Tributary sets itself are rejected:"
          + " group.id, the storage topics, plugin.path, listeners, bootstrap.servers,"
          + " offset.storage.file.filename and rest.advertised.*.")
  @ValidationRule(
      value = OWNED_CONFIG_RULE,
      message =
          "group.id, *.storage.topic, plugin.path, listeners, bootstrap.servers,"
              + " offset.storage.file.filename and rest.advertised.* are set by Tributary: use"
              + " spec.groupId, spec.storage, spec.plugins and spec.bootstrapServers instead")
  public Map<String, String> config;

  @JsonPropertyDescription(
      "Extra connector, converter and transform plugins, fetched by an init container at pod start.")
  public List<Plugin> plugins;

  @JsonPropertyDescription("CPU and memory requests and limits of each worker container.")
  public ResourceRequirements resources;

  @JsonPropertyDescription("JVM options of each worker.")
  public JvmOptions jvmOptions;

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
}
