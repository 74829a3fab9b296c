package dev.tributary.operator.model;

import dev.tributary.api.Tributary;
import dev.tributary.api.v1alpha1.ConnectorState;
import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.operator.connect.ConnectApi.ConnectorOverview;
import dev.tributary.operator.connect.ConnectApi.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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
  }

  public static final Duration FIRST_RESTART_DELAY = Duration.ofSeconds(5);
  public static final Duration MAX_RESTART_DELAY = Duration.ofMinutes(10);

  private ConnectorPlan() {}

  /** The config Connect should hold: spec.config plus the three keys the spec owns. */
  public static Map<String, String> desiredConfig(KafkaConnector connector) {
    var config = new TreeMap<String, String>();
    if (connector.getSpec().config != null) {
      config.putAll(connector.getSpec().config);
    }
    config.put("connector.class", connector.getSpec().connectorClass);
    config.put("tasks.max", String.valueOf(tasksMax(connector)));
    config.put("name", connector.getMetadata().getName());
    return config;
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
    List<Action> actions = new ArrayList<>();
    Map<String, String> desired = desiredConfig(connector);
    ConnectorState state = desiredState(connector);
    if (observed == null || observed.info() == null) {
      actions.add(new Action.Create(desired, state.name()));
      return actions;
    }
    if (!desired.equals(normalised(observed.info().config()))) {
      actions.add(new Action.Update(desired));
    }
    String current = connectorState(observed);
    switch (state) {
      case RUNNING -> {
        if ("PAUSED".equals(current) || "STOPPED".equals(current)) {
          actions.add(new Action.Resume());
        }
      }
      case PAUSED -> {
        if (!"PAUSED".equals(current)) {
          actions.add(new Action.Pause());
        }
      }
      case STOPPED -> {
        if (!"STOPPED".equals(current)) {
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
   * Connect reports configs as it stores them; compare without keys Connect adds that the spec
   * never sets.
   */
  static Map<String, String> normalised(Map<String, String> observed) {
    return observed == null ? Map.of() : new TreeMap<>(observed);
  }

  static String connectorState(ConnectorOverview observed) {
    return observed.status() == null || observed.status().connector() == null
        ? null
        : observed.status().connector().state();
  }

  /** The connector or any task is FAILED. */
  public static boolean isFailed(ConnectorOverview observed) {
    if (observed.status() == null) {
      return false;
    }
    if (observed.status().connector() != null
        && "FAILED".equals(observed.status().connector().state())) {
      return true;
    }
    return observed.status().tasks() != null
        && observed.status().tasks().stream().map(State::state).anyMatch("FAILED"::equals);
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
    String expected = desiredState(connector).name();
    if (!Objects.equals(observed.status().connector().state(), expected)) {
      return false;
    }
    if (desiredState(connector) == ConnectorState.STOPPED) {
      return true;
    }
    List<State> tasks = observed.status().tasks() == null ? List.of() : observed.status().tasks();
    return !tasks.isEmpty() && tasks.stream().allMatch(t -> expected.equals(t.state()));
  }
}
