package dev.tributary.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.api.v1alpha1.Autoscaling;
import dev.tributary.operator.model.AutoscaleGate.Past;
import dev.tributary.operator.model.AutoscaleGate.Verdict;
import dev.tributary.operator.model.AutoscalePlan.Policy;
import dev.tributary.operator.model.AutoscalePlan.Recommendation;
import dev.tributary.operator.model.AutoscalePlan.SinkAdvice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AutoscaleGateTest {

  static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
  static final Policy ON = Policy.of(enabled(true));
  static final Policy OFF = Policy.of(enabled(false));

  static Autoscaling enabled(boolean on) {
    var spec = new Autoscaling();
    spec.enabled = on;
    return spec;
  }

  /** A cluster whose one sink runs {@code tasks} and would suit {@code recommended}. */
  static Recommendation rec(int tasks, int recommended) {
    return new Recommendation(
        AutoscalePlan.workersFor(ON, recommended),
        Map.of("s", new SinkAdvice("s", tasks, recommended, 12, "lag 1, in 1/s")),
        0);
  }

  @Test
  void offOnlyRecommendsAndAnUnchangedSizeIsNoChange() {
    assertThat(AutoscaleGate.decide(OFF, rec(2, 6), 1, NOW.minusSeconds(999), List.of(), NOW))
        .isEqualTo(new Verdict.Hold("autoscaling is off (spec.autoscaling.enabled)"));
    assertThat(AutoscaleGate.decide(ON, rec(2, 2), 1, NOW.minusSeconds(999), List.of(), NOW))
        .isEqualTo(new Verdict.Hold(null));
  }

  @Test
  void nothingChangesWhileARebalanceIsUnderWayOrDuringTheCoolDown() {
    var unsettled = AutoscaleGate.decide(ON, rec(2, 6), 1, null, List.of(), NOW);
    assertThat(((Verdict.Hold) unsettled).why()).contains("waiting for the workers");
    var cooling = AutoscaleGate.decide(ON, rec(2, 6), 1, NOW.minusSeconds(30), List.of(), NOW);
    assertThat(((Verdict.Hold) cooling).why()).contains("cooling down until 2026-12-06T10:00:30Z");
  }

  @Test
  void scaleOutFollowsTwoLooksInARowWithTasksAndWorkersInOneStep() {
    var once = AutoscaleGate.decide(ON, rec(2, 6), 1, NOW.minusSeconds(61), List.of(), NOW);
    assertThat(((Verdict.Hold) once).why()).contains("if the next look confirms");
    var burst = List.of(new Past(NOW.minusSeconds(5), rec(2, 2)));
    assertThat(AutoscaleGate.decide(ON, rec(2, 6), 1, NOW.minusSeconds(61), burst, NOW))
        .isInstanceOf(Verdict.Hold.class);
    var confirmed = List.of(new Past(NOW.minusSeconds(5), rec(2, 7)));
    var verdict = AutoscaleGate.decide(ON, rec(2, 6), 1, NOW.minusSeconds(61), confirmed, NOW);
    assertThat(verdict).isInstanceOf(Verdict.Apply.class);
    var apply = (Verdict.Apply) verdict;
    assertThat(apply.workers()).isEqualTo(3);
    assertThat(apply.tasks()).containsEntry("s", 6);
    assertThat(apply.message())
        .isEqualTo("workers 1 -> 3 (6 tasks at 2 a worker); s tasks 2 -> 6 (lag 1, in 1/s)");
  }

  @Test
  void aConfirmedScaleOutTakesTheLatestLookWhichSawTheWholeStep() {
    // The first look after a step saw part of the new input (4 tasks), the second all of it (7).
    var partial = List.of(new Past(NOW.minusSeconds(5), rec(2, 4)));
    var verdict = AutoscaleGate.decide(ON, rec(2, 7), 1, NOW.minusSeconds(61), partial, NOW);
    assertThat(((Verdict.Apply) verdict).tasks()).containsEntry("s", 7);
    assertThat(((Verdict.Apply) verdict).workers()).isEqualTo(4);
  }

  @Test
  void workersAddedForCpuSayWhy() {
    var forCpu =
        new Recommendation(
            5,
            Map.of("s", new SinkAdvice("s", 6, 6, 12, "lag 1, in 1/s")),
            0,
            "CPU 90% against a target of 60%");
    var confirmed = List.of(new Past(NOW.minusSeconds(5), forCpu));
    var verdict = AutoscaleGate.decide(ON, forCpu, 3, NOW.minusSeconds(61), confirmed, NOW);
    assertThat(((Verdict.Apply) verdict).message())
        .isEqualTo("workers 3 -> 5 (CPU 90% against a target of 60%)");
  }

  @Test
  void workersTheWindowStillAskedForSaySo() {
    Instant settled = NOW.minusSeconds(900);
    List<Past> past = new ArrayList<>();
    for (int s = 300; s > 0; s -= 5) {
      var cpu =
          new Recommendation(
              3,
              Map.of("s", new SinkAdvice("s", 2, 2, 12, "lag 1, in 1/s")),
              0,
              "CPU 90% against a target of 60%");
      past.add(new Past(NOW.minusSeconds(s), s == 100 ? cpu : rec(2, 2)));
    }
    var verdict = AutoscaleGate.decide(ON, rec(2, 2), 4, settled, past, NOW);
    assertThat(((Verdict.Apply) verdict).message())
        .isEqualTo("workers 4 -> 3 (2 tasks at 2 a worker; the most asked for in the last 300 s)");
  }

  @Test
  void scaleInWaitsForAWholeWindowOfLowerLoadAndTakesItsHighestRecommendation() {
    Instant settled = NOW.minusSeconds(900);
    List<Past> past = new ArrayList<>();
    // Recommendations every 5 s of the last 300 s: mostly 2 tasks, 4 once.
    for (int s = 300; s > 0; s -= 5) {
      past.add(new Past(NOW.minusSeconds(s), rec(6, s == 100 ? 4 : 2)));
    }
    var verdict = AutoscaleGate.decide(ON, rec(6, 2), 3, settled, past, NOW);
    var apply = (Verdict.Apply) verdict;
    assertThat(apply.tasks()).containsEntry("s", 4);
    assertThat(apply.workers()).isEqualTo(2);
    assertThat(apply.message())
        .as("the Event counts the tasks it applies (the window's highest), not the latest ask")
        .startsWith("workers 3 -> 2 (4 tasks at 2 a worker); s tasks 6 -> 4");

    // Only 100 s of lower load so far: hold.
    var shortWindow = past.subList(40, past.size());
    var held = AutoscaleGate.decide(ON, rec(6, 2), 3, settled, shortWindow, NOW);
    assertThat(((Verdict.Hold) held).why()).contains("scaling in after 300 s of lower load");

    // Settled 100 s ago: the window is not all since the last change either.
    var recent = AutoscaleGate.decide(ON, rec(6, 2), 3, NOW.minusSeconds(100), past, NOW);
    assertThat(recent).isInstanceOf(Verdict.Hold.class);
  }

  @Test
  void aFlappingLoadNeverScalesIn() {
    List<Past> past = new ArrayList<>();
    for (int s = 300; s > 0; s -= 5) {
      past.add(new Past(NOW.minusSeconds(s), rec(6, s % 10 == 0 ? 6 : 2)));
    }
    var verdict = AutoscaleGate.decide(ON, rec(6, 2), 3, NOW.minusSeconds(900), past, NOW);
    assertThat(verdict).isInstanceOf(Verdict.Hold.class);
  }

  @Test
  void settledMeansEveryWorkerReadyAndEverySinkRunningWhatItWasGiven() {
    assertThat(AutoscaleGate.settled(3, 3, true, Map.of("s", 4), Map.of("s", 4))).isTrue();
    assertThat(AutoscaleGate.settled(3, 2, true, Map.of("s", 4), Map.of("s", 4))).isFalse();
    assertThat(AutoscaleGate.settled(3, 3, false, Map.of("s", 4), Map.of("s", 4))).isFalse();
    assertThat(AutoscaleGate.settled(3, 3, true, Map.of("s", 4), Map.of("s", 3))).isFalse();
  }
}
