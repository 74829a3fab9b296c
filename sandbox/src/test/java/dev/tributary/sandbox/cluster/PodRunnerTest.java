package dev.tributary.sandbox.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PodRunnerTest {

  @Test
  void aCrashLoopBacksOffAsAKubeletDoes() {
    assertThat(PodRunner.backOffMillis(1)).isEqualTo(10_000);
    assertThat(PodRunner.backOffMillis(2)).isEqualTo(20_000);
    assertThat(PodRunner.backOffMillis(3)).isEqualTo(40_000);
    assertThat(PodRunner.backOffMillis(5)).isEqualTo(160_000);
    assertThat(PodRunner.backOffMillis(6)).isEqualTo(300_000);
    assertThat(PodRunner.backOffMillis(50)).isEqualTo(300_000);
    assertThat(PodRunner.BACK_OFF_RESET_MILLIS).isEqualTo(600_000);
  }
}
