package dev.tributary.operator.connect;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** Request and response bodies of Kafka Connect's REST API, as records. */
public final class ConnectApi {
  private ConnectApi() {}

  /** {@code GET /}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ServerInfo(
      String version, String commit, @JsonProperty("kafka_cluster_id") String kafkaClusterId) {}

  /** {@code GET /health}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Health(String status, String message) {}

  /** A task's id. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record TaskId(String connector, int task) {}

  /** {@code GET /connectors/{c}}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ConnectorInfo(
      String name, Map<String, String> config, List<TaskId> tasks, String type) {}

  /** The connector or one task, as {@code /status} reports it. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record State(
      Integer id, String state, @JsonProperty("worker_id") String workerId, String trace) {}

  /** {@code GET /connectors/{c}/status}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ConnectorStatus(String name, State connector, List<State> tasks, String type) {}

  /** One entry of {@code GET /connectors?expand=status&expand=info}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ConnectorOverview(ConnectorInfo info, ConnectorStatus status) {}

  /** {@code POST /connectors}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CreateConnector(
      String name,
      Map<String, String> config,
      @JsonProperty("initial_state") String initialState) {}

  /** {@code GET /connectors/{c}/tasks}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record TaskInfo(TaskId id, Map<String, String> config) {}

  /** {@code GET /connectors/{c}/topics}: the connector's active topics. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ActiveTopics(List<String> topics) {}

  /** One source partition or sink topic-partition with its offset. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record PartitionOffset(Map<String, Object> partition, Map<String, Object> offset) {}

  /** {@code GET|PATCH /connectors/{c}/offsets}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Offsets(List<PartitionOffset> offsets) {}

  /** A message-only answer, e.g. of {@code PATCH|DELETE .../offsets}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Message(String message) {}

  /** {@code GET /connector-plugins}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record PluginInfo(@JsonProperty("class") String className, String type, String version) {}

  /** One config key a plugin defines ({@code GET /connector-plugins/{p}/config}). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ConfigKey(
      String name,
      String type,
      Boolean required,
      @JsonProperty("default_value") String defaultValue,
      String importance,
      String documentation,
      String group) {}

  /** {@code PUT /connector-plugins/{p}/config/validate}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ConfigValidation(
      String name,
      @JsonProperty("error_count") int errorCount,
      List<String> groups,
      List<ConfigResult> configs) {}

  /** One key's result in a validation. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ConfigResult(JsonNode definition, ConfigValue value) {}

  /** The value part of a validation result: Connect's errors for the key. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ConfigValue(String name, List<String> errors, Boolean visible) {}

  /** A logger's level ({@code GET /admin/loggers}). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record LoggerLevel(String level, @JsonProperty("last_modified") Long lastModified) {}
}
