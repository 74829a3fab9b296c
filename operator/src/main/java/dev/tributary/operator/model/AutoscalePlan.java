package dev.tributary.operator.model;

import dev.tributary.api.v1alpha1.Autoscaling;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What size a cluster's sinks need, decided in one step from measured rates (after DS2, Kalavri et
 * al., OSDI 2018): each sink gets the tasks its input plus a share of its backlog needs at the rate
 * one of its tasks was measured to move records while it had a backlog, and the workers follow the
 * tasks. Scale-in asks for a margin below the target utilisation, so a load near a boundary does
 * not flip the count back and forth.
 */
public final class AutoscalePlan {

  /** A scale-in must fit this far below the target utilisation. */
  static final double SCALE_IN_MARGIN = 0.15;

  private AutoscalePlan() {}

  /** spec.autoscaling, with its defaults. */
  public record Policy(
      boolean enabled,
      int minReplicas,
      int maxReplicas,
      int tasksPerWorker,
      Duration lag,
      Integer recordsPerTask,
      double utilisation,
      Duration scaleInAfter,
      Duration cooldown,
      Integer targetCpuPercent) {

    public static Policy of(Autoscaling spec) {
      Autoscaling a = spec == null ? new Autoscaling() : spec;
      return new Policy(
          Boolean.TRUE.equals(a.enabled),
          or(a.minReplicas, 1),
          or(a.maxReplicas, 10),
          or(a.tasksPerWorker, 2),
          Duration.ofSeconds(or(a.lagSeconds, 60)),
          a.recordsPerSecondPerTask,
          or(a.targetUtilizationPercent, 80) / 100.0,
          Duration.ofSeconds(or(a.scaleInAfterSeconds, 300)),
          Duration.ofSeconds(or(a.cooldownSeconds, 60)),
          a.targetCpuPercent);
    }

    private static int or(Integer value, int fallback) {
      return value == null ? fallback : value;
    }
  }

  /** One sink's tasks: what runs, what would suit its load, the most that can work, and why. */
  public record SinkAdvice(String connector, int tasks, int recommended, int limit, String why) {}

  /** Workers and every sink's tasks for the load measured. */
  public record Recommendation(
      int workers, Map<String, SinkAdvice> sinks, int otherTasks, String workersWhy) {

    public Recommendation(int workers, Map<String, SinkAdvice> sinks, int otherTasks) {
      this(workers, sinks, otherTasks, "");
    }

    public int tasks() {
      return otherTasks + sinks.values().stream().mapToInt(SinkAdvice::recommended).sum();
    }

    /** One line for status and Events: the workers, then the sinks whose tasks would change. */
    public String summary() {
      List<SinkAdvice> changing =
          sinks.values().stream()
              .filter(s -> s.recommended() != s.tasks())
              .sorted(Comparator.comparing(SinkAdvice::connector))
              .toList();
      List<SinkAdvice> shown = changing.isEmpty() ? List.copyOf(sinks.values()) : changing;
      List<String> parts = new ArrayList<>();
      for (SinkAdvice sink : shown.subList(0, Math.min(3, shown.size()))) {
        parts.add(
            sink.connector() + " " + plural(sink.recommended(), "task") + " (" + sink.why() + ")");
      }
      if (shown.size() > 3) {
        parts.add("and " + (shown.size() - 3) + " more");
      }
      return plural(workers, "worker")
          + (workersWhy.isEmpty() ? "" : " (" + workersWhy + ")")
          + ": "
          + String.join("; ", parts);
    }
  }

  /**
   * The recommendation for the sinks' loads. {@code limits} holds each sink's most useful tasks
   * (spec.tasksMax, its partitions), {@code ratePerTask} the rate a task of each sink was last
   * measured to move while backlogged or projected from its busy time, {@code busy} how busy each
   * sink's tasks are where the workers tell, {@code otherTasks} the tasks of the other connectors.
   */
  public static Recommendation recommend(
      Policy policy,
      List<SinkLoad> loads,
      Map<String, Integer> limits,
      Map<String, Double> ratePerTask,
      Map<String, SinkBusy> busy,
      int otherTasks,
      Duration flushInterval) {
    Map<String, SinkAdvice> sinks = new TreeMap<>();
    for (SinkLoad load : loads) {
      int limit = Math.max(1, limits.getOrDefault(load.connector(), load.tasks()));
      sinks.put(
          load.connector(),
          advise(
              policy,
              load,
              limit,
              rate(policy, ratePerTask, load.connector()),
              busy.get(load.connector()),
              flushInterval));
    }
    int tasks = otherTasks + sinks.values().stream().mapToInt(SinkAdvice::recommended).sum();
    return new Recommendation(workersFor(policy, tasks), sinks, otherTasks);
  }

