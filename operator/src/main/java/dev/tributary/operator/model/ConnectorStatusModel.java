package dev.tributary.operator.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.api.Tributary.Conditions;
import dev.tributary.api.Tributary.Reasons;
import dev.tributary.api.v1alpha1.AutoRestartStatus;
import dev.tributary.api.v1alpha1.ConfigError;
import dev.tributary.api.v1alpha1.ConnectorState;
import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.api.v1alpha1.KafkaConnectorStatus;
import dev.tributary.api.v1alpha1.TaskStatus;
import dev.tributary.operator.connect.ConnectApi.ConnectorOverview;
import dev.tributary.operator.connect.ConnectApi.State;
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
  private static final ObjectMapper JSON = new ObjectMapper();

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
      List<String> topics) {}

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
      State connector = seen.connector().status().connector();
      status.connectorState = connector == null ? null : connector.state();
      status.workerId = connector == null ? null : connector.workerId();
      status.tasks =
          seen.connector().status().tasks() == null
              ? List.of()
              : seen.connector().status().tasks().stream()
                  .sorted(
                      Comparator.comparing(
                          State::id, Comparator.nullsFirst(Comparator.naturalOrder())))
                  .map(ConnectorStatusModel::task)
                  .map(t -> orphanedIfDeparted(t, departedWorkers))
                  .toList();
    } else if (previous != null && isUnreachable(seen.problemReason())) {
      status.connectorState = previous.connectorState;
      status.workerId = previous.workerId;
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
          .set(Conditions.READY, false, "Creating", "the connector is being created")
          .set(Conditions.PROGRESSING, true, "Creating", "the connector is being created")
          .set(Conditions.DEGRADED, false, "Creating", "");
    } else if (status.tasks != null
        && status.tasks.stream().anyMatch(t -> ORPHANED.equals(t.state))) {
      String message =
          "task(s) "
              + status.tasks.stream()
                  .filter(t -> ORPHANED.equals(t.state))
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
      boolean connectorFailed = "FAILED".equals(status.connectorState);
      String reason = connectorFailed ? Reasons.CONNECTOR_FAILED : Reasons.TASKS_FAILED;
      String message = failureMessage(status);
      conditions
          .set(Conditions.READY, false, reason, message)
          .set(Conditions.PROGRESSING, false, reason, "")
          .set(Conditions.DEGRADED, true, reason, message);
    } else {
      String message = "connector " + status.connectorState + ", tasks " + taskStates(status);
      conditions
          .set(Conditions.READY, false, "Starting", message)
          .set(Conditions.PROGRESSING, true, "Starting", message)
          .set(Conditions.DEGRADED, false, "Starting", "");
    }
    status.conditions = conditions.build();
    return status;
  }

  private static boolean isUnreachable(String reason) {
    return Reasons.REST_API_UNREACHABLE.equals(reason)
        || Reasons.CLUSTER_NOT_READY.equals(reason)
        || Reasons.REBALANCING.equals(reason);
  }

  /** The task state Tributary reports for a task Connect calls RUNNING on a worker that is gone. */
  public static final String ORPHANED = "ORPHANED";

  private static TaskStatus orphanedIfDeparted(TaskStatus task, Set<String> departedWorkers) {
    if ("RUNNING".equals(task.state)
        && task.workerId != null
        && departedWorkers.contains(task.workerId)) {
      task.state = ORPHANED;
    }
    return task;
  }

  private static TaskStatus task(State state) {
    var task = new TaskStatus();
    task.id = state.id();
    task.state = state.state();
    task.workerId = state.workerId();
    task.trace = firstLine(state.trace());
    return task;
  }

  /** The first line of a stack trace, truncated: enough to say what failed, not a log dump. */
  public static String firstLine(String trace) {
    if (trace == null || trace.isBlank()) {
      return null;
    }
    String line = trace.lines().findFirst().orElse("").trim();
    return line.length() > MAX_TRACE ? line.substring(0, MAX_TRACE) + "..." : line;
  }

  private static String failureMessage(KafkaConnectorStatus status) {
    if ("FAILED".equals(status.connectorState)) {
      return "the connector FAILED";
    }
    return status.tasks.stream()
        .filter(t -> "FAILED".equals(t.state))
        .map(t -> "task " + t.id + " FAILED" + (t.trace == null ? "" : ": " + t.trace))
        .collect(Collectors.joining("; "));
  }

  private static String taskStates(KafkaConnectorStatus status) {
    return status.tasks == null || status.tasks.isEmpty()
        ? "none yet"
        : status.tasks.stream().map(t -> t.id + "=" + t.state).collect(Collectors.joining(","));
  }

  /** True when a patch would change nothing. */
  public static boolean same(KafkaConnectorStatus a, KafkaConnectorStatus b) {
    return Objects.equals(JSON.valueToTree(a), JSON.valueToTree(b));
  }
}
