package dev.tributary.operator.model;

import dev.tributary.api.Tributary.Conditions;
import dev.tributary.api.Tributary.Reasons;
import dev.tributary.api.v1alpha1.AutoRestartStatus;
import dev.tributary.api.v1alpha1.ConfigError;
import dev.tributary.api.v1alpha1.ConnectState;
import dev.tributary.api.v1alpha1.ConnectorState;
import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.api.v1alpha1.KafkaConnectorStatus;
import dev.tributary.api.v1alpha1.TaskStatus;
import dev.tributary.operator.connectapi.dto.ConnectorOverview;
import dev.tributary.operator.connectapi.dto.StateInfo;
import dev.tributary.operator.model.ConnectorPlan.RestartHistory;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** The status of a KafkaConnector as a pure function of what was observed. */
public final class ConnectorStatusModel {

  static final int MAX_TRACE = 240;

  /**
   * What the reconcile saw.
   *
   * @param problemReason why the connector cannot be brought to its spec now (a Reasons value), or
   *     null
   * @param problemMessage the message that goes with it
   * @param connector what Connect reports of the connector, or null when it does not exist
   */
  public record Observation(
      String problemReason,
      String problemMessage,
      ConnectorOverview connector,
      List<ConfigError> configErrors,
      RestartHistory restarts,
      List<String> topics) {

    /** The connector cannot be observed or brought to its spec now, for {@code reason}. */
    public static Observation problem(String reason, String message, RestartHistory restarts) {
      return new Observation(reason, message, null, null, restarts, null);
    }

    /**
     * What Connect reports ({@code connector} null when it does not exist); config errors mean
     * Connect refused the spec's config and the previous one keeps running.
     */
    public static Observation seen(
        ConnectorOverview connector,
        List<ConfigError> configErrors,
        RestartHistory restarts,
        List<String> topics) {
      return configErrors.isEmpty()
          ? new Observation(null, null, connector, null, restarts, topics)
          : new Observation(
              Reasons.INVALID_CONFIG,
              ConfigErrors.message(configErrors),
              connector,
              configErrors,
              restarts,
              topics);
    }
  }

  private ConnectorStatusModel() {}

  public static KafkaConnectorStatus of(KafkaConnector cr, Observation seen, Instant now) {
    return of(cr, seen, Set.of(), now);
  }

