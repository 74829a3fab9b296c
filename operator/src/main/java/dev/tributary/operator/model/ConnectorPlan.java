package dev.tributary.operator.model;

import dev.tributary.api.Tributary;
import dev.tributary.api.v1alpha1.ConnectState;
import dev.tributary.api.v1alpha1.ConnectorState;
import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.api.v1alpha1.KafkaConnectorStatus;
import dev.tributary.operator.connectapi.dto.ConnectorOverview;
import dev.tributary.operator.connectapi.dto.StateInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What to do to a connector, as a pure function of its KafkaConnector and what Connect reports. An
 * unchanged spec on a healthy connector plans nothing: no update, no restart.
 */
public final class ConnectorPlan {

  /** One step against Connect's REST API. */
  public sealed interface Action {
    /**
     * {@code POST /connectors} with {@code initial_state}, so a paused or stopped connector never
     * starts.
     */
    record Create(Map<String, String> config, String initialState) implements Action {}

    /** {@code PUT /connectors/{name}/config}. */
    record Update(Map<String, String> config) implements Action {}

    record Pause() implements Action {}

    record Resume() implements Action {}

    record Stop() implements Action {}

    /** {@code POST /connectors/{name}/restart}. */
    record Restart(boolean includeTasks, boolean onlyFailed, boolean automatic) implements Action {}

    record RestartTask(int task) implements Action {}
  }

  /** Auto-restarts done so far for this connector. */
  public record RestartHistory(int count, Instant last) {
    public static final RestartHistory NONE = new RestartHistory(0, null);

    /** What the connector's status records of earlier automatic restarts. */
    public static RestartHistory from(KafkaConnectorStatus status) {
      if (status == null || status.autoRestart == null || status.autoRestart.count == null) {
        return NONE;
      }
      String last = status.autoRestart.lastRestartTime;
      return new RestartHistory(
          status.autoRestart.count, last == null ? null : Instant.parse(last));
    }
  }

  public static final Duration FIRST_RESTART_DELAY = Duration.ofSeconds(5);
  public static final Duration MAX_RESTART_DELAY = Duration.ofMinutes(10);

  private ConnectorPlan() {}

  /** KIP-891's pin of the connector plugin's version (Kafka 4.1+), from spec.version. */
  public static final String VERSION_KEY = "connector.plugin.version";

  /** The config Connect should hold: spec.config plus the keys the spec owns. */
  public static Map<String, String> desiredConfig(KafkaConnector connector) {
    return desiredConfig(connector, ClusterTerms.NONE);
  }

  /**
   * The config Connect should hold: the cluster's {@code connectorDefaults}, then spec.config over
   * them, then the keys the spec owns, with as many tasks as the cluster's terms allow.
   */
  public static Map<String, String> desiredConfig(KafkaConnector connector, ClusterTerms terms) {
    var config = new TreeMap<String, String>();
    if (terms.connectorDefaults() != null) {
      config.putAll(terms.connectorDefaults());
    }
    if (connector.getSpec().config != null) {
      config.putAll(connector.getSpec().config);
    }
    config.put("connector.class", connector.getSpec().connectorClass);
    if (connector.getSpec().version != null) {
      config.put(VERSION_KEY, connector.getSpec().version);
    }
    config.put("tasks.max", String.valueOf(terms.tasks(connector)));
    config.put("name", ClusterNames.connectorName(connector));
    return config;
  }

  /** What the connector takes from {@code connectorDefaults}: the keys its own config leaves. */
  public static Map<String, String> inherited(
      KafkaConnector connector, Map<String, String> connectorDefaults) {
    if (connectorDefaults == null || connectorDefaults.isEmpty()) {
      return null;
    }
    var inherited = new TreeMap<>(connectorDefaults);
    if (connector.getSpec().config != null) {
      inherited.keySet().removeAll(connector.getSpec().config.keySet());
    }
    return inherited.isEmpty() ? null : inherited;
  }

  static int tasksMax(KafkaConnector connector) {
    return connector.getSpec().tasksMax == null ? 1 : connector.getSpec().tasksMax;
  }

  static ConnectorState desiredState(KafkaConnector connector) {
    return connector.getSpec().state == null ? ConnectorState.RUNNING : connector.getSpec().state;
  }

  /** The actions that bring Connect to the spec; empty when nothing needs doing. */
  public static List<Action> plan(
      KafkaConnector connector, ConnectorOverview observed, RestartHistory restarts, Instant now) {
    return plan(connector, ClusterTerms.NONE, observed, restarts, now);
  }

