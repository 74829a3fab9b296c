package dev.tributary.operator.connectapi;

import dev.tributary.operator.connectapi.dto.ConfigResult;
import dev.tributary.operator.connectapi.dto.ConfigValidation;
import dev.tributary.operator.connectapi.dto.ConfigValue;
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
import dev.tributary.operator.connectapi.dto.TaskId;
import dev.tributary.operator.connectapi.dto.TaskInfo;
import dev.tributary.operator.connectapi.dto.WorkerBacklog;
import dev.tributary.operator.connectapi.dto.WorkerTaskLoad;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory Connect cluster behind {@link ConnectApi}, for unit tests of the controllers: it
 * keeps connectors with their config, state and tasks as Connect does (adding {@code name} to every
 * config it stores), records every write, and can be told to be unreachable, to answer 409 as while
 * rebalancing, to reject config keys, or to fail a task. Not Connect: end-to-end claims are tested
 * on real workers.
 */
public final class FakeConnectApi implements ConnectApi {

  /** Where tasks run unless told otherwise. */
  public static final String WORKER = "pipeline-connect-0.pipeline-connect-workers.data.svc:8083";

  private static final class Connector {
    Map<String, String> config;
    String state;
    String worker = WORKER;
    List<String> taskStates = new ArrayList<>();
    List<String> taskTraces = new ArrayList<>();
    boolean keepsFailing;
  }

  private final String baseUrl;
  private final Map<String, Connector> connectors = new TreeMap<>();
  private final Map<String, String> rejectedKeys = new TreeMap<>();
  private final List<String> classes = new ArrayList<>(List.of("org.example.Source"));
  private final List<String> writes = new CopyOnWriteArrayList<>();
  private volatile boolean unreachable;
  private volatile boolean rebalancing;
  private volatile String validationFailure;
  private int calls;

