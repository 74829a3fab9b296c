package dev.tributary.sandbox.cluster;

import dev.tributary.api.v1alpha1.KafkaConnect;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Deletes objects none of whose owners exist any more, as Kubernetes' garbage collector does. */
final class GarbageCollector {

  private final KubernetesClient client;

  GarbageCollector(KubernetesClient client) {
    this.client = client;
  }

  void tick() {
    Set<String> liveUids = new HashSet<>();
    List<HasMetadata> owned = new ArrayList<>();
    Stream.of(
            client.resources(KafkaConnect.class).inAnyNamespace().list().getItems().stream(),
            client
                .resources(dev.tributary.api.v1alpha1.KafkaConnector.class)
                .inAnyNamespace()
                .list()
                .getItems()
                .stream(),
            client.secrets().inAnyNamespace().list().getItems().stream(),
            client.serviceAccounts().inAnyNamespace().list().getItems().stream(),
            client.rbac().roles().inAnyNamespace().list().getItems().stream(),
            client.rbac().roleBindings().inAnyNamespace().list().getItems().stream(),
            client.apps().statefulSets().inAnyNamespace().list().getItems().stream(),
            client.configMaps().inAnyNamespace().list().getItems().stream(),
            client.services().inAnyNamespace().list().getItems().stream(),
            client.policy().v1().podDisruptionBudget().inAnyNamespace().list().getItems().stream(),
            client.network().v1().networkPolicies().inAnyNamespace().list().getItems().stream(),
            client.pods().inAnyNamespace().list().getItems().stream())
        .flatMap(s -> s.map(r -> (HasMetadata) r))
        .forEach(
            r -> {
              liveUids.add(r.getMetadata().getUid());
              if (!r.getMetadata().getOwnerReferences().isEmpty()) {
                owned.add(r);
              }
            });
    for (HasMetadata resource : owned) {
      if (resource.getMetadata().getOwnerReferences().stream()
          .noneMatch(o -> liveUids.contains(o.getUid()))) {
        client.resource(resource).delete();
      }
    }
  }
}
