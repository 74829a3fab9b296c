package dev.tributary.operator.model;

import dev.tributary.operator.connectapi.dto.ConnectorOverview;
import dev.tributary.operator.connectapi.dto.StateInfo;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Connect-aware roll: which worker pod to replace next. One at a time, highest ordinal first
 * (as a StatefulSet rolls), and only once Connect has settled after the last one: every connector
 * and task runs on a live worker and every worker has been given its share. A plain rolling update
 * moves on as soon as the new pod is Ready, while Connect is still handing it the tasks it revoked
 * elsewhere, so the next pod's tasks start moving in the middle of that hand-over.
 */
public final class RollPlan {

  /** The label a StatefulSet's controller puts on each pod: the template revision it runs. */
  public static final String REVISION_LABEL = "controller-revision-hash";

  /**
   * How long the roll waits for Connect to settle once every worker is Ready; then it replaces the
   * next pod anyway, so a task that never starts (or a REST API that never answers) cannot hold the
   * roll forever.
   */
  public static final Duration PATIENCE = Duration.ofSeconds(60);

  /**
   * The pod to replace now, or what the roll waits for, worded to follow "once" (both empty when
   * nothing is outdated).
   */
  public record Step(Optional<String> replace, Optional<String> waitingFor) {
    static Step done() {
      return new Step(Optional.empty(), Optional.empty());
    }

    static Step replace(String pod) {
      return new Step(Optional.of(pod), Optional.empty());
    }

    static Step waitFor(String what) {
      return new Step(Optional.empty(), Optional.of(what));
    }

    /** Some worker still runs an older template. */
    public boolean rolling() {
      return replace.isPresent() || waitingFor.isPresent();
    }
  }

  private RollPlan() {}

  /**
   * The next step of the roll to {@code updateRevision}.
   *
   * @param connectHoldsTasks the cluster has a rebalance delay: Connect keeps a departed worker's
   *     tasks unassigned until it expires, on purpose, so waiting for them would only stretch the
   *     roll by the delay; such a roll goes on once every worker is Ready, as a StatefulSet's does
   * @param pods the cluster's worker pods
   * @param connectors every connector's status as Connect reports it now, empty when the REST API
   *     does not answer; asked only once every worker is Ready
   */
  public static Step next(
      ClusterNames names,
      String updateRevision,
      int desired,
      boolean connectHoldsTasks,
      List<Pod> pods,
      Supplier<Optional<Map<String, ConnectorOverview>>> connectors,
      Instant now) {
    if (updateRevision == null) {
      return Step.done();
    }
    List<Pod> current = new ArrayList<>();
    for (Pod pod : pods) {
      if (ordinal(pod) < desired) {
        current.add(pod);
      } else {
        return Step.waitFor("the scale-in has finished");
      }
    }
    List<Pod> outdated =
        current.stream().filter(p -> !updateRevision.equals(revisionOf(p))).toList();
    if (outdated.isEmpty()) {
      return Step.done();
    }
    // An outdated pod that is not ready serves nothing, and only the new template can mend it (a
    // fixed spec after a failure): replacing it at once costs no capacity, waiting would wait for
    // ever.
    Optional<Pod> broken =
        outdated.stream()
            .filter(p -> p.getMetadata().getDeletionTimestamp() == null && !isReady(p))
            .max(Comparator.comparingInt(RollPlan::ordinal));
    if (broken.isPresent()) {
      return Step.replace(broken.get().getMetadata().getName());
    }
    if (current.size() < desired
        || current.stream().anyMatch(p -> p.getMetadata().getDeletionTimestamp() != null)
        || !current.stream().allMatch(RollPlan::isReady)) {
      return Step.waitFor("every worker is ready");
    }
    String next =
        outdated.stream()
            .max(Comparator.comparingInt(RollPlan::ordinal))
            .orElseThrow()
            .getMetadata()
            .getName();
    Instant lastReady =
        current.stream()
            .map(RollPlan::readySince)
            .max(Comparator.naturalOrder())
            .orElse(Instant.MIN);
    if (connectHoldsTasks || !now.isBefore(lastReady.plus(PATIENCE))) {
      return Step.replace(next);
    }
    Optional<Map<String, ConnectorOverview>> seen = connectors.get();
    if (seen.isEmpty()) {
      return Step.waitFor("the REST API answers");
    }
    return unsettled(names, current, seen.get()).map(Step::waitFor).orElse(Step.replace(next));
  }

  /** What in Connect's status says the group has not settled since the last change, if anything. */
  static Optional<String> unsettled(
      ClusterNames names, List<Pod> workers, Map<String, ConnectorOverview> connectors) {
    Set<String> live =
        workers.stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
    List<StateInfo> tasks =
        connectors.values().stream()
            .filter(c -> c.status() != null && c.status().tasks() != null)
            .flatMap(c -> c.status().tasks().stream())
            .toList();
    List<StateInfo> connectorsOnly =
        connectors.values().stream()
            .filter(c -> c.status() != null && c.status().connector() != null)
            .map(c -> c.status().connector())
            .toList();
    long moving =
        Stream.concat(tasks.stream(), connectorsOnly.stream())
            .filter(
                u ->
                    "UNASSIGNED".equals(u.state())
                        || "RESTARTING".equals(u.state())
                        || "RUNNING".equals(u.state()) && !onLiveWorker(names, u, live))
            .count();
    if (moving > 0) {
      return Optional.of(moving + " connectors and tasks run on a live worker again");
    }
    // Connect balances connectors and tasks each on their own, evenly: once there are at least as
    // many tasks (or connectors) as workers, a worker with none has not been given its share yet.
    for (List<StateInfo> kind : List.of(tasks, connectorsOnly)) {
      if (kind.size() < workers.size()) {
        continue;
      }
      Set<String> busy = new HashSet<>();
      kind.forEach(u -> podOf(names, u).ifPresent(busy::add));
      List<String> idle = live.stream().filter(pod -> !busy.contains(pod)).sorted().toList();
      if (!idle.isEmpty()) {
        return Optional.of("Connect has given " + String.join(", ", idle) + " a share of the work");
      }
    }
    return Optional.empty();
  }

  private static boolean onLiveWorker(ClusterNames names, StateInfo unit, Set<String> live) {
    // A worker id Connect reports in another form cannot be placed: taken as live.
    return podOf(names, unit).map(live::contains).orElse(true);
  }

  private static Optional<String> podOf(ClusterNames names, StateInfo unit) {
    return unit.workerId() == null ? Optional.empty() : names.podOfWorker(unit.workerId());
  }

  static String revisionOf(Pod pod) {
    var labels = pod.getMetadata().getLabels();
    return labels == null ? null : labels.get(REVISION_LABEL);
  }

  static int ordinal(Pod pod) {
    String name = pod.getMetadata().getName();
    try {
      return Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }

  private static Optional<PodCondition> readyCondition(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getConditions().stream()
        .filter(c -> "Ready".equals(c.getType()))
        .findFirst();
  }

  static boolean isReady(Pod pod) {
    return readyCondition(pod).map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  /** When the pod last became Ready; long ago when the API server did not say. */
  static Instant readySince(Pod pod) {
    try {
      return readyCondition(pod)
          .map(PodCondition::getLastTransitionTime)
          .map(Instant::parse)
          .orElse(Instant.EPOCH);
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }
}
