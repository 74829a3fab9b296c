package dev.tributary.operator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SinkBusyTest {

  @Test
  void aTaskBusyHalfTheTimeCouldMoveTwiceWhatItMoves() {
    // 100 records/s in batches of 50, each put taking 250 ms: 2 puts a second, busy 50%.
    var busy = SinkBusy.of(List.of(new SinkBusy.Task(100, 50, 250))).orElseThrow();
    assertThat(busy.busyRatio()).isCloseTo(0.5, within(1e-9));
    assertThat(busy.ratePerTask())
        .hasValueSatisfying(r -> assertThat(r).isCloseTo(200, within(1e-9)));
  }

  @Test
  void aSaturatedTasksRateIsWhatItMoves() {
    var busy = SinkBusy.of(List.of(new SinkBusy.Task(100, 100, 1000))).orElseThrow();
    assertThat(busy.busyRatio()).isEqualTo(1.0);
    assertThat(busy.ratePerTask()).hasValue(100.0);
  }

  @Test
  void tasksAreAveragedOverTheirBusyTimeNotTheirCount() {
    // One task moves 90/s busy 90%, the other 10/s busy 10%: both could move 100/s.
    var busy =
        SinkBusy.of(List.of(new SinkBusy.Task(90, 9, 90), new SinkBusy.Task(10, 1, 10)))
            .orElseThrow();
    assertThat(busy.tasks()).isEqualTo(2);
    assertThat(busy.busyRatio()).isCloseTo(0.5, within(1e-9));
    assertThat(busy.ratePerTask())
        .hasValueSatisfying(r -> assertThat(r).isCloseTo(100, within(1e-9)));
  }

  @Test
  void anAlmostIdleSinkIsNotProjected() {
    // Puts of 1 ms for 5 records/s in batches of 5: busy 0.1%; 5000/s would be a guess.
    var busy = SinkBusy.of(List.of(new SinkBusy.Task(5, 5, 1))).orElseThrow();
    assertThat(busy.busyRatio()).isLessThan(SinkBusy.MIN_BUSY_TO_PROJECT);
    assertThat(busy.ratePerTask()).isEmpty();
  }

  @Test
  void tasksWithoutSamplesAreLeftOut() {
    assertThat(SinkBusy.of(List.of())).isEmpty();
    assertThat(SinkBusy.of(List.of(new SinkBusy.Task(0, 0, 0)))).isEmpty();
  }
}