  /**
   * As above, knowing which workers are gone: Connect keeps reporting a departed worker's tasks
   * RUNNING until {@code scheduled.rebalance.max.delay.ms} expires, though nothing runs them.
   */
  public static KafkaConnectorStatus of(
      KafkaConnector cr, Observation seen, Set<String> departedWorkers, Instant now) {
    var status = new KafkaConnectorStatus();
    KafkaConnectorStatus previous = cr.getStatus();
    status.observedGeneration = cr.getMetadata().getGeneration();
    if (seen.connector() != null && seen.connector().status() != null) {
      StateInfo connector = seen.connector().status().connector();
      status.connectorState =
          connector == null ? null : ConnectState.fromConnect(connector.state());
      status.workerId = connector == null ? null : connector.workerId();
      status.version = connector == null ? null : connector.version();
      status.tasks =
          seen.connector().status().tasks() == null
              ? List.of()
              : seen.connector().status().tasks().stream()
                  .sorted(byId())
                  .map(ConnectorStatusModel::task)
                  .map(t -> orphanedIfDeparted(t, departedWorkers))
                  .toList();
    } else if (previous != null && keepsLastObservation(seen.problemReason())) {
      status.connectorState = previous.connectorState;
      status.workerId = previous.workerId;
      status.version = previous.version;
      status.tasks = previous.tasks;
    }
    status.topics =
        seen.topics() != null ? seen.topics() : previous == null ? null : previous.topics;
    status.configErrors =
        seen.configErrors() == null || seen.configErrors().isEmpty() ? null : seen.configErrors();
    if (seen.restarts() != null && seen.restarts().count() > 0) {
      status.autoRestart = new AutoRestartStatus();
      status.autoRestart.count = seen.restarts().count();
      status.autoRestart.lastRestartTime =
          seen.restarts().last() == null
              ? null
              : DateTimeFormatter.ISO_INSTANT.format(seen.restarts().last());
    }

    var conditions =
        new ConditionSet(
            previous == null ? null : previous.conditions, cr.getMetadata().getGeneration(), now);
    if (seen.problemReason() != null) {
      boolean waiting =
          Reasons.CLUSTER_NOT_READY.equals(seen.problemReason())
              || Reasons.REBALANCING.equals(seen.problemReason());
      conditions
          .set(Conditions.READY, false, seen.problemReason(), seen.problemMessage())
          .set(
              Conditions.PROGRESSING,
              waiting,
              seen.problemReason(),
              waiting ? seen.problemMessage() : "")
          .set(
              Conditions.DEGRADED,
              !waiting,
              seen.problemReason(),
              waiting ? "" : seen.problemMessage());
    } else if (seen.connector() == null) {
      conditions
          .set(Conditions.READY, false, Reasons.CREATING, "the connector is being created")
          .set(Conditions.PROGRESSING, true, Reasons.CREATING, "the connector is being created")
          .set(Conditions.DEGRADED, false, Reasons.CREATING, "");
    } else if (status.tasks != null
        && status.tasks.stream().anyMatch(t -> t.state == ConnectState.ORPHANED)) {
      String message =
          "task(s) "
              + status.tasks.stream()
                  .filter(t -> t.state == ConnectState.ORPHANED)
                  .map(t -> String.valueOf(t.id))
                  .collect(Collectors.joining(","))
              + " are reported RUNNING on worker(s) that are gone; Connect moves them when"
              + " scheduled.rebalance.max.delay.ms expires";
      conditions
          .set(Conditions.READY, false, Reasons.TASKS_ON_DEPARTED_WORKERS, message)
          .set(Conditions.PROGRESSING, true, Reasons.TASKS_ON_DEPARTED_WORKERS, message)
          .set(Conditions.DEGRADED, false, Reasons.TASKS_ON_DEPARTED_WORKERS, "");
    } else if (ConnectorPlan.isHealthy(cr, seen.connector())) {
      ConnectorState state = ConnectorPlan.desiredState(cr);
      String reason =
          switch (state) {
            case RUNNING -> Reasons.READY;
            case PAUSED -> Reasons.PAUSED;
            case STOPPED -> Reasons.STOPPED;
          };
      String message =
          state == ConnectorState.RUNNING
              ? "the connector and its " + status.tasks.size() + " task(s) are RUNNING"
              : "the connector is " + state.name() + " as requested";
      conditions
          .set(Conditions.READY, true, reason, message)
          .set(Conditions.PROGRESSING, false, reason, "")
          .set(Conditions.DEGRADED, false, reason, "");
    } else if (ConnectorPlan.isFailed(seen.connector())) {
      boolean connectorFailed = status.connectorState == ConnectState.FAILED;
      String reason = connectorFailed ? Reasons.CONNECTOR_FAILED : Reasons.TASKS_FAILED;
      String message = failureMessage(status);
      conditions
          .set(Conditions.READY, false, reason, message)
          .set(Conditions.PROGRESSING, false, reason, "")
          .set(Conditions.DEGRADED, true, reason, message);
    } else {
      String message = "connector " + status.connectorState + ", tasks " + taskStates(status);
      conditions
          .set(Conditions.READY, false, Reasons.STARTING, message)
          .set(Conditions.PROGRESSING, true, Reasons.STARTING, message)
          .set(Conditions.DEGRADED, false, Reasons.STARTING, "");
    }
    status.tasksRunning =
        status.tasks == null
            ? null
            : status.tasks.stream().filter(t -> t.state == ConnectState.RUNNING).count()
                + "/"
                + status.tasks.size();
    status.taskCount = status.tasks == null ? 0 : status.tasks.size();
    status.labelSelector = ClusterNames.referencedBy(cr).selectorString();
    status.conditions = conditions.build();
    return status;
  }

  /** Connect could not be asked now: the status keeps what it last saw of the connector. */
  private static boolean keepsLastObservation(String reason) {
    return Reasons.REST_API_UNREACHABLE.equals(reason)
        || Reasons.INVALID_SPEC.equals(reason)
        || Reasons.CLUSTER_NOT_READY.equals(reason)
        || Reasons.REBALANCING.equals(reason)
        || Reasons.OFFSETS_CHANGING.equals(reason);
  }

  private static TaskStatus orphanedIfDeparted(TaskStatus task, Set<String> departedWorkers) {
    if (task.state == ConnectState.RUNNING
        && task.workerId != null
        && departedWorkers.contains(task.workerId)) {
      task.state = ConnectState.ORPHANED;
    }
    return task;
  }