  /** As above, on the terms of the connector's cluster. */
  public static List<Action> plan(
      KafkaConnector connector,
      ClusterTerms terms,
      ConnectorOverview observed,
      RestartHistory restarts,
      Instant now) {
    List<Action> actions = new ArrayList<>();
    Map<String, String> desired = desiredConfig(connector, terms);
    boolean exists = observed != null && observed.info() != null;
    // Offsets change only while the connector is stopped: it is held so until they have.
    ConnectorState state =
        OffsetsPlan.due(connector, exists).isPresent()
            ? ConnectorState.STOPPED
            : desiredState(connector);
    if (observed == null || observed.info() == null) {
      actions.add(new Action.Create(desired, state.name()));
      return actions;
    }
    if (!desired.equals(normalised(observed.info().config()))) {
      actions.add(new Action.Update(desired));
    }
    ConnectState current = connectorState(observed);
    switch (state) {
      case RUNNING -> {
        if (current == ConnectState.PAUSED || current == ConnectState.STOPPED) {
          actions.add(new Action.Resume());
        }
      }
      case PAUSED -> {
        if (current != ConnectState.PAUSED) {
          actions.add(new Action.Pause());
        }
      }
      case STOPPED -> {
        if (current != ConnectState.STOPPED) {
          actions.add(new Action.Stop());
        }
      }
    }
    Map<String, String> annotations = connector.getMetadata().getAnnotations();
    String restart = annotations == null ? null : annotations.get(Tributary.ANNOTATION_RESTART);
    if (restart != null) {
      String options = restart.toLowerCase(Locale.ROOT);
      actions.add(
          new Action.Restart(
              options.contains("includetasks"), options.contains("onlyfailed"), false));
    }
    String restartTask =
        annotations == null ? null : annotations.get(Tributary.ANNOTATION_RESTART_TASK);
    if (restartTask != null && restartTask.trim().matches("\\d+")) {
      actions.add(new Action.RestartTask(Integer.parseInt(restartTask.trim())));
    }
    if (restart == null
        && state == ConnectorState.RUNNING
        && isFailed(observed)
        && autoRestartDue(connector, restarts, now)) {
      actions.add(new Action.Restart(true, true, true));
    }
    return actions;
  }

  /**
   * The config as Connect stores it. A PUT replaces the whole config and Connect keeps it as sent,
   * adding only {@code name} when it is missing; the desired config always carries {@code name}, so
   * an exact comparison finds drift and removed keys without ever planning an endless Update.
   */
  static Map<String, String> normalised(Map<String, String> observed) {
    return observed == null ? Map.of() : new TreeMap<>(observed);
  }

  static ConnectState connectorState(ConnectorOverview observed) {
    return observed.status() == null || observed.status().connector() == null
        ? null
        : ConnectState.fromConnect(observed.status().connector().state());
  }

  /** A restart annotation is on the KafkaConnector: it is removed once the restart was sent. */
  public static boolean hasRestartAnnotations(KafkaConnector connector) {
    Map<String, String> annotations = connector.getMetadata().getAnnotations();
    return annotations != null
        && (annotations.containsKey(Tributary.ANNOTATION_RESTART)
            || annotations.containsKey(Tributary.ANNOTATION_RESTART_TASK));
  }

  /** The connector or any task is FAILED. */
  public static boolean isFailed(ConnectorOverview observed) {
    if (observed.status() == null) {
      return false;
    }
    if (connectorState(observed) == ConnectState.FAILED) {
      return true;
    }
    return observed.status().tasks() != null
        && observed.status().tasks().stream()
            .map(task -> ConnectState.fromConnect(task.state()))
            .anyMatch(ConnectState.FAILED::equals);
  }

  static boolean autoRestartDue(KafkaConnector connector, RestartHistory restarts, Instant now) {
    var policy = connector.getSpec().autoRestart;
    boolean enabled = policy == null || !Boolean.FALSE.equals(policy.enabled);
    if (!enabled) {
      return false;
    }
    if (policy != null && policy.maxRestarts != null && restarts.count() >= policy.maxRestarts) {
      return false;
    }
    return restarts.last() == null
        || !now.isBefore(restarts.last().plus(restartDelay(restarts.count())));
  }

  /** Back-off between automatic restarts: 5 s, 10 s, 20 s, ... up to 10 minutes. */
  public static Duration restartDelay(int restartsSoFar) {
    if (restartsSoFar <= 0) {
      return Duration.ZERO;
    }
    Duration delay = FIRST_RESTART_DELAY.multipliedBy(1L << Math.min(restartsSoFar - 1, 20));
    return delay.compareTo(MAX_RESTART_DELAY) > 0 ? MAX_RESTART_DELAY : delay;
  }

  /** True when every task and the connector are in the state the spec asks for. */
  public static boolean isHealthy(KafkaConnector connector, ConnectorOverview observed) {
    if (observed == null || observed.status() == null || observed.status().connector() == null) {
      return false;
    }
    ConnectState expected = ConnectState.valueOf(desiredState(connector).name());
    if (connectorState(observed) != expected) {
      return false;
    }
    if (expected == ConnectState.STOPPED) {
      return true;
    }
    List<StateInfo> tasks =
        observed.status().tasks() == null ? List.of() : observed.status().tasks();
    return !tasks.isEmpty()
        && tasks.stream().allMatch(t -> ConnectState.fromConnect(t.state()) == expected);
  }
}
