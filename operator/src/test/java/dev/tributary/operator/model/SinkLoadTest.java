package dev.tributary.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SinkLoadTest {

  static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

  /** A source polling 50 000/s, its consumers' records-lag as read at each look. */
  static SinkLoad source(long lagBefore, long lagAfter) {
    long polled = 50_000 * 10;
    return SinkLoad.between(
        "mirror",
        4,
        new SinkLoad.Sample(T0, 0, lagBefore, 0),
        new SinkLoad.Sample(T0.plusSeconds(10), 0, polled + lagAfter, polled),
        Duration.ZERO);
  }

  @Test
  void aFastSourceKeepingUpIsNotBacklogged() {
    // Between two fetches, a consumer keeping up at 50 000/s is some 20 000 records behind.
    SinkLoad keepingUp = source(20_000, 20_000);
    assertThat(keepingUp.backlogged())
        .as("its rate would be taken for what a task can do, and the tasks would grow forever")
        .isFalse();
    assertThat(keepingUp.backlog(Duration.ofSeconds(10))).isZero();

    SinkLoad behind = source(200_000, 400_000);
    assertThat(behind.backlogged()).isTrue();
    assertThat(behind.inPerSecond()).isEqualTo(70_000);
    assertThat(behind.backlog(Duration.ofSeconds(10))).isEqualTo(400_000 - 70_000);
  }
}
