package dev.tributary.operator.model;

import dev.tributary.api.Tributary.Reasons;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import java.util.Objects;

/** Where the worker StatefulSet stands against the desired number of workers. */
public record WorkerProgress(
    int desired, int replicas, int ready, int updated, boolean revisionsMatch, boolean observed) {

  public static WorkerProgress of(StatefulSet sts, int desired) {
    if (sts == null) {
      return new WorkerProgress(desired, 0, 0, 0, true, false);
    }
    StatefulSetStatus status = sts.getStatus() == null ? new StatefulSetStatus() : sts.getStatus();
    boolean observed =
        status.getObservedGeneration() != null
            && status.getObservedGeneration()
                >= Objects.requireNonNullElse(sts.getMetadata().getGeneration(), 0L);
    // Under OnDelete (the operator's own roll) Kubernetes never moves currentRevision on: there
    // updatedReplicas alone tells whether every worker runs the current template.
    boolean revisionsMatch =
        status.getUpdateRevision() == null
            || Objects.equals(status.getCurrentRevision(), status.getUpdateRevision())
            || isOnDelete(sts);
    return new WorkerProgress(
        desired,
        orZero(status.getReplicas()),
        orZero(status.getReadyReplicas()),
        orZero(status.getUpdatedReplicas()),
        revisionsMatch,
        observed);
  }

  /** Every desired worker exists, runs the current template, and is ready. */
  public boolean settled() {
    return observed
        && replicas == desired
        && ready == desired
        && updated >= desired
        && revisionsMatch;
  }

  public String reason() {
    if (!observed || ready == 0) {
      return Reasons.WORKERS_STARTING;
    }
    if (replicas != desired) {
      return Reasons.SCALING;
    }
    if (!revisionsMatch || updated < desired) {
      return Reasons.ROLLING_UPDATE;
    }
    return Reasons.WORKERS_STARTING;
  }

  /**
   * The reason, given the Progressing reason before: once scaling or a rolling update has started,
   * the workers it starts are part of it until the cluster has settled, so the change reads as one
   * from start to finish.
   */
  public String reason(String previous) {
    String reason = reason();
    boolean planned = Reasons.SCALING.equals(previous) || Reasons.ROLLING_UPDATE.equals(previous);
    // A roll deletes each pod before its replacement exists: one worker fewer is part of it, not
    // a scaling, while some worker still runs an older template.
    boolean podOfTheRoll =
        Reasons.ROLLING_UPDATE.equals(previous)
            && reason.equals(Reasons.SCALING)
            && replicas < desired
            && updated < desired;
    return planned
            && observed
            && ready > 0
            && (reason.equals(Reasons.WORKERS_STARTING) || podOfTheRoll)
        ? previous
        : reason;
  }

  public String describe() {
    if (!observed) {
      return "the StatefulSet controller has not caught up yet";
    }
    return replicas + " exist, " + updated + " on the current template";
  }

  private static boolean isOnDelete(StatefulSet sts) {
    return sts.getSpec() != null
        && sts.getSpec().getUpdateStrategy() != null
        && "OnDelete".equals(sts.getSpec().getUpdateStrategy().getType());
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
