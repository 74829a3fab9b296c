package dev.tributary.sandbox.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import org.junit.jupiter.api.Test;

class ProbeStateTest {

  static final Probe READINESS =
      new ProbeBuilder().withPeriodSeconds(5).withFailureThreshold(3).build();

  @Test
  void oneFailedProbeDoesNotMakeAReadyContainerUnready() {
    ProbeState ready = ProbeState.INITIAL.next(READINESS, true, 0);
    assertThat(ready.passing()).isTrue();

    ProbeState once = ready.next(READINESS, false, 5_000);
    ProbeState twice = once.next(READINESS, false, 10_000);
    assertThat(once.passing()).isTrue();
    assertThat(twice.passing()).isTrue();
    assertThat(twice.next(READINESS, false, 15_000).passing())
        .as("the third failure in a row")
        .isFalse();
    assertThat(twice.next(READINESS, true, 15_000).passing()).isTrue();
  }

  @Test
  void probesRunEveryPeriodAfterTheInitialDelay() {
    Probe delayed = new ProbeBuilder().withPeriodSeconds(5).withInitialDelaySeconds(2).build();

    assertThat(ProbeState.INITIAL.due(delayed, 0, 1_000)).isFalse();
    assertThat(ProbeState.INITIAL.due(delayed, 0, 2_000)).isTrue();
    ProbeState ran = ProbeState.INITIAL.next(delayed, false, 2_000);
    assertThat(ran.due(delayed, 0, 6_000)).isFalse();
    assertThat(ran.due(delayed, 0, 7_000)).isTrue();
  }

  @Test
  void unsetFieldsTakeKubernetesDefaults() {
    Probe bare = new Probe();
    ProbeState ready = ProbeState.INITIAL.next(bare, true, 0);

    assertThat(ProbeState.timeoutMillis(bare)).isEqualTo(1_000);
    assertThat(ready.due(bare, 0, 9_999)).as("every 10 s").isFalse();
    assertThat(ready.due(bare, 0, 10_000)).isTrue();
    assertThat(ready.next(bare, false, 1).next(bare, false, 2).passing()).isTrue();
    assertThat(ready.next(bare, false, 1).next(bare, false, 2).next(bare, false, 3).passing())
        .as("failureThreshold 3")
        .isFalse();
  }
}
