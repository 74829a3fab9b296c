package dev.tributary.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.api.v1alpha1.Autoscaling;
import dev.tributary.operator.model.AutoscalePlan.Policy;
import dev.tributary.operator.model.AutoscalePlan.Recommendation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AutoscalePlanTest {

  static final Duration FLUSH = Duration.ofSeconds(10);
  static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
  static final Policy POLICY = Policy.of(enabled());

  static Autoscaling enabled() {
    var spec = new Autoscaling();
    spec.enabled = true;
    return spec;
  }

  /** A sink's load over 20 s: records in and out per second, and the lag at both ends. */
  static SinkLoad load(String name, int tasks, double in, double out, long lagBefore, long lag) {
    long end0 = 1_000_000;
    long end1 = end0 + Math.round(in * 20);
    var older = new SinkLoad.Sample(T0, 12, end0, end0 - lagBefore);
    var newer =
        new SinkLoad.Sample(T0.plusSeconds(20), 12, end1, end0 - lagBefore + Math.round(out * 20));
    SinkLoad load = SinkLoad.between(name, tasks, older, newer, FLUSH);
    assertThat(load.lag()).isEqualTo(lag);
    return load;
  }

  @Test
  void aLoadIsMeasuredFromOffsetsAndABacklogNeedsMoreThanTheCommitsTrail() {
    // 100/s in, 100/s out: the committed offsets trail by up to one flush (1000 records).
    SinkLoad keepingUp = load("s", 1, 100, 100, 900, 900);
    assertThat(keepingUp.inPerSecond()).isEqualTo(100);
    assertThat(keepingUp.outPerSecond()).isEqualTo(100);
    assertThat(keepingUp.backlogged()).isFalse();
    assertThat(keepingUp.backlog(FLUSH)).isZero();

    // 500/s in trails by up to 5000: behind by half as much again at both ends is a backlog.
    assertThat(load("s", 2, 500, 300, 7_000, 11_000).backlogged()).isFalse();
    SinkLoad behind = load("s", 2, 500, 300, 8_000, 12_000);
    assertThat(behind.backlogged()).isTrue();
    assertThat(behind.outPerTask()).isEqualTo(150);
    assertThat(behind.backlog(FLUSH)).isEqualTo(7_000);
  }

  @Test
  void tasksComeFromTheInputAndTheBacklogAtTheMeasuredRateInOneStep() {
    // 1000/s in, 2 tasks moving 150/s each, 40 000 behind: (1000 + 30 000/60) / (150 * 0.8) = 12.5.
    SinkLoad load = load("orders", 2, 1000, 300, 26_000, 40_000);
    Recommendation r =
        AutoscalePlan.recommend(
            POLICY,
            List.of(load),
            Map.of("orders", 12),
            Map.of("orders", 150.0),
            Map.of(),
            0,
            FLUSH);
    assertThat(r.sinks().get("orders").recommended()).isEqualTo(12);
    assertThat(r.workers()).as("2 tasks per worker").isEqualTo(6);
    assertThat(r.summary())
        .startsWith("6 workers: orders 12 tasks (lag 40000, in 1000/s, a task moves 150/s");
  }

  @Test
  void tasksNeverExceedTheLimitAndWorkersStayWithinTheirBounds() {
    SinkLoad load = load("orders", 2, 1000, 300, 26_000, 40_000);
    Recommendation r =
        AutoscalePlan.recommend(
            POLICY,
            List.of(load),
            Map.of("orders", 4),
            Map.of("orders", 150.0),
            Map.of(),
            0,
            FLUSH);
    assertThat(r.sinks().get("orders").recommended()).isEqualTo(4);
    assertThat(r.sinks().get("orders").why()).contains("held at its limit of 4");

    var spec = enabled();
    spec.maxReplicas = 3;
    spec.minReplicas = 2;
    assertThat(AutoscalePlan.workersFor(Policy.of(spec), 40)).isEqualTo(3);
    assertThat(AutoscalePlan.workersFor(Policy.of(spec), 1)).isEqualTo(2);
    assertThat(AutoscalePlan.workersFor(POLICY, 5)).isEqualTo(3);
  }

  @Test
  void scaleInNeedsAMarginBelowTheTargetSoALoadAtTheBoundaryStays() {
    // 4 tasks at 100/s planned at 80/s: 300/s in needs 3.75 -> 4 to scale out, but 300 / 68 = 4.4
    // -> 5 to scale in: 4 stays.
    SinkLoad atBoundary = load("s", 4, 300, 300, 2_000, 2_000);
    assertThat(AutoscalePlan.advise(POLICY, atBoundary, 12, 100.0, null, FLUSH).recommended())
        .isEqualTo(4);
    // 150/s in: 150 / 68 = 2.2 -> 3.
    SinkLoad low = load("s", 4, 150, 150, 1_000, 1_000);
    assertThat(AutoscalePlan.advise(POLICY, low, 12, 100.0, null, FLUSH).recommended())
        .isEqualTo(3);
  }

  @Test
  void aSinkWhoseTaskRateIsUnknownKeepsItsTasksUnlessTheUserGaveTheRate() {
    SinkLoad load = load("s", 2, 1000, 300, 26_000, 40_000);
    var advice = AutoscalePlan.advise(POLICY, load, 12, null, null, FLUSH);
    assertThat(advice.recommended()).isEqualTo(2);
    assertThat(advice.why()).contains("not measured yet", "no busy time from the workers");
    var idle =
        AutoscalePlan.advise(
            POLICY, load, 12, null, new SinkBusy(2, 0.02, java.util.Optional.empty()), FLUSH);
    assertThat(idle.why()).contains("tasks busy 2%", "too idle to project it");

    var spec = enabled();
    spec.recordsPerSecondPerTask = 250;
    Recommendation given =
        AutoscalePlan.recommend(
            Policy.of(spec), List.of(load), Map.of("s", 12), Map.of(), Map.of(), 0, FLUSH);
    // (1000 + 30 000 / 60) / 12 partitions = 125/s each, against 250 * 0.8 = 200/s planned a task:
    // one partition a task (8 tasks would leave four of them with two, 250/s).
    assertThat(given.sinks().get("s").recommended()).isEqualTo(12);
  }

  @Test
  void aRateProjectedFromBusyTimeSizesASinkThatNeverHadABacklog() {
    // One task busy all the time moving 100/s; 500/s in, 3000 beyond the trail: 550/s over 12
    // partitions is 46/s each, and two (92/s) would be more than the 80/s planned: 12 tasks.
    SinkLoad load = load("s", 1, 500, 100, 0, 8_000);
    var busy = new SinkBusy(1, 1.0, java.util.Optional.of(100.0));
    Recommendation r =
        AutoscalePlan.recommend(
            POLICY,
            List.of(load),
            Map.of("s", 12),
            Map.of("s", 100.0),
            Map.of("s", busy),
            0,
            FLUSH);
    assertThat(r.sinks().get("s").recommended()).isEqualTo(12);
    assertThat(r.summary()).contains("tasks busy 100%, a task moves 100/s");
  }

  @Test
  void aCpuTargetAddsWorkersUpToTheTasksAndNeverRemovesAny() {
    var spec = enabled();
    spec.targetCpuPercent = 60;
    var policy = Policy.of(spec);
    var sinks = Map.of("s", new AutoscalePlan.SinkAdvice("s", 6, 6, 12, "lag 0"));
    var forTasks = new Recommendation(3, sinks, 0);
    // Three workers at 90% against 60%: 2.7 / 0.6 = 4.5 -> 5 workers for 6 tasks.
    var hot = WorkersCpu.of(List.of(0.9, 0.9, 0.9));
    var r = AutoscalePlan.withCpu(policy, forTasks, hot, 3);
    assertThat(r.workers()).isEqualTo(5);
    assertThat(r.summary()).startsWith("5 workers (CPU 90% against a target of 60%): s 6 tasks");

    var veryHot = WorkersCpu.of(List.of(1.0, 1.0, 1.0));
    assertThat(AutoscalePlan.withCpu(policy, forTasks, veryHot, 6).workers())
        .as("never more workers than tasks")
        .isEqualTo(6);
    assertThat(AutoscalePlan.withCpu(policy, forTasks, WorkersCpu.of(List.of(0.1)), 3))
        .as("a cool cluster keeps what the tasks need")
        .isSameAs(forTasks);
    assertThat(AutoscalePlan.withCpu(POLICY, forTasks, hot, 3))
        .as("no CPU target: CPU is not a signal")
        .isSameAs(forTasks);
    assertThat(AutoscalePlan.withCpu(policy, forTasks, java.util.Optional.empty(), 3))
        .isSameAs(forTasks);
  }

  @Test
  void otherConnectorsTasksCountTowardsTheWorkers() {
    SinkLoad load = load("s", 1, 10, 10, 50, 50);
    Recommendation r =
        AutoscalePlan.recommend(
            POLICY, List.of(load), Map.of("s", 12), Map.of("s", 100.0), Map.of(), 5, FLUSH);
    assertThat(r.tasks()).isEqualTo(6);
    assertThat(r.workers()).isEqualTo(3);
  }

  @Test
  void tasksGetWholePartitionsSoTheBusiestTaskDecides() {
    // 8 partitions at 62.5/s each, tasks planned at 80/s: 7 tasks would give one of them two
    // partitions (125/s) and it would fall behind; 8 it is.
    assertThat(AutoscalePlan.tasksFor(500, 80, 8)).isEqualTo(8);
    // 12 partitions at 33/s: two a task is 67/s, so 6 tasks; 5 would give two tasks three (100/s).
    assertThat(AutoscalePlan.tasksFor(400, 80, 12)).isEqualTo(6);
    // A low load: 8 partitions at 12.5/s, six a task, 2 tasks.
    assertThat(AutoscalePlan.tasksFor(100, 80, 8)).isEqualTo(2);
    // One partition's share beyond a task: every partition its own task, the most that can work.
    assertThat(AutoscalePlan.tasksFor(1000, 80, 8)).isEqualTo(8);
    assertThat(AutoscalePlan.tasksFor(0, 80, 8)).isEqualTo(1);
    assertThat(AutoscalePlan.tasksFor(500, 80, 0)).as("partitions unknown").isEqualTo(7);

    SinkLoad load = load("s", 1, 1000, 100, 0, 18_000);
    var advice = AutoscalePlan.advise(POLICY, load, 12, 100.0, null, FLUSH);
    assertThat(advice.recommended()).isEqualTo(12);
    assertThat(advice.why())
        .contains("one partition's share is more than a task moves at the target utilisation");
  }
}
