package dev.tributary.operator.kafkaload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.api.v1alpha1.Autoscaling;
import dev.tributary.operator.kafkaload.ClusterAutoscaler.Look;
import dev.tributary.operator.kafkaload.ClusterAutoscaler.SinkState;
import dev.tributary.operator.model.AutoscaleGate.Verdict;
import dev.tributary.operator.model.AutoscalePlan.Policy;
import dev.tributary.operator.model.SinkBusy;
import dev.tributary.operator.model.SinkLoad;
import dev.tributary.operator.model.WorkersCpu;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The autoscaler against a simulated sink: 12 partitions sharing the input evenly, each task given
 * whole partitions (as Connect's range assignment gives them) and moving at most 100 records/s over
 * them, offsets committed every 10 s, a rebalance that takes 15 s after each change. The real thing
 * is AutoscalingIT.
 */
class ClusterAutoscalerTest {

  static final Duration TICK = Duration.ofSeconds(5);
  static final Duration FLUSH = Duration.ofSeconds(10);
  static final double PER_TASK = 100;
  static final int PARTITIONS = 12;
  static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

  /** The simulated cluster: one sink on {@code partitions} partitions. */
  static final class Simulation {
    final ClusterAutoscaler autoscaler = new ClusterAutoscaler();
    final Policy policy;
    Instant now = Instant.parse("2026-12-06T10:00:00Z");
    double produced;
    double consumed;
    final double[] partitionBacklog = new double[PARTITIONS];
    double[] movedByTask = new double[0];
    long committed;
    Instant lastFlush = now;
    int tasks = 1;
    int workers = 1;
    Instant rebalancedAt = now.minusSeconds(3600);
    final List<String> changes = new ArrayList<>();

    /** Whether the workers report the tasks' put time, as Tributary's worker extension does. */
    boolean workersTellBusyTime;

    /** Whether Connect shows the connector restarting (so not a running sink) in a rebalance. */
    boolean connectorRestartsInRebalance;

    /** Each worker's process CPU load, when the workers tell it. */
    Double workerCpu;

    /**
     * A source whose tasks report their backlog live (as MirrorMaker 2's do), instead of a sink's
     * commits: no partitions known, no trail.
     */
    boolean source;

    /** The most tasks the source makes, whatever tasks.max it is given. */
    int sourceTaskCap = Integer.MAX_VALUE;

    int made() {
      return Math.min(tasks, sourceTaskCap);
    }

    double movedPerSecond;
    final List<Verdict> verdicts = new ArrayList<>();
    ClusterAutoscaler.Step lastStep;

    Simulation(Autoscaling spec) {
      this.policy = Policy.of(spec);
    }

    /** Runs {@code seconds} at {@code inPerSecond}; the largest lag seen. */
    long run(int seconds, double inPerSecond) {
      long peak = 0;
      for (int t = 0; t < seconds; t += TICK.toSeconds()) {
        now = now.plus(TICK);
        boolean rebalancing = now.isBefore(rebalancedAt.plusSeconds(15));
        produced += inPerSecond * TICK.toSeconds();
        for (int p = 0; p < PARTITIONS; p++) {
          partitionBacklog[p] += inPerSecond * TICK.toSeconds() / PARTITIONS;
        }
        double before = consumed;
        movedByTask = new double[made()];
        if (!rebalancing) {
          consumeOneTick();
        }
        movedPerSecond = (consumed - before) / TICK.toSeconds();
        if (!now.isBefore(lastFlush.plus(FLUSH))) {
          committed = Math.round(consumed);
          lastFlush = now;
        }
        var sample =
            source
                ? new SinkLoad.Sample(now, 0, Math.round(produced), Math.round(consumed))
                : new SinkLoad.Sample(now, PARTITIONS, Math.round(produced), committed);
        peak = Math.max(peak, sample.lag());
        var step =
            autoscaler.step(
                new Look(
                    now,
                    policy,
                    FLUSH,
                    workers,
                    rebalancing ? workers - 1 : workers,
                    !rebalancing,
                    rebalancing && connectorRestartsInRebalance
                        ? Map.of()
                        : Map.of(
                            "s",
                            new SinkState(
                                sample,
                                tasks,
                                made(),
                                rebalancing ? 0 : made(),
                                0,
                                12,
                                busy(rebalancing),
                                source ? Duration.ZERO : null)),
                    0,
                    workerCpu == null
                        ? Optional.empty()
                        : WorkersCpu.of(java.util.Collections.nCopies(workers, workerCpu))));
        lastStep = step;
        verdicts.add(step.verdict());
        if (step.verdict() instanceof Verdict.Apply apply) {
          changes.add(now + " " + apply.message());
          // tasks.max as the reconciler sets it: the term the autoscaler publishes.
          tasks = step.terms().get("s").autoscaledTasks();
          workers = apply.workers();
          rebalancedAt = now;
        }
      }
      return peak;
    }

    /**
     * Each task takes its partitions' records, up to PER_TASK a second over all of them: the first
     * {@code PARTITIONS % tasks} tasks have one partition more than the others.
     */
    private void consumeOneTick() {
      int partition = 0;
      int made = made();
      for (int task = 0; task < made; task++) {
        int owned = PARTITIONS / made + (task < PARTITIONS % made ? 1 : 0);
        double capacity = PER_TASK * TICK.toSeconds();
        double available = 0;
        for (int p = partition; p < partition + owned; p++) {
          available += partitionBacklog[p];
        }
        double taken = Math.min(capacity, available);
        for (int p = partition; p < partition + owned && available > 0; p++) {
          partitionBacklog[p] -= taken * partitionBacklog[p] / available;
        }
        consumed += taken;
        movedByTask[task] = taken / TICK.toSeconds();
        partition += owned;
      }
    }

    /** Each task works its moved / PER_TASK of each second, as the workers' samples tell. */
    Optional<SinkBusy> busy(boolean rebalancing) {
      if (!workersTellBusyTime || rebalancing) {
        return Optional.empty();
      }
      List<SinkBusy.Task> sampled = new ArrayList<>();
      for (double moved : movedByTask) {
        sampled.add(SinkBusy.Task.sampled(moved / PER_TASK, moved));
      }
      return SinkBusy.of(sampled);
    }

    long lag() {
      return Math.round(produced) - (source ? Math.round(consumed) : committed);
    }
  }

  static Autoscaling policy() {
    var spec = new Autoscaling();
    spec.enabled = true;
    return spec;
  }

  @Test
  void aFivefoldStepIsMetInOneChangeAndSteadyLoadNeverOscillates() {
    var sim = new Simulation(policy());
    // Steady: 80/s on one task, then a backlog shows one task's rate.
    sim.run(60, 150);
    sim.run(600, 80);
    int before = sim.changes.size();
    sim.run(600, 400);
    List<String> stepChanges = sim.changes.subList(before, sim.changes.size());
    assertThat(stepChanges).as("changes for the step: %s", sim.changes).hasSizeLessThanOrEqualTo(2);
    assertThat(sim.tasks)
        .as("400/s over 12 partitions at 100/s a task, planned at 80%%: two partitions a task")
        .isEqualTo(6);
    assertThat(sim.workers).isEqualTo(3);
    assertThat(sim.lag()).as("caught up").isLessThan(400 * 20);

    int steady = sim.changes.size();
    sim.run(600, 400);
    assertThat(sim.changes.size())
        .as("ten minutes of steady load: %s", sim.changes)
        .isEqualTo(steady);
  }

  @Test
  void withTheTasksBusyTimeAStepIsMetBeforeAnyBacklogIsMeasured() {
    var told = new Simulation(policy());
    told.workersTellBusyTime = true;
    var untold = new Simulation(policy());
    for (var sim : List.of(told, untold)) {
      // Never a backlog: one task, busy 80% of the time.
      sim.run(300, 80);
      assertThat(sim.changes).isEmpty();
      sim.run(15, 400);
    }
    assertThat(told.changes)
        .as("two looks at the new input, at the rate the busy time projects")
        .hasSize(1);
    assertThat(told.tasks).isEqualTo(6);
    assertThat(untold.changes).as("a backlog must last a whole window first").isEmpty();

    told.run(45, 400);
    assertThat(told.lag()).as("caught up within a minute of the step").isLessThan(400 * 15);
    told.run(600, 400);
    assertThat(told.changes).as("%s", told.changes).hasSizeLessThanOrEqualTo(2);

    // The input stops: idle tasks report no busy time, and the rate planned with stays known.
    told.run(900, 0);
    assertThat(told.tasks).as("%s", told.changes).isEqualTo(1);
    assertThat(told.workers).isEqualTo(1);
  }

  @Test
  void hotWorkersGetCompanyUpToOnePerTask() {
    var spec = policy();
    spec.targetCpuPercent = 50;
    var sim = new Simulation(spec);
    sim.workersTellBusyTime = true;
    sim.workerCpu = 0.9;
    sim.run(300, 80);
    assertThat(sim.changes).as("one task: a second worker would idle").isEmpty();
    sim.run(120, 400);
    assertThat(sim.tasks).isEqualTo(6);
    assertThat(sim.workers).as("3 for the tasks, 6 for CPU (capped at the tasks)").isEqualTo(6);
    assertThat(sim.changes).anyMatch(c -> c.contains("CPU 90% against a target of 50%"));
  }

  @Test
  void aMeasuredRateSinceTheLastChangeOutranksTheBusyTimesProjection() {
    var measured = new ClusterAutoscaler.Measured(60, T0.plusSeconds(30));
    var projected = SinkBusy.of(List.of(SinkBusy.Task.sampled(0.5, 50)));
    assertThat(projected.orElseThrow().ratePerTask()).hasValue(100.0);
    assertThat(ClusterAutoscaler.rateFor(measured, projected, T0, null)).hasValue(60.0);
    assertThat(ClusterAutoscaler.rateFor(measured, projected, T0.plusSeconds(60), null))
        .as("measured before the last change: the projection is newer")
        .hasValue(100.0);
    assertThat(ClusterAutoscaler.rateFor(measured, Optional.empty(), T0.plusSeconds(60), 80.0))
        .hasValue(60.0);
    assertThat(ClusterAutoscaler.rateFor(null, Optional.empty(), null, null)).isEmpty();
    var idle = SinkBusy.of(List.of(SinkBusy.Task.sampled(0.001, 1)));
    assertThat(idle.orElseThrow().ratePerTask()).isEmpty();
    assertThat(ClusterAutoscaler.rateFor(null, idle, T0, 100.0))
        .as("idle tasks tell no rate: the one last planned with stays, so the sink can scale in")
        .hasValue(100.0);
  }

  @ParameterizedTest(name = "the connector restarts in each rebalance: {0}")
  @ValueSource(booleans = {false, true})
  void scaleInWaitsForSustainedLowLoadAndThenStepsDownOnce(boolean connectorRestarts) {
    var sim = new Simulation(policy());
    sim.connectorRestartsInRebalance = connectorRestarts;
    sim.run(60, 150);
    sim.run(1200, 400);
    // Up to 8 to clear the backlog, then down to 6 (not 5: scale-in plans 15% below the target).
    assertThat(sim.tasks).as("%s", sim.changes).isEqualTo(6);
    int before = sim.changes.size();
    sim.run(240, 80);
    assertThat(sim.changes).as("within scaleInAfterSeconds").hasSize(before);
    sim.run(300, 80);
    assertThat(sim.changes).as("%s", sim.changes).hasSize(before + 1);
    assertThat(sim.tasks).isEqualTo(2);
    assertThat(sim.workers).isEqualTo(1);
  }

  @Test
  void aSourcesLiveBacklogIsMetInOneChangeAsASinksLagIs() {
    var sim = new Simulation(policy());
    sim.source = true;
    sim.run(60, 150);
    sim.run(600, 80);
    int before = sim.changes.size();
    var idle = new Simulation(policy());
    idle.source = true;
    idle.run(60, 10);
    assertThat(idle.lastStep.recommendation().summary())
        .as("a source's busy time is not used: only a backlog tells its rate")
        .endsWith("a task's rate is not measured yet (no backlog seen))");
    sim.run(120, 400);
    assertThat(sim.changes.subList(before, sim.changes.size()))
        .as("%s", sim.changes)
        .hasSizeLessThanOrEqualTo(2);
    // No partitions known: 400/s + the backlog at 80/s a task, not whole partitions.
    assertThat(sim.tasks).isBetween(5, 12);
    sim.run(120, 400);
    assertThat(sim.lag()).as("caught up").isLessThan(400 * 5);
    int steady = sim.changes.size();
    sim.run(600, 400);
    assertThat(sim.changes).as("ten minutes of steady load").hasSize(steady);
  }

  @Test
  void aSourceThatMakesFewerTasksThanGivenSettlesAndIsNotAskedAgain() {
    var sim = new Simulation(policy());
    sim.source = true;
    sim.sourceTaskCap = 3;
    sim.run(60, 150);
    sim.run(600, 400);
    assertThat(sim.made()).isEqualTo(3);
    assertThat(sim.tasks).as("tasks.max stays above the cap, where it shows").isGreaterThan(3);
    // One change up, then the workers follow the 3 tasks it makes; it is not asked for more.
    assertThat(sim.changes).as("%s", sim.changes).hasSize(2);
    assertThat(sim.changes.get(1)).endsWith("workers 3 -> 2 (3 tasks at 2 a worker)");
    sim.run(600, 400);
    assertThat(sim.changes).as("%s", sim.changes).hasSize(2);
  }

  @Test
  void offItRecommendsWithoutChangingAnything() {
    var spec = policy();
    spec.enabled = false;
    var sim = new Simulation(spec);
    sim.run(60, 150);
    sim.run(120, 400);
    assertThat(sim.changes).isEmpty();
    assertThat(sim.verdicts.get(sim.verdicts.size() - 1))
        .isEqualTo(new Verdict.Hold("autoscaling is off (spec.autoscaling.enabled)"));
  }
}
