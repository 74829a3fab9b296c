package dev.tributary.operator.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;

/**
 * At most one worker of a cluster evicted at a time (a node drain), in the API version the cluster
 * serves: {@code policy/v1} from Kubernetes 1.21, {@code policy/v1beta1} before.
 */
public final class WorkerDisruptionBudget {
  private WorkerDisruptionBudget() {}

  public static PodDisruptionBudget v1(ClusterNames names) {
    return new PodDisruptionBudgetBuilder()
        .withMetadata(WorkerResources.meta(names, names.podDisruptionBudget()))
        .withNewSpec()
        .withMaxUnavailable(new IntOrString(1))
        .withNewSelector()
        .withMatchLabels(names.selectorLabels())
        .endSelector()
        .endSpec()
        .build();
  }

  /** The same budget for Kubernetes 1.20, where a budget with a selector means the same. */
  public static io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudget v1beta1(
      ClusterNames names) {
    return new io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudgetBuilder()
        .withMetadata(WorkerResources.meta(names, names.podDisruptionBudget()))
        .withNewSpec()
        .withMaxUnavailable(new IntOrString(1))
        .withNewSelector()
        .withMatchLabels(names.selectorLabels())
        .endSelector()
        .endSpec()
        .build();
  }
}
