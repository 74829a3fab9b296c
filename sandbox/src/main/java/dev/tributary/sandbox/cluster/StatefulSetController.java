package dev.tributary.sandbox.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a StatefulSet controller decides for one StatefulSet and its pods, as a pure function: which
 * ordinals to create, which pods to delete, and the status to report.
 */
public final class StatefulSetController {

  static final String REVISION_LABEL = "controller-revision-hash";

  /** Ordinals to create (on {@code revision}), pod names to delete, and the status. */
  record Plan(
      List<Integer> create, List<String> delete, String revision, StatefulSetStatus status) {}

  private StatefulSetController() {}

  static Plan plan(StatefulSet sts, List<Pod> pods) {
    String revision = revisionOf(sts);
    int replicas = sts.getSpec().getReplicas() == null ? 1 : sts.getSpec().getReplicas();
    Map<Integer, Pod> byOrdinal = new TreeMap<>();
    pods.forEach(p -> byOrdinal.put(ordinalOf(p), p));

    List<Integer> create = new ArrayList<>();
    for (int ordinal = 0; ordinal < replicas; ordinal++) {
      if (!byOrdinal.containsKey(ordinal)) {
        create.add(ordinal);
      }
    }
    // Scale-in: highest ordinals first.
    List<String> delete = new ArrayList<>();
    byOrdinal.entrySet().stream()
        .filter(e -> e.getKey() >= replicas)
        .sorted(Map.Entry.<Integer, Pod>comparingByKey().reversed())
        .forEach(e -> delete.add(e.getValue().getMetadata().getName()));

    List<Pod> current =
        byOrdinal.entrySet().stream()
            .filter(e -> e.getKey() < replicas)
            .map(Map.Entry::getValue)
            .toList();
    boolean allReady =
        current.size() == replicas && current.stream().allMatch(StatefulSetController::isReady);
    if (isRollingUpdate(sts) && allReady) {
      // One pod at a time, highest ordinal first, only while every other pod is ready. OnDelete
      // replaces a pod only when someone deletes it.
      current.stream()
          .filter(p -> !revision.equals(p.getMetadata().getLabels().get(REVISION_LABEL)))
          .max(Comparator.comparingInt(StatefulSetController::ordinalOf))
          .ifPresent(p -> delete.add(p.getMetadata().getName()));
    }

    int ready = (int) current.stream().filter(StatefulSetController::isReady).count();
    int updated =
        (int)
            current.stream()
                .filter(p -> revision.equals(p.getMetadata().getLabels().get(REVISION_LABEL)))
                .count();
    StatefulSetStatus previous = sts.getStatus();
    // Only a rolling update moves currentRevision on: under OnDelete, Kubernetes releases before
    // the fix for kubernetes/kubernetes#73492 leave it where it was, and updatedReplicas tells the
    // progress. The stand-in keeps that older behaviour, which the operator must handle anyway.
    String currentRevision =
        isRollingUpdate(sts) && updated == current.size() && current.size() == replicas
            ? revision
            : previous != null && previous.getCurrentRevision() != null
                ? previous.getCurrentRevision()
                : revision;
    StatefulSetStatus status =
        new StatefulSetStatusBuilder()
            .withObservedGeneration(sts.getMetadata().getGeneration())
            .withReplicas(pods.size())
            .withReadyReplicas(ready)
            .withAvailableReplicas(ready)
            .withCurrentReplicas(current.size() - updated)
            .withUpdatedReplicas(updated)
            .withCurrentRevision(currentRevision)
            .withUpdateRevision(revision)
            .build();
    return new Plan(create, delete, revision, status);
  }

  private static boolean isRollingUpdate(StatefulSet sts) {
    return sts.getSpec().getUpdateStrategy() == null
        || sts.getSpec().getUpdateStrategy().getType() == null
        || "RollingUpdate".equals(sts.getSpec().getUpdateStrategy().getType());
  }

  /** The template's hash, as the controller-revision-hash label of the pods made from it. */
  static String revisionOf(StatefulSet sts) {
    try {
      byte[] template =
          Serialization.asJson(sts.getSpec().getTemplate()).getBytes(StandardCharsets.UTF_8);
      return sts.getMetadata().getName()
          + "-"
          + HexFormat.of()
              .formatHex(MessageDigest.getInstance("SHA-256").digest(template))
              .substring(0, 10);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static int ordinalOf(Pod pod) {
    String name = pod.getMetadata().getName();
    return Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
  }

  public static boolean isReady(Pod pod) {
    return pod.getStatus() != null
        && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
