package dev.tributary.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.api.Tributary.Reasons;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
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

  @Test
  void aPodTheRollDeletedIsPartOfTheRollNotAScaling() {
    // desired 3; pod 2 replaced (updated 1), pod 1 deleted and not re-created yet
    var podGone = new WorkerProgress(3, 2, 2, 1, true, true);

    assertThat(podGone.reason(Reasons.ROLLING_UPDATE)).isEqualTo(Reasons.ROLLING_UPDATE);
    assertThat(new WorkerProgress(3, 2, 2, 3, true, true).reason(Reasons.ROLLING_UPDATE))
        .as("every worker on the current template and one fewer: a scale-in")
        .isEqualTo(Reasons.SCALING);
    assertThat(podGone.reason(null)).isEqualTo(Reasons.SCALING);
  }

  static StatefulSet statefulSet(String strategy, int updated, String current, String update) {
    return new StatefulSetBuilder()
        .withNewMetadata()
        .withName("pipeline-connect")
        .withGeneration(2L)
        .endMetadata()
        .withNewSpec()
        .withNewUpdateStrategy()
        .withType(strategy)
        .endUpdateStrategy()
        .endSpec()
        .withNewStatus()
        .withObservedGeneration(2L)
        .withReplicas(3)
        .withReadyReplicas(3)
        .withUpdatedReplicas(updated)
        .withCurrentRevision(current)
        .withUpdateRevision(update)
        .endStatus()
        .build();
  }

  @Test
  void underOnDeleteTheUpdatedCountAloneSaysTheRollIsDone() {
    // Kubernetes leaves currentRevision behind under OnDelete (kubernetes/kubernetes#73492).
    assertThat(WorkerProgress.of(statefulSet("OnDelete", 3, "r1", "r2"), 3).settled()).isTrue();
    assertThat(WorkerProgress.of(statefulSet("OnDelete", 2, "r1", "r2"), 3).reason())
        .isEqualTo(Reasons.ROLLING_UPDATE);
    assertThat(WorkerProgress.of(statefulSet("RollingUpdate", 3, "r1", "r2"), 3).settled())
        .as("a rolling update is done when the controller says so")
        .isFalse();
  }
}
