package dev.tributary.bench.scale;

import dev.tributary.operator.connectapi.dto.ActiveTopics;
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
import dev.tributary.operator.connectapi.dto.TaskId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One simulated Connect cluster's REST API: connectors and tasks held in memory, each task RUNNING
 * on the cluster's first worker unless failed on purpose. It answers the calls the operator makes
 * with the shapes Connect answers them; it does none of Connect's work. For measuring the
 * operator's own cost only.
 */
final class SimulatedCluster {

  /** An answer: the HTTP status and the body, written as JSON unless null. */
  record Answer(int status, Object body) {}

  private static final List<PluginInfo> PLUGINS =
      List.of(
          new PluginInfo(
              "org.apache.kafka.connect.file.FileStreamSourceConnector", "source", "4.1.0"),
          new PluginInfo("org.apache.kafka.connect.file.FileStreamSinkConnector", "sink", "4.1.0"));

  private static final class Connector {
    final String name;
    volatile Map<String, String> config;
    volatile String state;
    final String[] tasks;

    /** Until when each task shows RESTARTING after a restart. */
    final Instant[] restarting;

    final Instant created;

    Connector(String name, Map<String, String> config, String state, Instant created) {
      this.name = name;
      this.config = Map.copyOf(config);
      this.state = state;
      this.tasks = new String[Integer.parseInt(config.getOrDefault("tasks.max", "1"))];
      Arrays.fill(tasks, state);
      this.restarting = new Instant[tasks.length];
      Arrays.fill(restarting, Instant.EPOCH);
      this.created = created;
    }

    String type() {
      return config.getOrDefault("connector.class", "").contains("Sink") ? "sink" : "source";
    }
  }

  private final String workerId;
  private final Duration startDelay;
  private final Supplier<Instant> clock;
  private final Map<String, Connector> connectors = new ConcurrentHashMap<>();

  /**
   * @param host the cluster's REST host, {@code <cluster>-connect-api.<ns>.svc}
   * @param startDelay how long a new connector and its tasks show UNASSIGNED before RUNNING
   */
  SimulatedCluster(String host, Duration startDelay, Supplier<Instant> clock) {
    String cluster = host.substring(0, host.indexOf("-connect-api."));
    String namespace = host.substring(host.indexOf("-connect-api.") + 13, host.indexOf(".svc"));
    this.workerId = cluster + "-connect-0." + cluster + "-connect." + namespace + ".svc:8083";
    this.startDelay = startDelay;
    this.clock = clock;
  }

  int connectorCount() {
    return connectors.size();
  }

  List<String> connectorNames() {
    return List.copyOf(connectors.keySet());
  }

  /** Fails one task, as a task whose poll threw would. */
  boolean failTask(String connector, int task) {
    Connector found = connectors.get(connector);
    if (found == null || task >= found.tasks.length) {
      return false;
    }
    found.tasks[task] = "FAILED";
    return true;
  }

  /** Answers {@code method} on {@code path} (below the root, no leading slash). */
  Answer answer(String method, String path, Map<String, List<String>> query, Map<String, ?> body) {
    String[] parts = path.isEmpty() ? new String[0] : path.split("/");
    if (parts.length == 0) {
      return new Answer(200, new ServerInfo("4.1.0", "simulated", "simulated-kafka"));
    }
    return switch (parts[0]) {
      case "health" -> new Answer(200, new Health("healthy", "Worker has completed startup"));
      case "connector-plugins" -> plugins(method, parts);
      case "connectors" -> connectors(method, parts, query, body);
      case "admin" -> loggers(method, parts);
      default -> notFound("Unknown resource " + path);
    };
  }

  private Answer plugins(String method, String[] parts) {
    if (parts.length == 1) {
      return new Answer(200, PLUGINS);
    }
    if (parts.length == 3 && method.equals("GET")) {
      return new Answer(200, List.of());
    }
    if (parts.length == 4 && parts[3].equals("validate")) {
      return new Answer(200, new ConfigValidation(parts[1], 0, List.of(), List.of()));
    }
    return notFound("Unknown plugin resource");
  }

  private Answer loggers(String method, String[] parts) {
    if (parts.length == 2 && method.equals("GET")) {
      return new Answer(200, Map.of("root", new LoggerLevel("INFO", null)));
    }
    return new Answer(200, List.of());
  }

