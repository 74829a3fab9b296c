package dev.tributary.operator.model;

import dev.tributary.api.Tributary.Reasons;
import dev.tributary.api.v1alpha1.WorkerStatus;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Each worker pod's state in a KafkaConnect's status, as a pure function of the pods the kubelet
 * reports on: ready, starting, or the reason it does not run, with the kubelet's own message.
 */
public final class WorkerStatuses {

  /** Reasons that mean a worker cannot run until something changes. */
  public static final Set<String> FAILURES =
      Set.of(
          Reasons.INIT_CONTAINER_FAILED,
          Reasons.CRASH_LOOP_BACK_OFF,
          Reasons.OOM_KILLED,
          Reasons.KAFKA_AUTHENTICATION_FAILED,
          Reasons.KAFKA_TLS_FAILED,
          Reasons.KAFKA_UNREACHABLE,
          Reasons.PLUGIN_INSTALL_FAILED,
          Reasons.WORKER_CONFIG_INVALID,
          Reasons.IMAGE_PULL_FAILED,
          Reasons.UNSCHEDULABLE);

  private static final Set<String> IMAGE_PULL =
      Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull");
  private static final int MAX_MESSAGE = 400;

  /** Workers listed in a status at most: what a reader takes in; the counts say the rest. */
  public static final int MAX_LISTED = 20;

  /** Why a worker is as it is: a reason and, for a failure, the kubelet's message. */
  private record Why(String reason, String message) {}

  private WorkerStatuses() {}

  public static List<WorkerStatus> of(ClusterNames names, Collection<Pod> pods) {
    return pods.stream()
        .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
        .map(pod -> of(names, pod))
        .toList();
  }

  static WorkerStatus of(ClusterNames names, Pod pod) {
    var worker = new WorkerStatus();
    worker.pod = pod.getMetadata().getName();
    worker.workerId = names.podHost(worker.pod) + ":" + ClusterNames.REST_PORT;
    PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
    Optional<ContainerStatus> main = status.getContainerStatuses().stream().findFirst();
    worker.ready = main.map(ContainerStatus::getReady).orElse(false);
    // An init container's crash loop counts as well: it is what restarts while a plugin fails.
    worker.restarts =
        main.map(ContainerStatus::getRestartCount).orElse(0)
            + status.getInitContainerStatuses().stream()
                .map(ContainerStatus::getRestartCount)
                .filter(Objects::nonNull)
                .mapToInt(Integer::intValue)
                .sum();
    Why why = why(pod, status, main.orElse(null));
    worker.reason = why.reason();
    worker.message = why.message() == null ? null : truncate(why.message());
    return worker;
  }

  /**
   * At most {@link #MAX_LISTED} of {@code workers}, in name order: those that are not ready first
   * chosen, then ready ones, so a large cluster's status stays small and still shows what is wrong.
   */
  public static List<WorkerStatus> listed(List<WorkerStatus> workers) {
    if (workers.size() <= MAX_LISTED) {
      return workers;
    }
    return workers.stream()
        .sorted(Comparator.comparing((WorkerStatus w) -> Boolean.TRUE.equals(w.ready)))
        .limit(MAX_LISTED)
        .sorted(Comparator.comparing((WorkerStatus w) -> w.pod))
        .toList();
  }

  /**
   * Whether the first failing worker in {@code after} was restarted since {@code before}, failing
   * the same way: a failure that repeats, for its Event's count.
   */
  public static boolean failedAgain(List<WorkerStatus> before, List<WorkerStatus> after) {
    if (before == null || after == null) {
      return false;
    }
    return firstFailing(after)
        .flatMap(
            now ->
                before.stream()
                    .filter(w -> now.pod.equals(w.pod) && Objects.equals(now.reason, w.reason))
                    .findFirst()
                    .map(was -> restarts(now) > restarts(was)))
        .orElse(false);
  }

  private static int restarts(WorkerStatus worker) {
    return worker.restarts == null ? 0 : worker.restarts;
  }

  /** The first failing worker, if any: what a cluster's Ready condition names. */
  public static Optional<WorkerStatus> firstFailing(List<WorkerStatus> workers) {
    return workers.stream().filter(w -> FAILURES.contains(w.reason)).findFirst();
  }

  private static Why why(Pod pod, PodStatus status, ContainerStatus main) {
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      return new Why(Reasons.TERMINATING, null);
    }
    for (PodCondition condition : status.getConditions()) {
      if ("PodScheduled".equals(condition.getType())
          && "False".equals(condition.getStatus())
          && "Unschedulable".equals(condition.getReason())) {
        return new Why(Reasons.UNSCHEDULABLE, condition.getMessage());
      }
    }
    for (ContainerStatus init : status.getInitContainerStatuses()) {
      Why failed = containerFailure(init, true);
      if (failed != null) {
        return failed;
      }
    }
    if (main != null) {
      Why failed = containerFailure(main, false);
      if (failed != null) {
        return failed;
      }
      if (Boolean.TRUE.equals(main.getReady())) {
        return new Why(Reasons.READY, null);
      }
    }
    return new Why(Reasons.STARTING, null);
  }

  /**
   * Why a container does not run, or null when it runs or starts normally. A container that failed
   * keeps its failure while it is restarted, until it is ready: a crash loop reads the same between
   * attempts, not "starting" again each time.
   */
  private static Why containerFailure(ContainerStatus container, boolean init) {
    ContainerState state = container.getState();
    ContainerState last = container.getLastState();
    if (state != null && state.getWaiting() != null) {
      String waiting = state.getWaiting().getReason();
      if (IMAGE_PULL.contains(waiting)) {
        return new Why(
            Reasons.IMAGE_PULL_FAILED,
            container.getName() + ": " + waiting + ": " + state.getWaiting().getMessage());
      }
    }
    ContainerStateTerminated terminated = state == null ? null : state.getTerminated();
    if (terminated != null && terminated.getExitCode() != null && terminated.getExitCode() != 0) {
      return failure(container.getName(), terminated, init);
    }
    ContainerStateTerminated previous = last == null ? null : last.getTerminated();
    boolean failedBefore =
        previous != null && previous.getExitCode() != null && previous.getExitCode() != 0;
    if (failedBefore && !Boolean.TRUE.equals(container.getReady()) && terminated == null) {
      return failure(container.getName(), previous, init);
    }
    return null;
  }

  private static Why failure(String container, ContainerStateTerminated terminated, boolean init) {
    var cause = WorkerFailure.of(container, init, terminated);
    return new Why(cause.reason(), cause.message());
  }

  private static String truncate(String message) {
    return WorkerFailure.clip(message, MAX_MESSAGE);
  }
}
