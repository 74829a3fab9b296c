package dev.tributary.sandbox.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatefulSetControllerTest {

  static StatefulSet sts(int replicas, String strategy, String image) {
    return new StatefulSetBuilder()
        .withNewMetadata()
        .withName("w")
        .withNamespace("ns")
        .withGeneration(7L)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewUpdateStrategy()
        .withType(strategy)
        .endUpdateStrategy()
        .withNewTemplate()
        .withNewSpec()
        .addNewContainer()
        .withName("worker")
        .withImage(image)
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  static Pod pod(int ordinal, String revision, boolean ready) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("w-" + ordinal)
        .addToLabels(StatefulSetController.REVISION_LABEL, revision)
        .endMetadata()
        .withNewStatus()
        .addNewCondition()
        .withType("Ready")
        .withStatus(ready ? "True" : "False")
        .endCondition()
        .endStatus()
        .build();
  }

  static List<Pod> pods(String revision, boolean ready, int... ordinals) {
    List<Pod> pods = new ArrayList<>();
    for (int ordinal : ordinals) {
      pods.add(pod(ordinal, revision, ready));
    }
    return pods;
  }

  @Test
  void scalingUpCreatesTheMissingOrdinalsAndScalingDownDeletesTheHighestFirst() {
    StatefulSet three = sts(3, "RollingUpdate", "v1");
    String revision = StatefulSetController.revisionOf(three);

    var up = StatefulSetController.plan(three, pods(revision, true, 0));
    assertThat(up.create()).containsExactly(1, 2);
    assertThat(up.delete()).isEmpty();

    var down =
        StatefulSetController.plan(sts(1, "RollingUpdate", "v1"), pods(revision, true, 0, 1, 2));
    assertThat(down.create()).isEmpty();
    assertThat(down.delete()).containsExactly("w-2", "w-1");
  }

  @Test
  void aRollingUpdateReplacesOnePodAtATimeHighestFirstOnlyWhileAllAreReady() {
    StatefulSet old = sts(3, "RollingUpdate", "v1");
    StatefulSet changed = sts(3, "RollingUpdate", "v2");
    String oldRevision = StatefulSetController.revisionOf(old);
    assertThat(StatefulSetController.revisionOf(changed)).isNotEqualTo(oldRevision);

    assertThat(StatefulSetController.plan(changed, pods(oldRevision, true, 0, 1, 2)).delete())
        .containsExactly("w-2");

    List<Pod> oneNotReady = pods(oldRevision, true, 0, 1);
    oneNotReady.add(pod(2, StatefulSetController.revisionOf(changed), false));
    assertThat(StatefulSetController.plan(changed, oneNotReady).delete())
        .as("w-2 is replaced but not ready yet: wait")
        .isEmpty();
  }

  @Test
  void onDeleteLeavesOutdatedPodsAloneAndSaysSoInStatus() {
    StatefulSet old = sts(3, "OnDelete", "v1");
    StatefulSet changed = sts(3, "OnDelete", "v2");
    String oldRevision = StatefulSetController.revisionOf(old);
    changed.setStatus(
        new StatefulSetStatusBuilder()
            .withCurrentRevision(oldRevision)
            .withUpdateRevision(oldRevision)
            .build());

    var plan = StatefulSetController.plan(changed, pods(oldRevision, true, 0, 1, 2));

    assertThat(plan.delete()).isEmpty();
    assertThat(plan.status().getUpdatedReplicas()).isZero();
    assertThat(plan.status().getCurrentReplicas()).isEqualTo(3);
    assertThat(plan.status().getCurrentRevision()).isEqualTo(oldRevision);
    assertThat(plan.status().getUpdateRevision())
        .isEqualTo(StatefulSetController.revisionOf(changed));

    var allReplaced =
        StatefulSetController.plan(
                changed, pods(StatefulSetController.revisionOf(changed), true, 0, 1, 2))
            .status();
    assertThat(allReplaced.getUpdatedReplicas()).isEqualTo(3);
    assertThat(allReplaced.getCurrentRevision())
        .as("as in Kubernetes (kubernetes/kubernetes#73492), OnDelete never moves it on")
        .isEqualTo(oldRevision);
  }

  @Test
  void statusCountsPodsReadinessAndTheGeneration() {
    StatefulSet set = sts(3, "RollingUpdate", "v1");
    String revision = StatefulSetController.revisionOf(set);
    List<Pod> pods = pods(revision, true, 0, 1);
    pods.add(pod(2, revision, false));

    var status = StatefulSetController.plan(set, pods).status();

    assertThat(status.getReplicas()).isEqualTo(3);
    assertThat(status.getReadyReplicas()).isEqualTo(2);
    assertThat(status.getUpdatedReplicas()).isEqualTo(3);
    assertThat(status.getObservedGeneration()).isEqualTo(7L);
    assertThat(status.getCurrentRevision()).isEqualTo(status.getUpdateRevision());
  }
}
