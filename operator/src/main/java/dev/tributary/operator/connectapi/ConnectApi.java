package dev.tributary.operator.connectapi;

import dev.tributary.operator.connectapi.dto.ConfigKey;
import dev.tributary.operator.connectapi.dto.ConfigValidation;
import dev.tributary.operator.connectapi.dto.ConnectorInfo;
import dev.tributary.operator.connectapi.dto.ConnectorOverview;
import dev.tributary.operator.connectapi.dto.ConnectorStatus;
import dev.tributary.operator.connectapi.dto.Health;
import dev.tributary.operator.connectapi.dto.LoggerLevel;
import dev.tributary.operator.connectapi.dto.Message;
import dev.tributary.operator.connectapi.dto.Offsets;
import dev.tributary.operator.connectapi.dto.PluginInfo;
import dev.tributary.operator.connectapi.dto.ServerInfo;
import dev.tributary.operator.connectapi.dto.StateInfo;
import dev.tributary.operator.connectapi.dto.TaskInfo;
import dev.tributary.operator.connectapi.dto.WorkerBacklog;
import dev.tributary.operator.connectapi.dto.WorkerTaskLoad;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Connect cluster's REST API, one method per endpoint. A read of something that does not exist
 * answers empty; every other failure is a {@link ConnectRestException} carrying the HTTP status.
 * Retrying is the caller's decision.
 */
public interface ConnectApi {

  /** Where this API answers, e.g. {@code http://pipeline-connect-api.ns.svc:8083/}. */
  String baseUrl();

  // --- server ---

  /** {@code GET /}. */
  ServerInfo serverInfo();

  /** {@code GET /health}: 200 healthy, 503 starting; both answer with a body. */
  Health health();

  /**
   * {@code GET /tributary/task-load}, served by Tributary's worker extension for the worker that
   * answers; empty from a worker without it (one of an older version).
   */
  Optional<WorkerTaskLoad> taskLoad();

  /**
   * {@code GET /tributary/backlog}: the sum of {@code attribute} over the answering worker's MBeans
   * matching any of {@code mbeans}; empty from a worker without it.
   */
  Optional<WorkerBacklog> backlog(List<String> mbeans, String attribute);

  // --- connectors ---

  /** {@code GET /connectors}. */
  List<String> connectorNames();

  /** {@code GET /connectors?expand=status&expand=info}: every connector in one call. */
  Map<String, ConnectorOverview> connectorsExpanded();

  /** {@code POST /connectors}, with {@code initial_state} (RUNNING, PAUSED or STOPPED). */
  ConnectorInfo createConnector(String name, Map<String, String> config, String initialState);

  /** {@code GET /connectors/{c}}. */
  Optional<ConnectorInfo> connector(String name);

  /** {@code GET /connectors/{c}/config}. */
  Optional<Map<String, String>> connectorConfig(String name);

  /** {@code PUT /connectors/{c}/config}: create-or-update, idempotent. */
  ConnectorInfo putConnectorConfig(String name, Map<String, String> config);

  /** {@code PATCH /connectors/{c}/config}: merges; a null value removes that key. */
  ConnectorInfo patchConnectorConfig(String name, Map<String, String> patch);

  /** {@code GET /connectors/{c}/status}. */
  Optional<ConnectorStatus> connectorStatus(String name);

  /** {@code POST /connectors/{c}/restart}. */
  void restartConnector(String name, boolean includeTasks, boolean onlyFailed);

  /** {@code PUT /connectors/{c}/pause}. */
  void pauseConnector(String name);

  /** {@code PUT /connectors/{c}/resume}. */
  void resumeConnector(String name);

  /** {@code PUT /connectors/{c}/stop}. */
  void stopConnector(String name);

  /** {@code DELETE /connectors/{c}}; false when it did not exist. */
  boolean deleteConnector(String name);

  /** {@code GET /connectors/{c}/tasks}. */
  Optional<List<TaskInfo>> tasks(String name);

  /** {@code GET /connectors/{c}/tasks/{t}/status}. */
  Optional<StateInfo> taskStatus(String name, int task);

  /** {@code POST /connectors/{c}/tasks/{t}/restart}. */
  void restartTask(String name, int task);

  /** {@code GET /connectors/{c}/topics}: the connector's active topics. */
  Optional<List<String>> topics(String name);

  /** {@code PUT /connectors/{c}/topics/reset}. */
  void resetTopics(String name);

  /** {@code GET /connectors/{c}/offsets}. */
  Optional<Offsets> offsets(String name);

  /** {@code PATCH /connectors/{c}/offsets}; Connect answers 400 unless the connector is STOPPED. */
  Message patchOffsets(String name, Offsets offsets);

  /** {@code DELETE /connectors/{c}/offsets}; Connect answers 400 unless it is STOPPED. */
  Message deleteOffsets(String name);

  // --- plugins ---

  /** {@code GET /connector-plugins}. */
  List<PluginInfo> connectorPlugins(boolean connectorsOnly);

  /** {@code GET /connector-plugins/{p}/config}. */
  Optional<List<ConfigKey>> pluginConfig(String pluginClass);

  /**
   * {@code PUT /connector-plugins/{p}/config/validate}: answers 200 with the errors in the body
   * even when the config is invalid.
   */
  ConfigValidation validateConfig(String pluginClass, Map<String, String> config);

  // --- loggers ---

  /** {@code GET /admin/loggers}. */
  Map<String, LoggerLevel> loggers();

  /** {@code PUT /admin/loggers/{logger}}. */
  List<String> setLoggerLevel(String logger, String level);

  /**
   * {@code PUT /admin/loggers/{logger}?scope=cluster}: every worker of the cluster, those that join
   * later included (KIP-976); applied asynchronously.
   */
  void setClusterLoggerLevel(String logger, String level);
}
