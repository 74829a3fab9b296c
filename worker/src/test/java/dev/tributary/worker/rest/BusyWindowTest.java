package dev.tributary.worker.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BusyWindowTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void recordsOverBusySecondsHoldWhenTheSpanMixesIdleAndSaturatedSeconds() {
    BusyWindow window = new BusyWindow();
    window.mark(0, 0);
    // 5 s nearly idle: 10 records a second, busy one sample in ten.
    for (int second = 1; second <= 5; second++) {
      for (int i = 0; i < 10; i++) {
        window.sample(i == 0);
      }
      window.mark(second * SECOND, second * 10.0);
    }
    // Then 5 s saturated at 100 records a second.
    for (int second = 6; second <= 10; second++) {
      for (int i = 0; i < 10; i++) {
        window.sample(true);
      }
      window.mark(second * SECOND, 50 + (second - 5) * 100.0);
    }

    var load = window.load().orElseThrow();

    assertThat(load.busyRatio()).isCloseTo(0.55, within(1e-9));
    assertThat(load.recordsPerSecond()).isCloseTo(55, within(1e-9));
    assertThat(load.seconds()).isCloseTo(10, within(1e-9));
    // 550 records in 5.5 busy seconds: a task busy all the time moves 100 a second.
    assertThat(load.recordsPerSecond() / load.busyRatio()).isCloseTo(100, within(1e-9));
  }

  @Test
  void onlyTheLastTenSecondsCount() {
    BusyWindow window = new BusyWindow();
    window.mark(0, 0);
    for (int second = 1; second <= 30; second++) {
      boolean busy = second > 20;
      for (int i = 0; i < 10; i++) {
        window.sample(busy);
      }
      window.mark(second * SECOND, second * 10.0);
    }

    assertThat(window.load().orElseThrow().busyRatio()).isEqualTo(1.0);
  }

  @Test
  void saysNothingUntilItHasSamplesOverASpan() {
    BusyWindow window = new BusyWindow();
    assertThat(window.load()).isEmpty();
    window.mark(0, 0);
    window.sample(true);
    window.mark(SECOND, 10);
    assertThat(window.load()).isEmpty();
  }

  @Test
  void aRestartedTaskStartsItsWindowAgain() {
    BusyWindow window = new BusyWindow();
    window.mark(0, 0);
    for (int i = 0; i < 20; i++) {
      window.sample(true);
    }
    window.mark(2 * SECOND, 5_000);
    window.mark(3 * SECOND, 10);

    assertThat(window.load()).isEmpty();
  }
}
