package dev.tributary.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.api.Tributary.Reasons;
import org.junit.jupiter.api.Test;

class WorkerProgressTest {

  @Test
  void aScaleOrRollIsOneChangeUntilTheNewWorkersAreReady() {
    var added = new WorkerProgress(3, 3, 2, 3, true, true);

    assertThat(new WorkerProgress(3, 2, 2, 2, true, true).reason(null)).isEqualTo(Reasons.SCALING);
    assertThat(added.reason(null)).isEqualTo(Reasons.WORKERS_STARTING);
    assertThat(added.reason(Reasons.SCALING))
        .as("the third worker still starting is part of the scaling")
        .isEqualTo(Reasons.SCALING);
    assertThat(added.reason(Reasons.ROLLING_UPDATE)).isEqualTo(Reasons.ROLLING_UPDATE);
    assertThat(new WorkerProgress(3, 3, 0, 3, true, true).reason(Reasons.SCALING))
        .as("no worker ready at all is a start, whatever came before")
        .isEqualTo(Reasons.WORKERS_STARTING);
  }
}
