package dev.tributary.sandbox;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** What a roll of the quick start's workers leaves behind, read as kubectl reads it. */
final class Rolls {
  private Rolls() {}

  /** Each of the {@code workers} pods runs the StatefulSet's current template, and no more run. */
  static boolean allOnTheCurrentTemplate(KubernetesClient client, String namespace, int workers) {
    String revision =
        client
            .apps()
            .statefulSets()
            .inNamespace(namespace)
            .withName("pipeline-connect")
            .get()
            .getStatus()
            .getUpdateRevision();
    var pods = client.pods().inNamespace(namespace).list().getItems();
    return pods.size() == workers
        && pods.stream()
            .allMatch(
                p -> revision.equals(p.getMetadata().getLabels().get("controller-revision-hash")));
  }

  /** The pods the operator replaced, in the order of its WorkerReplaced Events. */
  static List<String> replacedInOrder(KubernetesClient client, String namespace) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> "WorkerReplaced".equals(e.getReason()))
        .sorted(Comparator.comparing(e -> Instant.parse(e.getFirstTimestamp())))
        .map(e -> e.getMessage().split(" ")[3])
        .toList();
  }
}