  @SuppressWarnings("unchecked")
  private Answer connectors(
      String method, String[] parts, Map<String, List<String>> query, Map<String, ?> body) {
    if (parts.length == 1 && method.equals("POST")) {
      String name = (String) body.get("name");
      var config = new LinkedHashMap<>((Map<String, String>) body.get("config"));
      config.put("name", name);
      String initial = (String) body.get("initial_state");
      var created = new Connector(name, config, initial == null ? "RUNNING" : initial, clock.get());
      if (connectors.putIfAbsent(name, created) != null) {
        return new Answer(409, new Message("Connector " + name + " already exists"));
      }
      return new Answer(201, info(created));
    }
    if (parts.length == 1) {
      if (query.getOrDefault("expand", List.of()).isEmpty()) {
        return new Answer(200, connectorNames());
      }
      Map<String, ConnectorOverview> all = new TreeMap<>();
      connectors.values().forEach(c -> all.put(c.name, new ConnectorOverview(info(c), status(c))));
      return new Answer(200, all);
    }
    String name = parts[1];
    if (parts.length == 3 && parts[2].equals("config") && method.equals("PUT")) {
      var config = new LinkedHashMap<>((Map<String, String>) body);
      config.put("name", name);
      Connector existing = connectors.get(name);
      if (existing == null) {
        Connector created = new Connector(name, config, "RUNNING", clock.get());
        connectors.put(name, created);
        return new Answer(201, info(created));
      }
      existing.config = Map.copyOf(config);
      return new Answer(200, info(existing));
    }
    Connector connector = connectors.get(name);
    if (connector == null) {
      return notFound("Connector " + name + " not found");
    }
    if (parts.length == 2) {
      if (method.equals("DELETE")) {
        connectors.remove(name);
        return new Answer(204, null);
      }
      return new Answer(200, info(connector));
    }
    return switch (parts[2]) {
      case "config" -> new Answer(200, connector.config);
      case "status" -> new Answer(200, status(connector));
      case "tasks" -> tasks(connector, parts);
      case "topics" -> new Answer(200, Map.of(name, new ActiveTopics(List.of(name + "-topic"))));
      case "offsets" -> new Answer(200, new Offsets(List.of()));
      case "pause" -> setState(connector, "PAUSED");
      case "resume" -> setState(connector, "RUNNING");
      case "stop" -> setState(connector, "STOPPED");
      case "restart" -> restart(connector, query);
      default -> notFound("Unknown connector resource " + parts[2]);
    };
  }

  private Answer tasks(Connector connector, String[] parts) {
    if (parts.length == 5 && parts[4].equals("restart")) {
      restartTask(connector, Integer.parseInt(parts[3]));
      return new Answer(204, null);
    }
    if (parts.length == 5 && parts[4].equals("status")) {
      int task = Integer.parseInt(parts[3]);
      return new Answer(200, new StateInfo(task, connector.tasks[task], workerId, null));
    }
    List<Map<String, Object>> tasks = new ArrayList<>();
    for (int i = 0; i < connector.tasks.length; i++) {
      tasks.add(Map.of("id", new TaskId(connector.name, i), "config", Map.of()));
    }
    return new Answer(200, tasks);
  }

  private static Answer setState(Connector connector, String state) {
    connector.state = state;
    Arrays.fill(connector.tasks, state);
    return new Answer(202, null);
  }

  private Answer restart(Connector connector, Map<String, List<String>> query) {
    boolean onlyFailed = query.getOrDefault("onlyFailed", List.of()).contains("true");
    for (int i = 0; i < connector.tasks.length; i++) {
      if (!onlyFailed || connector.tasks[i].equals("FAILED")) {
        restartTask(connector, i);
      }
    }
    return new Answer(202, null);
  }

  /** As Connect does, a restarted task shows RESTARTING for a while, then its connector's state. */
  private void restartTask(Connector connector, int task) {
    connector.restarting[task] = clock.get().plus(startDelay);
    connector.tasks[task] = connector.state;
  }

  private static ConnectorInfo info(Connector connector) {
    List<TaskId> tasks = new ArrayList<>();
    for (int i = 0; i < connector.tasks.length; i++) {
      tasks.add(new TaskId(connector.name, i));
    }
    return new ConnectorInfo(connector.name, connector.config, tasks, connector.type());
  }

  private ConnectorStatus status(Connector connector) {
    Instant now = clock.get();
    boolean starting = now.isBefore(connector.created.plus(startDelay));
    List<StateInfo> tasks = new ArrayList<>();
    for (int i = 0; i < connector.tasks.length; i++) {
      String state =
          starting
              ? "UNASSIGNED"
              : now.isBefore(connector.restarting[i]) ? "RESTARTING" : connector.tasks[i];
      String trace =
          state.equals("FAILED")
              ? "org.apache.kafka.connect.errors.ConnectException: simulated failure"
              : null;
      tasks.add(new StateInfo(i, state, workerId, trace));
    }
    String state = starting ? "UNASSIGNED" : connector.state;
    return new ConnectorStatus(
        connector.name, new StateInfo(null, state, workerId, null), tasks, connector.type());
  }

  private static Answer notFound(String message) {
    return new Answer(404, Map.of("error_code", 404, "message", message));
  }
}
