package dev.tributary.operator.kafkaload;

import dev.tributary.api.v1alpha1.AutoscalingStatus;
import dev.tributary.operator.model.ClusterNames;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the load pollers learned of each cluster's sinks, for the reconcilers: each sink's useful,
 * recommended and autoscaled tasks, and the cluster's autoscaling status.
 */
public final class ClusterLoads {

  /** A sink's task numbers; each null when not known or not set. */
  public record SinkTerms(
      Integer maxUsefulTasks, Integer recommendedTasks, Integer autoscaledTasks) {}

  private record Load(Map<String, SinkTerms> sinks, AutoscalingStatus autoscaling) {}

  private final Map<ClusterNames, Load> loads = new ConcurrentHashMap<>();

  void record(ClusterNames cluster, Map<String, SinkTerms> sinks, AutoscalingStatus autoscaling) {
    loads.put(cluster, new Load(Map.copyOf(sinks), autoscaling));
  }

  void forget(ClusterNames cluster) {
    loads.remove(cluster);
  }

  /** The sink's terms, by its name in Connect. */
  public Optional<SinkTerms> sink(ClusterNames cluster, String connectName) {
    return Optional.ofNullable(loads.get(cluster)).map(l -> l.sinks().get(connectName));
  }

  /** The cluster's autoscaling status, once a sink's load has been measured. */
  public Optional<AutoscalingStatus> autoscaling(ClusterNames cluster) {
    return Optional.ofNullable(loads.get(cluster)).map(Load::autoscaling);
  }
}
