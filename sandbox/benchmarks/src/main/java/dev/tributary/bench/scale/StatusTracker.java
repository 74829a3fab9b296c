package dev.tributary.bench.scale;

import dev.tributary.api.Tributary.Conditions;
import dev.tributary.api.v1alpha1.ConnectState;
import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.operator.model.ConditionSet;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Watches every KafkaConnect and KafkaConnector as a user's {@code kubectl get -w} would, and notes
 * when each was first seen Ready, and when a connector expected to fail was first seen with a
 * FAILED task. Times are {@link System#nanoTime()}.
 */
final class StatusTracker implements AutoCloseable {

  private final Map<String, Long> clustersReady = new ConcurrentHashMap<>();
  private final Map<String, Long> connectorsReady = new ConcurrentHashMap<>();
  private final Set<String> failureExpected = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> failureSeen = new ConcurrentHashMap<>();
  private final SharedIndexInformer<KafkaConnect> clusters;
  private final SharedIndexInformer<KafkaConnector> connectors;

  StatusTracker(KubernetesClient client) {
    clusters =
        client
            .resources(KafkaConnect.class)
            .inAnyNamespace()
            .inform(
                handler(
                    c -> {
                      if (c.getStatus() != null
                          && ConditionSet.isTrue(c.getStatus().conditions, Conditions.READY)) {
                        clustersReady.putIfAbsent(key(c), System.nanoTime());
                      }
                    }));
    connectors =
        client.resources(KafkaConnector.class).inAnyNamespace().inform(handler(this::seen));
  }

  static String key(HasMetadata resource) {
    return resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
  }

  private void seen(KafkaConnector c) {
    long now = System.nanoTime();
    if (c.getStatus() == null) {
      return;
    }
    if (ConditionSet.isTrue(c.getStatus().conditions, Conditions.READY)) {
      connectorsReady.putIfAbsent(key(c), now);
    }
    if (failureExpected.contains(key(c)) && showsFailure(c)) {
      failureSeen.putIfAbsent(key(c), now);
    }
  }

  /**
   * Whether the status tells of a task failure: a FAILED task, or the automatic restart the
   * operator answered it with (the first comes at once, so FAILED itself may never be written).
   */
  private static boolean showsFailure(KafkaConnector c) {
    return c.getStatus().tasks != null
            && c.getStatus().tasks.stream().anyMatch(t -> t.state == ConnectState.FAILED)
        || c.getStatus().autoRestart != null
            && c.getStatus().autoRestart.count != null
            && c.getStatus().autoRestart.count > 0;
  }

  int readyClusters() {
    return clustersReady.size();
  }

  int readyConnectors() {
    return connectorsReady.size();
  }

  Long connectorReadyAt(String key) {
    return connectorsReady.get(key);
  }

  /** From now on, the first FAILED task seen on {@code key} is noted. */
  void expectFailure(String key) {
    failureSeen.remove(key);
    failureExpected.add(key);
  }

  Long failureSeenAt(String key) {
    return failureSeen.get(key);
  }

  private static <T> ResourceEventHandler<T> handler(Consumer<T> onChange) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T resource) {
        onChange.accept(resource);
      }

      @Override
      public void onUpdate(T previous, T resource) {
        onChange.accept(resource);
      }

      @Override
      public void onDelete(T resource, boolean unknown) {}
    };
  }

  @Override
  public void close() {
    clusters.close();
    connectors.close();
  }
}
