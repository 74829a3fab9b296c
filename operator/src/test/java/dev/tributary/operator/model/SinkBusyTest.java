package dev.tributary.operator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SinkBusyTest {

  @Test
  void aTaskBusyHalfTheTimeCouldMoveTwiceWhatItMoves() {
    // 100 records/s in batches of 50, each put taking 250 ms: 2 puts a second, busy 50%.
    var busy = SinkBusy.of(List.of(put(100, 50, 250))).orElseThrow();
    assertThat(busy.busyRatio()).isCloseTo(0.5, within(1e-9));
    assertThat(busy.ratePerTask())
        .hasValueSatisfying(r -> assertThat(r).isCloseTo(200, within(1e-9)));
  }

  @Test
  void aSaturatedTasksRateIsWhatItMoves() {
    var busy = SinkBusy.of(List.of(put(100, 100, 1000))).orElseThrow();
    assertThat(busy.busyRatio()).isEqualTo(1.0);
    assertThat(busy.ratePerTask()).hasValue(100.0);
  }

  @Test
  void tasksAreAveragedOverTheirBusyTimeNotTheirCount() {
    // One task moves 90/s busy 90%, the other 10/s busy 10%: both could move 100/s.
    var busy = SinkBusy.of(List.of(put(90, 9, 90), put(10, 1, 10))).orElseThrow();
    assertThat(busy.tasks()).isEqualTo(2);
    assertThat(busy.busyRatio()).isCloseTo(0.5, within(1e-9));
    assertThat(busy.ratePerTask())
        .hasValueSatisfying(r -> assertThat(r).isCloseTo(100, within(1e-9)));
  }

  @Test
  void anAlmostIdleSinkIsNotProjected() {
    // Puts of 1 ms for 5 records/s in batches of 5: busy 0.1%; 5000/s would be a guess.
    var busy = SinkBusy.of(List.of(put(5, 5, 1))).orElseThrow();
    assertThat(busy.busyRatio()).isLessThan(SinkBusy.MIN_BUSY_TO_PROJECT);
    assertThat(busy.ratePerTask()).isEmpty();
  }

  @Test
  void tasksBusyAFractionOfTheTimeAreNotProjected() {
    // As in the benchmark after the load fell: busy 15% at 9.3/s would say 62/s, where the same
    // tasks moved 103/s under load, in full batches.
    var lightlyLoaded = SinkBusy.of(List.of(SinkBusy.Task.sampled(0.15, 9.3))).orElseThrow();
    assertThat(lightlyLoaded.busyRatio()).isEqualTo(0.15);
    assertThat(lightlyLoaded.ratePerTask()).isEmpty();
    assertThat(SinkBusy.of(List.of(SinkBusy.Task.sampled(0.3, 30))).orElseThrow().ratePerTask())
        .hasValue(100.0);
  }

  @Test
  void tasksWithoutSamplesAreLeftOut() {
    assertThat(SinkBusy.of(List.of())).isEmpty();
    assertThat(SinkBusy.Task.fromPut(0, 0, 0)).isEmpty();
  }

  @Test
  void sampledBusyTimeCountsTheWorkOutsidePut() {
    // A task moving 68/s whose put takes 69% of each second, and that works all the rest of it:
    // put time alone would promise 99/s.
    var fromPut = SinkBusy.of(List.of(put(68, 68, 690))).orElseThrow();
    assertThat(fromPut.ratePerTask().orElseThrow()).isCloseTo(98.6, within(0.1));
    var sampled = SinkBusy.of(List.of(SinkBusy.Task.sampled(1.0, 68))).orElseThrow();
    assertThat(sampled.busyRatio()).isEqualTo(1.0);
    assertThat(sampled.ratePerTask()).hasValue(68.0);
  }

  @Test
  void aTaskBusyWithoutMovingARecordTellsNoRate() {
    // Stuck in a put for the whole window: busy, but its rate is unknown, not zero.
    var stuck = SinkBusy.of(List.of(SinkBusy.Task.sampled(1.0, 0))).orElseThrow();
    assertThat(stuck.busyRatio()).isEqualTo(1.0);
    assertThat(stuck.ratePerTask()).isEmpty();
  }

  private static SinkBusy.Task put(double records, double batchSize, double batchMs) {
    return SinkBusy.Task.fromPut(records, batchSize, batchMs).orElseThrow();
  }
}