  public FakeConnectApi(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  // --- what tests set up and look at ---

  /** Every write so far, as {@code METHOD name[ detail]}. */
  public List<String> writes() {
    return List.copyOf(writes);
  }

  /** How many calls were answered or refused, reads included. */
  public synchronized int calls() {
    return calls;
  }

  public void unreachable(boolean value) {
    unreachable = value;
  }

  /** Writes answer 409, as while the group rebalances; reads still answer. */
  public void rebalancing(boolean value) {
    rebalancing = value;
  }

  /** Validation flags {@code key} with {@code message}. */
  public synchronized void rejectKey(String key, String message) {
    rejectedKeys.put(key, message);
  }

  /** Validation answers 500 with {@code message}, as Connect does when it cannot load a value. */
  public void failValidation(String message) {
    validationFailure = message;
  }

  /** A connector edited behind the operator's back, e.g. through the REST API directly. */
  public synchronized void editConfig(String name, String key, String value) {
    connectors.get(name).config.put(key, value);
  }

  public synchronized void failTask(String name, int task, String trace) {
    connectors.get(name).taskStates.set(task, "FAILED");
    connectors.get(name).taskTraces.set(task, trace);
  }

  /** Restarts do not help: the failed tasks fail again at once. */
  public synchronized void keepFailing(String name) {
    connectors.get(name).keepsFailing = true;
  }

  /** The worker that runs the connector's tasks, as {@code /status} names it. */
  public synchronized void moveTasksTo(String name, String worker) {
    connectors.get(name).worker = worker;
  }

  public synchronized Optional<Map<String, String>> configOf(String name) {
    return Optional.ofNullable(connectors.get(name)).map(c -> Map.copyOf(c.config));
  }

  public synchronized Optional<String> stateOf(String name) {
    return Optional.ofNullable(connectors.get(name)).map(c -> c.state);
  }

  public synchronized List<String> taskStatesOf(String name) {
    return List.copyOf(connectors.get(name).taskStates);
  }

  // --- ConnectApi ---

  @Override
  public String baseUrl() {
    return baseUrl;
  }

  @Override
  public synchronized ServerInfo serverInfo() {
    read("GET /");
    return new ServerInfo("4.3.1", "fake", "fake-kafka-cluster");
  }

  /** A worker of an older version: no task-load extension. */
  @Override
  public Optional<WorkerTaskLoad> taskLoad() {
    return Optional.empty();
  }

  /** What {@link #backlog} answers: nothing (a worker without the extension) until set. */
  private volatile WorkerBacklog backlogAnswer;

  /** The patterns each backlog call asked for. */
  public final List<List<String>> backlogAsked = new CopyOnWriteArrayList<>();

  public void answerBacklog(WorkerBacklog answer) {
    backlogAnswer = answer;
  }

  @Override
  public Optional<WorkerBacklog> backlog(List<String> mbeans, String attribute) {
    backlogAsked.add(List.copyOf(mbeans));
    return Optional.ofNullable(backlogAnswer);
  }

  @Override
  public synchronized Health health() {
    read("GET /health");
    return new Health("healthy", "fake");
  }

  @Override
  public synchronized List<String> connectorNames() {
    read("GET /connectors");
    return List.copyOf(connectors.keySet());
  }

  @Override
  public synchronized Map<String, ConnectorOverview> connectorsExpanded() {
    read("GET /connectors?expand");
    Map<String, ConnectorOverview> all = new TreeMap<>();
    connectors.keySet().forEach(name -> all.put(name, overview(name)));
    return all;
  }

  @Override
  public synchronized ConnectorInfo createConnector(
      String name, Map<String, String> config, String initialState) {
    write("POST " + name + " " + initialState);
    if (connectors.containsKey(name)) {
      throw new ConnectRestException(409, "Connector " + name + " already exists", null);
    }
    var connector = new Connector();
    connectors.put(name, connector);
    store(name, connector, config);
    connector.state = initialState == null ? "RUNNING" : initialState;
    startTasks(connector);
    return info(name);
  }

  @Override
  public synchronized Optional<ConnectorInfo> connector(String name) {
    read("GET " + name);
    return connectors.containsKey(name) ? Optional.of(info(name)) : Optional.empty();
  }

  @Override
  public synchronized Optional<Map<String, String>> connectorConfig(String name) {
    read("GET " + name + "/config");
    return configOf(name);
  }

  @Override
  public synchronized ConnectorInfo putConnectorConfig(String name, Map<String, String> config) {
    write("PUT " + name + "/config");
    var connector = connectors.computeIfAbsent(name, n -> new Connector());
    if (connector.state == null) {
      connector.state = "RUNNING";
    }
    store(name, connector, config);
    startTasks(connector);
    return info(name);
  }

  @Override
  public synchronized ConnectorInfo patchConnectorConfig(String name, Map<String, String> patch) {
    write("PATCH " + name + "/config");
    var merged = new TreeMap<>(existing(name).config);
    patch.forEach(
        (k, v) -> {
          if (v == null) {
            merged.remove(k);
          } else {
            merged.put(k, v);
          }
        });
    store(name, existing(name), merged);
    return info(name);
  }

  @Override
  public synchronized Optional<ConnectorStatus> connectorStatus(String name) {
    read("GET " + name + "/status");
    return connectors.containsKey(name) ? Optional.of(overview(name).status()) : Optional.empty();
  }

  @Override
  public synchronized void restartConnector(String name, boolean includeTasks, boolean onlyFailed) {
    write("POST " + name + "/restart includeTasks=" + includeTasks + " onlyFailed=" + onlyFailed);
    Connector connector = existing(name);
    if (includeTasks && !connector.keepsFailing) {
      for (int i = 0; i < connector.taskStates.size(); i++) {
        if (!onlyFailed || "FAILED".equals(connector.taskStates.get(i))) {
          connector.taskStates.set(i, connector.state);
          connector.taskTraces.set(i, null);
        }
      }
    }
  }

  @Override
  public synchronized void pauseConnector(String name) {
    write("PUT " + name + "/pause");
    setState(existing(name), "PAUSED");
  }

  @Override
  public synchronized void resumeConnector(String name) {
    write("PUT " + name + "/resume");
    Connector connector = existing(name);
    connector.state = "RUNNING";
    startTasks(connector);
  }

  @Override
  public synchronized void stopConnector(String name) {
    write("PUT " + name + "/stop");
    Connector connector = existing(name);
    connector.state = "STOPPED";
    connector.taskStates.clear();
    connector.taskTraces.clear();
  }

  @Override
  public synchronized boolean deleteConnector(String name) {
    write("DELETE " + name);
    return connectors.remove(name) != null;
  }

  @Override
  public synchronized Optional<List<TaskInfo>> tasks(String name) {
    read("GET " + name + "/tasks");
    return Optional.ofNullable(connectors.get(name))
        .map(
            c -> {
              List<TaskInfo> tasks = new ArrayList<>();
              for (int i = 0; i < c.taskStates.size(); i++) {
                tasks.add(new TaskInfo(new TaskId(name, i), c.config));
              }
              return tasks;
            });
  }

  @Override
  public synchronized Optional<StateInfo> taskStatus(String name, int task) {
    read("GET " + name + "/tasks/" + task + "/status");
    return Optional.ofNullable(connectors.get(name))
        .filter(c -> task < c.taskStates.size())
        .map(c -> new StateInfo(task, c.taskStates.get(task), c.worker, c.taskTraces.get(task)));
  }

  @Override
  public synchronized void restartTask(String name, int task) {
    write("POST " + name + "/tasks/" + task + "/restart");
    Connector connector = existing(name);
    connector.taskStates.set(task, connector.state);
    connector.taskTraces.set(task, null);
  }

  @Override
  public synchronized Optional<List<String>> topics(String name) {
    read("GET " + name + "/topics");
    return Optional.ofNullable(connectors.get(name))
        .map(c -> List.of(c.config.getOrDefault("topic", name + "-topic")));
  }

  @Override
  public synchronized void resetTopics(String name) {
    write("PUT " + name + "/topics/reset");
  }

  @Override
  public synchronized Optional<Offsets> offsets(String name) {
    read("GET " + name + "/offsets");
    return Optional.of(new Offsets(List.of()));
  }

  @Override
  public synchronized Message patchOffsets(String name, Offsets offsets) {
    write("PATCH " + name + "/offsets");
    return new Message("offsets altered");
  }

  @Override
  public synchronized Message deleteOffsets(String name) {
    write("DELETE " + name + "/offsets");
    return new Message("offsets reset");
  }

  @Override
  public synchronized List<PluginInfo> connectorPlugins(boolean connectorsOnly) {
    read("GET /connector-plugins");
    return classes.stream().map(c -> new PluginInfo(c, "source", "4.3.1")).toList();
  }

  @Override
  public synchronized Optional<List<dev.tributary.operator.connectapi.dto.ConfigKey>> pluginConfig(
      String pluginClass) {
    read("GET /connector-plugins/" + pluginClass + "/config");
    return Optional.of(List.of());
  }

  @Override
  public synchronized ConfigValidation validateConfig(
      String pluginClass, Map<String, String> config) {
    read("PUT /connector-plugins/" + pluginClass + "/config/validate");
    if (validationFailure != null) {
      throw new ConnectRestException(
          500,
          "PUT /connector-plugins/"
              + pluginClass
              + "/config/validate: HTTP 500: "
              + validationFailure,
          null);
    }
    if (!classes.contains(pluginClass)) {
      throw new ConnectRestException(
          500,
          "Failed to find any class that implements Connector and which name matches "
              + pluginClass,
          null);
    }
    List<ConfigResult> results = new ArrayList<>();
    config.keySet().stream()
        .filter(rejectedKeys::containsKey)
        .forEach(
            key ->
                results.add(
                    new ConfigResult(
                        null, new ConfigValue(key, List.of(rejectedKeys.get(key)), true))));
    return new ConfigValidation(pluginClass, results.size(), List.of(), results);
  }

  @Override
  public synchronized Map<String, LoggerLevel> loggers() {
    read("GET /admin/loggers");
    Map<String, LoggerLevel> all = new java.util.TreeMap<>();
    loggerLevels.forEach((logger, level) -> all.put(logger, new LoggerLevel(level, null)));
    return all;
  }

  @Override
  public synchronized List<String> setLoggerLevel(String logger, String level) {
    write("PUT /admin/loggers/" + logger + " " + level);
    loggerLevels.put(logger, level);
    return List.of(logger);
  }

  @Override
  public synchronized void setClusterLoggerLevel(String logger, String level) {
    write("PUT /admin/loggers/" + logger + "?scope=cluster " + level);
    loggerLevels.put(logger, level);
  }

  /** Log levels as a worker reports them; Connect always has root. */
  private final Map<String, String> loggerLevels = new java.util.TreeMap<>(Map.of("root", "INFO"));

  // --- plumbing ---

  private void read(String what) {
    calls++;
    if (unreachable) {
      throw new ConnectRestException(0, what + ": connection refused", null);
    }
  }

  private void write(String what) {
    read(what);
    if (rebalancing) {
      throw new ConnectRestException(
          409,
          what
              + ": Cannot complete request momentarily due to"
              + " stale configuration (typically caused by a concurrent config change)",
          null);
    }
    writes.add(what);
  }

  private Connector existing(String name) {
    Connector connector = connectors.get(name);
    if (connector == null) {
      throw new ConnectRestException(404, "Connector " + name + " not found", null);
    }
    return connector;
  }

  /** Connect stores the config as sent, adding {@code name} when it is missing. */
  private static void store(String name, Connector connector, Map<String, String> config) {
    var stored = new TreeMap<>(config);
    stored.putIfAbsent("name", name);
    connector.config = stored;
  }

  private static void startTasks(Connector connector) {
    if ("STOPPED".equals(connector.state)) {
      return;
    }
    int tasks = Integer.parseInt(connector.config.getOrDefault("tasks.max", "1"));
    connector.taskStates.clear();
    connector.taskTraces.clear();
    for (int i = 0; i < tasks; i++) {
      connector.taskStates.add(connector.state);
      connector.taskTraces.add(null);
    }
  }

  private static void setState(Connector connector, String state) {
    connector.state = state;
    connector.taskStates.replaceAll(s -> "FAILED".equals(s) ? s : state);
  }

  private ConnectorInfo info(String name) {
    Connector c = connectors.get(name);
    List<TaskId> tasks = new ArrayList<>();
    for (int i = 0; i < c.taskStates.size(); i++) {
      tasks.add(new TaskId(name, i));
    }
    return new ConnectorInfo(name, Map.copyOf(c.config), tasks, "source");
  }

  private ConnectorOverview overview(String name) {
    Connector c = connectors.get(name);
    List<StateInfo> tasks = new ArrayList<>();
    for (int i = 0; i < c.taskStates.size(); i++) {
      tasks.add(new StateInfo(i, c.taskStates.get(i), c.worker, c.taskTraces.get(i)));
    }
    return new ConnectorOverview(
        info(name),
        new ConnectorStatus(name, new StateInfo(null, c.state, c.worker, null), tasks, "source"));
  }
}