  /**
   * With a CPU target, at least the workers that bring the average CPU of {@code replicas} workers
   * under it; never more workers than tasks (one more would idle), always within the policy's
   * bounds.
   */
  public static Recommendation withCpu(
      Policy policy, Recommendation recommendation, Optional<WorkersCpu> cpu, int replicas) {
    if (policy.targetCpuPercent() == null || cpu.isEmpty() || cpu.get().reporting() == 0) {
      return recommendation;
    }
    double average = cpu.get().average();
    double target = policy.targetCpuPercent() / 100.0;
    int needed = (int) Math.ceil(average * replicas / target - 1e-9);
    int floor =
        Math.max(
            policy.minReplicas(),
            Math.min(policy.maxReplicas(), Math.min(Math.max(1, recommendation.tasks()), needed)));
    if (floor <= recommendation.workers()) {
      return recommendation;
    }
    return new Recommendation(
        floor,
        recommendation.sinks(),
        recommendation.otherTasks(),
        "CPU "
            + Math.round(average * 100)
            + "% against a target of "
            + policy.targetCpuPercent()
            + "%");
  }

  /** The workers {@code tasks} busy tasks need, within the policy's bounds. */
  public static int workersFor(Policy policy, int tasks) {
    int workers = (int) Math.ceil(tasks / (double) policy.tasksPerWorker());
    return Math.max(policy.minReplicas(), Math.min(policy.maxReplicas(), workers));
  }

  private static Double rate(Policy policy, Map<String, Double> ratePerTask, String connector) {
    if (policy.recordsPerTask() != null) {
      return policy.recordsPerTask().doubleValue();
    }
    Double measured = ratePerTask.get(connector);
    return measured == null || measured <= 0 ? null : measured;
  }

  static SinkAdvice advise(
      Policy policy,
      SinkLoad load,
      int limit,
      Double perTask,
      SinkBusy busy,
      Duration flushInterval) {
    int current = Math.max(1, load.tasks());
    long backlog = load.backlog(flushInterval);
    double need = load.inPerSecond() + backlog / (double) policy.lag().toSeconds();
    String numbers =
        "lag %d, in %s/s".formatted(load.lag(), round(load.inPerSecond()))
            + (busy == null ? "" : ", tasks busy " + Math.round(busy.busyRatio() * 100) + "%")
            + (perTask == null ? "" : ", a task moves " + round(perTask) + "/s");
    if (perTask == null) {
      int held = Math.min(current, limit);
      return new SinkAdvice(
          load.connector(),
          load.tasks(),
          held,
          limit,
          numbers
              + "; a task's rate is not measured yet (no backlog seen"
              + (load.liveBacklog()
                  ? ")"
                  : busy == null
                      ? ", and no busy time from the workers)"
                      : ", and its tasks are too idle to project it)"));
    }
    double planned = perTask * policy.utilisation();
    int partitions = load.partitions();
    int up = tasksFor(need, planned, partitions);
    int recommended;
    if (up > current) {
      recommended = up;
    } else {
      int down = tasksFor(need, planned * (1 - SCALE_IN_MARGIN), partitions);
      recommended = Math.max(1, Math.min(current, down));
    }
    String why = numbers;
    if (partitions > 0 && need / partitions > planned) {
      why += "; one partition's share is more than a task moves at the target utilisation";
    }
    if (recommended > limit) {
      why += "; held at its limit of " + limit;
      recommended = limit;
    }
    return new SinkAdvice(load.connector(), load.tasks(), Math.max(1, recommended), limit, why);
  }

  /**
   * The fewest tasks that move {@code need} records a second from {@code partitions} partitions,
   * none of them asked for more than {@code planned}. Connect gives each task whole partitions, so
   * the busiest task has {@code ceil(partitions / tasks)} of them, each with its share of the input
   * (spread evenly, as a keyed or round-robin producer spreads it): 8 partitions at 62/s each need
   * 8 tasks of 80/s, not 7, since one of 7 would have two partitions and fall behind.
   */
  static int tasksFor(double need, double planned, int partitions) {
    if (need <= 0) {
      return 1;
    }
    if (partitions <= 0) {
      return Math.max(1, (int) Math.ceil(need / planned));
    }
    int partitionsPerTask = (int) Math.floor(planned / (need / partitions) + 1e-9);
    if (partitionsPerTask < 1) {
      return partitions;
    }
    return Math.max(1, (int) Math.ceil(partitions / (double) partitionsPerTask));
  }

  private static String round(double value) {
    return value >= 10 || value == 0
        ? String.valueOf(Math.round(value))
        : String.format(Locale.ROOT, "%.1f", value);
  }

  private static String plural(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