  /** Workers of this cluster that Connect still names but whose pod no longer exists. */
  public static Set<String> departedWorkers(
      ClusterNames names, ConnectorOverview observed, Set<String> livePods) {
    if (observed == null || observed.status() == null || observed.status().tasks() == null) {
      return Set.of();
    }
    return observed.status().tasks().stream()
        .map(StateInfo::workerId)
        .filter(Objects::nonNull)
        .filter(
            worker -> names.podOfWorker(worker).map(pod -> !livePods.contains(pod)).orElse(false))
        .collect(Collectors.toSet());
  }

  /** A sink's {@code tasks.max} as Connect runs it; null for a source or an absent connector. */
  public static Integer sinkTasksMax(ConnectorOverview observed) {
    if (observed == null || observed.info() == null || !"sink".equals(observed.info().type())) {
      return null;
    }
    return tasksMax(observed);
  }

  /** The {@code tasks.max} Connect runs a connector with; null when not known. */
  public static Integer tasksMax(ConnectorOverview observed) {
    if (observed == null || observed.info() == null || observed.info().config() == null) {
      return null;
    }
    try {
      return Integer.valueOf(observed.info().config().getOrDefault("tasks.max", "1").trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * Whether to ask Connect for the connector's topics: only when none are known or a state changed
   * since the last status, so a steady poll costs one call per cluster, not one per connector.
   */
  public static boolean needsTopics(KafkaConnectorStatus previous, ConnectorOverview observed) {
    if (observed == null || observed.status() == null) {
      return false;
    }
    if (previous == null || previous.topics == null || previous.topics.isEmpty()) {
      return true;
    }
    StateInfo connector = observed.status().connector();
    List<ConnectState> observedTasks =
        observed.status().tasks() == null
            ? List.of()
            : observed.status().tasks().stream()
                .sorted(byId())
                .map(t -> ConnectState.fromConnect(t.state()))
                .toList();
    List<ConnectState> previousTasks =
        previous.tasks == null ? List.of() : previous.tasks.stream().map(t -> t.state).toList();
    return previous.connectorState
            != (connector == null ? null : ConnectState.fromConnect(connector.state()))
        || !previousTasks.equals(observedTasks);
  }

  private static Comparator<StateInfo> byId() {
    return Comparator.comparing(StateInfo::id, Comparator.nullsFirst(Comparator.naturalOrder()));
  }

  private static TaskStatus task(StateInfo state) {
    var task = new TaskStatus();
    task.id = state.id();
    task.state = ConnectState.fromConnect(state.state());
    task.workerId = state.workerId();
    task.trace = traceSummary(state.trace());
    return task;
  }

  /**
   * What failed and why, from a stack trace: its first line and, when the trace has one, its last
   * {@code Caused by:} line, the root cause (Connect's first line is often only "Tolerance exceeded
   * in error handler"). Each part truncated: enough to say why, not a log dump.
   */
  public static String traceSummary(String trace) {
    if (trace == null || trace.isBlank()) {
      return null;
    }
    String first = truncate(trace.lines().findFirst().orElse("").trim());
    String cause =
        trace
            .lines()
            .map(String::trim)
            .filter(line -> line.startsWith(CAUSED_BY))
            .reduce((earlier, later) -> later)
            .map(line -> truncate(line.substring(CAUSED_BY.length()).trim()))
            .orElse(null);
    return cause == null || first.contains(cause) ? first : first + " | caused by: " + cause;
  }

  private static final String CAUSED_BY = "Caused by:";

  private static String truncate(String line) {
    return line.length() > MAX_TRACE ? line.substring(0, MAX_TRACE) + "..." : line;
  }

  private static String failureMessage(KafkaConnectorStatus status) {
    if (status.connectorState == ConnectState.FAILED) {
      return "the connector FAILED";
    }
    return status.tasks.stream()
        .filter(t -> t.state == ConnectState.FAILED)
        .map(t -> "task " + t.id + " FAILED" + (t.trace == null ? "" : ": " + t.trace))
        .collect(Collectors.joining("; "));
  }

  private static String taskStates(KafkaConnectorStatus status) {
    return status.tasks == null || status.tasks.isEmpty()
        ? "none yet"
        : status.tasks.stream().map(t -> t.id + "=" + t.state).collect(Collectors.joining(","));
  }
}
