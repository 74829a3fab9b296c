package dev.tributary.operator.kafkaconnector;

import dev.tributary.api.Tributary.Reasons;
import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.operator.events.Notice;
import dev.tributary.operator.model.ClusterTerms;
import dev.tributary.operator.model.ConnectorPlan.Action;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** What a user is told, as an Event, about each step taken against Connect. */
final class ConnectorEvents {
  private ConnectorEvents() {}

  /** Ready reasons that are Warnings: a user has something to fix or wait for. */
  static final Set<String> FAILURES =
      Set.of(
          Reasons.INVALID_SPEC,
          Reasons.SECRET_NOT_FOUND,
          Reasons.INVALID_CONFIG,
          Reasons.CLUSTER_NOT_FOUND,
          Reasons.CONNECTOR_FAILED,
          Reasons.TASKS_FAILED,
          Reasons.TASKS_ON_DEPARTED_WORKERS,
          Reasons.REST_API_UNREACHABLE,
          Reasons.RECONCILE_FAILED);

  /**
   * A Normal Event when spec.tasksMax asks for more tasks than the sink's partitions can use: when
   * the partition count is first known or changes, and when the spec changes.
   */
  static Optional<Notice> tasksLimited(KafkaConnector cr, ClusterTerms terms) {
    if (!terms.limitsSpec(cr)) {
      return Optional.empty();
    }
    var status = cr.getStatus();
    boolean known =
        status != null
            && Objects.equals(status.maxUsefulTasks, terms.maxUsefulTasks())
            && Objects.equals(status.observedGeneration, cr.getMetadata().getGeneration());
    if (known) {
      return Optional.empty();
    }
    int useful = terms.maxUsefulTasks();
    String partitions = useful == 1 ? "1 partition" : useful + " partitions";
    String tasks = useful == 1 ? "1 task" : useful + " tasks";
    return Optional.of(
        new Notice(
            false,
            "TasksLimited",
            "spec.tasksMax is %d but the sink's topics have %s: Connect runs at most %s (another would get no partition)"
                .formatted(cr.getSpec().tasksMax, partitions, tasks)));
  }

  static Notice of(Action action, String connector, int automaticRestarts) {
    if (action instanceof Action.Create create) {
      return new Notice(
          false,
          "ConnectorCreated",
          "created connector " + connector + " in state " + create.initialState());
    }
    if (action instanceof Action.Update) {
      return new Notice(
          false,
          "ConnectorReconfigured",
          "applied the spec's config (over the cluster's connectorDefaults) to connector "
              + connector);
    }
    if (action instanceof Action.Pause) {
      return new Notice(false, "ConnectorPaused", "paused connector " + connector);
    }
    if (action instanceof Action.Resume) {
      return new Notice(false, "ConnectorResumed", "resumed connector " + connector);
    }
    if (action instanceof Action.Stop) {
      return new Notice(false, "ConnectorStopped", "stopped connector " + connector);
    }
    if (action instanceof Action.RestartTask task) {
      return new Notice(
          false,
          "TaskRestarted",
          "restarted task " + task.task() + " of connector " + connector + " as requested");
    }
    Action.Restart restart = (Action.Restart) action;
    if (restart.automatic()) {
      return new Notice(
          true,
          "AutoRestarted",
          "restarted the failed parts of connector "
              + connector
              + " automatically (restart "
              + automaticRestarts
              + ")");
    }
    return new Notice(
        false,
        "ConnectorRestarted",
        "restarted connector "
            + connector
            + (restart.includeTasks() ? " with its tasks" : "")
            + (restart.onlyFailed() ? " (failed parts only)" : "")
            + " as requested");
  }
}
