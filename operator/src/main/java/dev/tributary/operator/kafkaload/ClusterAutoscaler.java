package dev.tributary.operator.kafkaload;

import dev.tributary.api.v1alpha1.AutoscalingStatus;
import dev.tributary.operator.kafkaload.ClusterLoads.SinkTerms;
import dev.tributary.operator.model.AutoscaleGate;
import dev.tributary.operator.model.AutoscaleGate.Past;
import dev.tributary.operator.model.AutoscaleGate.Verdict;
import dev.tributary.operator.model.AutoscalePlan;
import dev.tributary.operator.model.AutoscalePlan.Policy;
import dev.tributary.operator.model.AutoscalePlan.Recommendation;
import dev.tributary.operator.model.SinkBusy;
import dev.tributary.operator.model.SinkLoad;
import dev.tributary.operator.model.WorkersCpu;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One cluster's autoscaler between looks: the samples of each sink, the rate a task of each was
 * last measured to move while backlogged (or, until then, projected from its busy time), the
 * recommendations of the scale-in window, when the cluster last settled, and the tasks it gave each
 * sink. Each look is one {@link #step}; the caller does the I/O.
 */
final class ClusterAutoscaler {

  /**
   * A running sink as one look found it: its sample, the {@code tasks.max} Connect has, the tasks
   * Connect made and how many of them run and have failed, the KafkaConnector's spec.tasksMax (null
   * when no KafkaConnector manages it: it is measured but not sized), how busy its tasks are when
   * the workers tell, and how far its committed offsets may trail (null: the flush interval; zero
   * for a source's live backlog). A source's sample has 0 partitions.
   */
  record SinkState(
      SinkLoad.Sample sample,
      int tasksGiven,
      int tasks,
      int tasksRunning,
      int tasksFailed,
      Integer specTasksMax,
      Optional<SinkBusy> busy,
      Duration trail) {

    SinkState(
        SinkLoad.Sample sample,
        int tasksGiven,
        int tasks,
        int tasksRunning,
        int tasksFailed,
        Integer specTasksMax,
        Optional<SinkBusy> busy) {
      this(sample, tasksGiven, tasks, tasksRunning, tasksFailed, specTasksMax, busy, null);
    }

    /** A source (partitions unknown) that made fewer tasks than the tasks.max it was given. */
    boolean capsItself(int expected) {
      return sample.partitions() == 0 && tasksGiven == expected && tasks > 0 && tasks < expected;
    }
  }

  /** What one look found of the cluster. */
  record Look(
      Instant now,
      Policy policy,
      Duration flushInterval,
      int replicas,
      int readyReplicas,
      boolean clusterReady,
      Map<String, SinkState> sinks,
      int otherTasks,
      Optional<WorkersCpu> cpu) {}

  /** The sinks' terms for the reconcilers, the status to show, and what to do now. */
  record Step(
      Map<String, SinkTerms> terms,
      AutoscalingStatus status,
      Verdict verdict,
      Recommendation recommendation,
      List<SinkLoad> loads,
      Map<String, Double> ratePerTask,
      Map<String, SinkBusy> busy) {}

  /** A task's rate, measured while its sink was backlogged. */
  record Measured(double rate, Instant at) {}

  private static final Duration KEPT = Duration.ofMinutes(3);

  /** The window of a load whose backlog is read live, with no commits to trail. */
  static final Duration LIVE_WINDOW = Duration.ofSeconds(10);

  /** The input rate is that of the last look at least this long ago. */
  private static final Duration RECENT = Duration.ofSeconds(4);

  private final Map<String, Deque<SinkLoad.Sample>> samples = new HashMap<>();
  private final Map<String, Measured> measured = new HashMap<>();
  private final Map<String, Integer> given = new HashMap<>();
  private final Map<String, Instant> lastSeen = new HashMap<>();
  private final Map<String, Double> lastRate = new HashMap<>();
  private final List<Past> past = new ArrayList<>();
  private Instant settledSince;
  private String lastScale;
  private Instant lastScaleTime;

  Step step(Look look) {
    Instant now = look.now();
    // A sink missing from a look (its connector restarting in a rebalance) keeps what was learnt
    // of it for a while: forgetting its rate would hold it at its tasks until a new backlog.
    look.sinks().keySet().forEach(name -> lastSeen.put(name, now));
    lastSeen.values().removeIf(seen -> seen.isBefore(now.minus(KEPT)));
    samples.keySet().retainAll(lastSeen.keySet());
    measured.keySet().retainAll(lastSeen.keySet());
    given.keySet().retainAll(lastSeen.keySet());
    lastRate.keySet().retainAll(lastSeen.keySet());

    Map<String, Integer> givenTasks = new HashMap<>();
    Map<String, Integer> runningTasks = new HashMap<>();
    look.sinks()
        .forEach(
            (name, sink) -> {
              int expected = given.getOrDefault(name, sink.tasksGiven());
              // A source that makes fewer tasks than asked has all it will make.
              givenTasks.put(name, sink.capsItself(expected) ? sink.tasks() : expected);
              // A failed task has started: it does not hold back the cluster's next change.
              runningTasks.put(name, sink.tasksRunning() + sink.tasksFailed());
            });
    boolean settled =
        AutoscaleGate.settled(
            look.replicas(), look.readyReplicas(), look.clusterReady(), givenTasks, runningTasks);
    if (!settled) {
      settledSince = null;
    } else if (settledSince == null) {
      settledSince = now;
    }

    List<SinkLoad> loads = new ArrayList<>();
    Map<String, Integer> limits = new HashMap<>();
    Map<String, Double> rates = new HashMap<>();
    Map<String, SinkBusy> busy = new HashMap<>();
    look.sinks()
        .forEach(
            (name, sink) -> {
              Duration trail = sink.trail() == null ? look.flushInterval() : sink.trail();
              Duration window = trail.isZero() ? LIVE_WINDOW : trail.multipliedBy(2);
              Deque<SinkLoad.Sample> kept = samples.computeIfAbsent(name, n -> new ArrayDeque<>());
              kept.addLast(sink.sample());
              while (kept.peekFirst().at().isBefore(now.minus(KEPT))) {
                kept.removeFirst();
              }
              limits.put(name, limit(sink, given.getOrDefault(name, sink.tasksGiven())));
              sink.busy().ifPresent(b -> busy.put(name, b));
              SinkLoad.Sample older = windowStart(kept, sink.sample().at().minus(window));
              if (older == null) {
                planningRate(name, sink).ifPresent(r -> rates.put(name, r));
                return;
              }
              // A sink's end offsets are exact at every look, so its input shows from a recent
              // one; a source's backlog is as old as its last fetch, so over the whole window.
              SinkLoad.Sample recent =
                  trail.isZero() ? older : windowStart(kept, sink.sample().at().minus(RECENT));
              SinkLoad load =
                  SinkLoad.between(name, sink.tasks(), older, recent, sink.sample(), trail);
              boolean allRunning = sink.tasks() > 0 && sink.tasksRunning() == sink.tasks();
              boolean sinceSettled = settledSince != null && !older.at().isBefore(settledSince);
              if (load.backlogged() && load.outPerSecond() > 0 && allRunning && sinceSettled) {
                measured.put(name, new Measured(load.outPerTask(), now));
              }
              planningRate(name, sink).ifPresent(r -> rates.put(name, r));
              if (sink.specTasksMax() != null) {
                loads.add(load);
              }
            });

    Recommendation forTasks =
        AutoscalePlan.recommend(
            look.policy(),
            loads,
            limits,
            rates,
            busy,
            look.otherTasks() + unmeasuredTasks(look, loads),
            look.flushInterval());
    Recommendation recommendation =
        AutoscalePlan.withCpu(look.policy(), forTasks, look.cpu(), look.replicas());
    Verdict verdict =
        AutoscaleGate.decide(
            look.policy(), recommendation, look.replicas(), settledSince, past, now);
    past.add(new Past(now, recommendation));
    past.removeIf(p -> p.at().isBefore(now.minus(look.policy().scaleInAfter()).minus(KEPT)));
    if (verdict instanceof Verdict.Apply apply) {
      apply
          .tasks()
          .forEach(
              (name, tasks) -> {
                SinkState sink = look.sinks().get(name);
                int expected = sink == null ? tasks : given.getOrDefault(name, sink.tasksGiven());
                // A source that makes fewer tasks than given keeps its tasks.max: lowered to what
                // it makes, it could no longer show that it makes no more.
                if (sink == null || !(sink.capsItself(expected) && tasks == sink.tasks())) {
                  given.put(name, tasks);
                }
              });
      settledSince = null;
      lastScale = apply.message();
      lastScaleTime = now;
    }
    return new Step(
        terms(look, recommendation),
        status(recommendation, verdict),
        verdict,
        recommendation,
        List.copyOf(loads),
        Map.copyOf(rates),
        Map.copyOf(busy));
  }

  /**
   * The most tasks that can work: a sink's partitions, a source's tasks when it made fewer than it
   * was given ({@code expected}), and spec.tasksMax.
   */
  static int limit(SinkState sink, int expected) {
    int limit = sink.specTasksMax() == null ? Integer.MAX_VALUE : sink.specTasksMax();
    if (sink.sample().partitions() > 0) {
      limit = Math.min(limit, sink.sample().partitions());
    } else if (sink.capsItself(expected)) {
      limit = Math.min(limit, sink.tasks());
    } else if (sink.specTasksMax() == null) {
      limit = sink.tasks();
    }
    return Math.max(1, limit);
  }

  /**
   * The rate to plan a sink with at this look; when neither a measurement nor the busy time tells
   * (idle tasks report no busy time), the last rate it was planned with.
   */
  private Optional<Double> planningRate(String name, SinkState sink) {
    Optional<Double> rate =
        rateFor(measured.get(name), sink.busy(), lastScaleTime, lastRate.get(name));
    rate.ifPresent(r -> lastRate.put(name, r));
    return rate;
  }

  /**
   * The rate a task of a sink is planned with: measured while backlogged since the last change,
   * else projected from its tasks' busy time (known at once, but blind to time spent outside {@code
   * put}), else measured before the last change, else the rate last planned with.
   */
  static Optional<Double> rateFor(
      Measured measured, Optional<SinkBusy> busy, Instant lastChange, Double lastPlanned) {
    if (measured != null && (lastChange == null || !measured.at().isBefore(lastChange))) {
      return Optional.of(measured.rate());
    }
    Optional<Double> projected = busy.flatMap(SinkBusy::ratePerTask);
    if (projected.isPresent()) {
      return projected;
    }
    return measured != null ? Optional.of(measured.rate()) : Optional.ofNullable(lastPlanned);
  }

  /** Tasks of sinks whose load is not measured yet: they keep what they run. */
  private static int unmeasuredTasks(Look look, List<SinkLoad> loads) {
    int tasks = 0;
    for (var entry : look.sinks().entrySet()) {
      boolean measured = loads.stream().anyMatch(l -> l.connector().equals(entry.getKey()));
      if (!measured) {
        tasks += entry.getValue().tasks();
      }
    }
    return tasks;
  }

  private Map<String, SinkTerms> terms(Look look, Recommendation recommendation) {
    Map<String, SinkTerms> terms = new TreeMap<>();
    look.sinks()
        .forEach(
            (name, sink) -> {
              var advice = recommendation.sinks().get(name);
              Integer autoscaled =
                  look.policy().enabled() && sink.specTasksMax() != null
                      ? given.computeIfAbsent(name, n -> Math.max(1, sink.tasksGiven()))
                      : null;
              terms.put(
                  name,
                  new SinkTerms(
                      sink.sample().partitions() > 0 ? sink.sample().partitions() : null,
                      advice == null ? null : advice.recommended(),
                      autoscaled));
            });
    return terms;
  }

  private AutoscalingStatus status(Recommendation recommendation, Verdict verdict) {
    AutoscalingStatus status = new AutoscalingStatus();
    status.recommendedReplicas = recommendation.workers();
    status.recommendation = recommendation.summary();
    if (verdict instanceof Verdict.Hold hold) {
      status.holding = hold.why();
    }
    status.lastScale = lastScale;
    status.lastScaleTime = lastScaleTime == null ? null : lastScaleTime.toString();
    return status;
  }

  /** The newest kept sample taken at or before {@code from}, unless that is the newest of all. */
  private static SinkLoad.Sample windowStart(Deque<SinkLoad.Sample> kept, Instant from) {
    SinkLoad.Sample chosen = null;
    for (SinkLoad.Sample sample : kept) {
      if (!sample.at().isAfter(from)) {
        chosen = sample;
      }
    }
    return chosen == kept.peekLast() ? null : chosen;
  }
}
