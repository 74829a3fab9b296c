package dev.tributary.operator.model;

import dev.tributary.api.v1alpha1.ConnectMode;
import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.api.v1alpha1.KafkaConnectSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/**
 * What one reconcile derives from a KafkaConnect, derived once: the names, the image, the desired
 * number of workers and the rendered worker config with its hash. Every owned object is built from
 * it.
 */
public record WorkerCluster(
    ClusterNames names,
    KafkaConnectSpec spec,
    String image,
    int replicas,
    ConfigMap configMap,
    String configHash) {

  public static WorkerCluster of(KafkaConnect cr, String defaultImage) {
    ClusterNames names = ClusterNames.of(cr);
    KafkaConnectSpec spec = cr.getSpec();
    ConfigMap configMap = WorkerResources.configMap(names, spec);
    return new WorkerCluster(
        names,
        spec,
        spec.image != null ? spec.image : defaultImage,
        desiredReplicas(spec),
        configMap,
        WorkerResources.configHash(configMap));
  }

  /** Workers the spec asks for: 1 by default, at most 1 in standalone mode. */
  public static int desiredReplicas(KafkaConnectSpec spec) {
    int replicas = spec.replicas == null ? 1 : spec.replicas;
    return spec.mode == ConnectMode.STANDALONE ? Math.min(replicas, 1) : replicas;
  }

  public StatefulSet statefulSet() {
    return WorkerResources.statefulSet(names, spec, image, configHash);
  }
}
