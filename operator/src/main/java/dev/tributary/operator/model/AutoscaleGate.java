package dev.tributary.operator.model;

import dev.tributary.operator.model.AutoscalePlan.Policy;
import dev.tributary.operator.model.AutoscalePlan.Recommendation;
import dev.tributary.operator.model.AutoscalePlan.SinkAdvice;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether a recommendation is carried out now, and to what, so scaling never storms: one change at
 * a time, none until the last rebalance has ended and the cool-down passed, scale-out at once but
 * scale-in only to the highest recommendation of a window of sustained lower load.
 */
public final class AutoscaleGate {

  private AutoscaleGate() {}

  /** A recommendation made at a time, kept for the scale-in window. */
  public record Past(Instant at, Recommendation recommendation) {}

  /** The outcome: change the cluster to these sizes, or hold, saying why. */
  public sealed interface Verdict {
    record Apply(int workers, Map<String, Integer> tasks, String message) implements Verdict {}

    /** {@code why} is null when the cluster already has the recommended size. */
    record Hold(String why) implements Verdict {}
  }

  /**
   * What to do with {@code now}'s recommendation for a cluster running {@code workers} workers.
   * {@code settledSince} is when every worker was last seen ready with every task running after the
   * last change (null while a change, a roll or a rebalance is under way); {@code past} holds the
   * recommendations made since, oldest first.
   */
  public static Verdict decide(
      Policy policy,
      Recommendation recommendation,
      int workers,
      Instant settledSince,
      List<Past> past,
      Instant now) {
    boolean differs = differs(recommendation, workers);
    if (!differs) {
      return new Verdict.Hold(null);
    }
    if (!policy.enabled()) {
      return new Verdict.Hold("autoscaling is off (spec.autoscaling.enabled)");
    }
    if (settledSince == null) {
      return new Verdict.Hold("waiting for the workers to be ready and every task running");
    }
    Instant coolUntil = settledSince.plus(policy.cooldown());
    if (now.isBefore(coolUntil)) {
      return new Verdict.Hold(
          "cooling down until " + coolUntil + " (spec.autoscaling.cooldownSeconds)");
    }
    Instant windowStart = now.minus(policy.scaleInAfter());
    List<Recommendation> window =
        past.stream().filter(p -> !p.at().isBefore(windowStart)).map(Past::recommendation).toList();
    // Scale-in needs a whole window of lower load, measured since the cluster settled.
    boolean windowCovered =
        !settledSince.isAfter(windowStart)
            && !past.isEmpty()
            && !past.get(0).at().isAfter(windowStart.plusSeconds(15));
    // Scale-out follows two looks in a row that both ask for more (one burst is not a load), to
    // what the latest asks: at a step, the first look sees only part of the new input.
    Recommendation previous = past.isEmpty() ? null : past.get(past.size() - 1).recommendation();
    Map<String, Integer> tasks = new TreeMap<>();
    int totalTasks = recommendation.otherTasks();
    for (SinkAdvice sink : recommendation.sinks().values()) {
      int target = sink.recommended();
      if (target > sink.tasks()) {
        SinkAdvice before = previous == null ? null : previous.sinks().get(sink.connector());
        int confirmed = before == null ? sink.tasks() : before.recommended();
        target = confirmed > sink.tasks() ? target : sink.tasks();
      } else if (target < sink.tasks()) {
        target = windowCovered ? Math.max(target, highest(window, sink.connector())) : sink.tasks();
        target = Math.min(target, sink.tasks());
      }
      tasks.put(sink.connector(), target);
      totalTasks += target;
    }
    int needed = AutoscalePlan.workersFor(policy, totalTasks);
    if (!recommendation.workersWhy().isEmpty()) {
      // Workers raised for CPU stay a floor, never beyond the tasks.
      needed = Math.max(needed, Math.min(recommendation.workers(), Math.max(1, totalTasks)));
    }
    if (needed > workers
        && previous != null
        && previous.workers() <= workers
        && totalTasks == recommendation.otherTasks() + currentTasks(recommendation)) {
      // Workers alone (policy bounds changed, or other connectors' tasks grew): confirm too.
      needed = workers;
    }
    int targetWorkers;
    if (needed > workers) {
      targetWorkers = needed;
    } else if (needed < workers && windowCovered) {
      int highest = window.stream().mapToInt(Recommendation::workers).max().orElse(workers);
      targetWorkers = Math.min(workers, Math.max(needed, highest));
    } else {
      targetWorkers = Math.max(needed, Math.min(workers, policy.maxReplicas()));
    }
    targetWorkers = Math.max(policy.minReplicas(), Math.min(policy.maxReplicas(), targetWorkers));
    boolean tasksChange =
        recommendation.sinks().values().stream()
            .anyMatch(s -> tasks.get(s.connector()) != s.tasks());
    if (!tasksChange && targetWorkers == workers) {
      boolean up =
          recommendation.workers() > workers
              || recommendation.sinks().values().stream()
                  .anyMatch(s -> s.recommended() > s.tasks());
      return new Verdict.Hold(
          up
              ? "scaling out if the next look confirms the load"
              : "scaling in after "
                  + policy.scaleInAfter().toSeconds()
                  + " s of lower load"
                  + " (spec.autoscaling.scaleInAfterSeconds)");
    }
    return new Verdict.Apply(
        targetWorkers, tasks, message(policy, recommendation, workers, targetWorkers, tasks));
  }

