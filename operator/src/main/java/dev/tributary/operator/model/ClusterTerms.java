package dev.tributary.operator.model;

import dev.tributary.api.v1alpha1.KafkaConnector;
import java.util.Map;

/**
 * What a connector's cluster adds to its spec: the cluster's {@code connectorDefaults}, the most
 * tasks that can work (a sink's partition count, when known) and the tasks the autoscaler set (when
 * it runs the cluster). Each is null when it does not apply.
 */
public record ClusterTerms(
    Map<String, String> connectorDefaults, Integer maxUsefulTasks, Integer autoscaledTasks) {

  public static final ClusterTerms NONE = new ClusterTerms(null, null, null);

  public static ClusterTerms defaults(Map<String, String> connectorDefaults) {
    return new ClusterTerms(connectorDefaults, null, null);
  }

  /**
   * A connector's terms: the cluster's defaults; the useful and autoscaled tasks the load poller
   * found (each null when unknown). While autoscaling is on but the poller has not looked yet, a
   * sink (or a source with a backlog to read) keeps the tasks Connect runs it with (so a restart of
   * the operator changes nothing), and a new sink starts with one task ({@code
   * runningSizedTasksMax} 1) for the autoscaler to add to.
   */
  public static ClusterTerms of(
      Map<String, String> connectorDefaults,
      Integer maxUsefulTasks,
      Integer autoscaledTasks,
      boolean autoscalingEnabled,
      Integer runningSizedTasksMax) {
    Integer autoscaled = autoscaledTasks;
    if (autoscaled == null && autoscalingEnabled && runningSizedTasksMax != null) {
      autoscaled = runningSizedTasksMax;
    }
    return new ClusterTerms(connectorDefaults, maxUsefulTasks, autoscaled);
  }

  /**
   * The {@code tasks.max} Connect is given: spec.tasksMax, never above the useful tasks, and the
   * autoscaler's count when it sets one.
   */
  public int tasks(KafkaConnector connector) {
    int tasks = ConnectorPlan.tasksMax(connector);
    if (maxUsefulTasks != null && maxUsefulTasks > 0) {
      tasks = Math.min(tasks, maxUsefulTasks);
    }
    if (autoscaledTasks != null) {
      tasks = Math.min(tasks, autoscaledTasks);
    }
    return Math.max(1, tasks);
  }

  /** Whether spec.tasksMax asks for more tasks than can work. */
  public boolean limitsSpec(KafkaConnector connector) {
    return maxUsefulTasks != null
        && maxUsefulTasks > 0
        && ConnectorPlan.tasksMax(connector) > maxUsefulTasks;
  }
}