  /** Why the workers change: the CPU, the tasks they run, their bounds, or the scale-in window. */
  private static String workersWhy(
      Policy policy, Recommendation recommendation, int targetWorkers, int tasks) {
    if (!recommendation.workersWhy().isEmpty()) {
      return recommendation.workersWhy();
    }
    String forTasks =
        tasks + (tasks == 1 ? " task" : " tasks") + " at " + policy.tasksPerWorker() + " a worker";
    if (targetWorkers != AutoscalePlan.workersFor(policy, tasks)) {
      return forTasks
          + "; the most asked for in the last "
          + policy.scaleInAfter().toSeconds()
          + " s";
    }
    int unbounded = (int) Math.ceil(tasks / (double) policy.tasksPerWorker());
    if (unbounded > policy.maxReplicas()) {
      return forTasks + "; held at maxReplicas " + policy.maxReplicas();
    }
    if (unbounded < policy.minReplicas()) {
      return forTasks + "; held at minReplicas " + policy.minReplicas();
    }
    return forTasks;
  }

  /** Whether every worker is ready and every sink runs the tasks it was given, all running. */
  public static boolean settled(
      int replicas,
      int readyReplicas,
      boolean clusterReady,
      Map<String, Integer> givenTasks,
      Map<String, Integer> runningTasks) {
    if (!clusterReady || readyReplicas != replicas) {
      return false;
    }
    return givenTasks.entrySet().stream()
        .allMatch(e -> e.getValue().equals(runningTasks.getOrDefault(e.getKey(), -1)));
  }

  private static int currentTasks(Recommendation recommendation) {
    return recommendation.sinks().values().stream().mapToInt(SinkAdvice::tasks).sum();
  }

  private static boolean differs(Recommendation recommendation, int workers) {
    return recommendation.workers() != workers
        || recommendation.sinks().values().stream().anyMatch(s -> s.recommended() != s.tasks());
  }

  private static int highest(List<Recommendation> window, String connector) {
    return window.stream()
        .map(r -> r.sinks().get(connector))
        .filter(s -> s != null)
        .mapToInt(SinkAdvice::recommended)
        .max()
        .orElse(0);
  }

  private static String message(
      Policy policy,
      Recommendation recommendation,
      int workers,
      int targetWorkers,
      Map<String, Integer> tasks) {
    StringBuilder text = new StringBuilder();
    if (targetWorkers != workers) {
      text.append("workers ")
          .append(workers)
          .append(" -> ")
          .append(targetWorkers)
          .append(" (")
          .append(
              workersWhy(
                  policy,
                  recommendation,
                  targetWorkers,
                  recommendation.otherTasks()
                      + tasks.values().stream().mapToInt(Integer::intValue).sum()))
          .append(")");
    }
    for (SinkAdvice sink : recommendation.sinks().values()) {
      int target = tasks.get(sink.connector());
      if (target != sink.tasks()) {
        if (!text.isEmpty()) {
          text.append("; ");
        }
        text.append(sink.connector())
            .append(" tasks ")
            .append(sink.tasks())
            .append(" -> ")
            .append(target)
            .append(" (")
            .append(sink.why())
            .append(")");
      }
    }
    return text.toString();
  }
}
