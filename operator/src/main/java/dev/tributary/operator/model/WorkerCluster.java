package dev.tributary.operator.model;

import dev.tributary.api.Tributary;
import dev.tributary.api.v1alpha1.ConnectMode;
import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.api.v1alpha1.KafkaConnectSpec;
import dev.tributary.api.v1alpha1.KafkaConnector;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.util.Collection;
import java.util.SortedSet;

/**
 * What one reconcile derives from a KafkaConnect, derived once: the names, the image, the desired
 * number of workers, the rendered worker config with its hash, the operator's own namespace and a
 * digest of the Secret values the workers read. Every owned object is built from it.
 */
public record WorkerCluster(
    ClusterNames names,
    KafkaConnectSpec spec,
    String image,
    int replicas,
    ConfigMap configMap,
    String configHash,
    String operatorNamespace,
    String secretsDigest,
    SortedSet<String> connectorSecrets,
    String exactlyOncePhase) {

  /**
   * @param defaultImage the worker image of a KafkaConnect that names none
   * @param operatorNamespace where the operator runs, the only namespace it reaches workers from
   * @param secretsDigest a digest of the Secret values the workers read, empty when none
   * @param connectors the cluster's KafkaConnectors: the Secrets they reference (what the workers
   *     may read) and the log levels they ask for
   */
  public static WorkerCluster of(
      KafkaConnect cr,
      String defaultImage,
      String operatorNamespace,
      String secretsDigest,
      Collection<KafkaConnector> connectors) {
    ClusterNames names = ClusterNames.of(cr);
    KafkaConnectSpec spec = cr.getSpec();
    String exactlyOncePhase = ExactlyOnceSource.phaseToRun(spec, cr.getStatus());
    ConfigMap configMap =
        WorkerResources.configMap(
            names, spec, LogLevels.desired(spec, connectors), exactlyOncePhase);
    return new WorkerCluster(
        names,
        spec,
        spec.image != null ? spec.image : defaultImage,
        desiredReplicas(spec),
        configMap,
        WorkerResources.configHash(configMap),
        operatorNamespace,
        secretsDigest,
        // A connector of another namespace may not reference Secrets: it widens no Role.
        ConnectorSecrets.secretNames(
            connectors.stream().filter(c -> !ClusterNames.fromOtherNamespace(c)).toList()),
        exactlyOncePhase);
  }

  /** Workers the spec asks for: 1 by default, at most 1 in standalone mode. */
  public static int desiredReplicas(KafkaConnectSpec spec) {
    int replicas = spec.replicas == null ? 1 : spec.replicas;
    return spec.mode == ConnectMode.STANDALONE ? Math.min(replicas, 1) : replicas;
  }

  public Role secretsRole() {
    return WorkerAccess.secretsRole(names, connectorSecrets);
  }

  public NetworkPolicy networkPolicy() {
    return WorkerNetworkPolicy.of(
        names, operatorNamespace, WorkerMetricsSettings.of(spec).enabled());
  }

  public StatefulSet statefulSet() {
    StatefulSet sts = WorkerResources.statefulSet(names, spec, image, configHash);
    sts.getSpec().getTemplate().getSpec().setServiceAccountName(names.serviceAccount());
    if (exactlyOncePhase != null) {
      // Beside the config hash that rolls the workers: status reads the phase they run from it.
      sts.getSpec()
          .getTemplate()
          .getMetadata()
          .getAnnotations()
          .put(Tributary.ANNOTATION_EXACTLY_ONCE_SOURCE, exactlyOncePhase);
    }
    if (!secretsDigest.isEmpty()) {
      sts.getSpec()
          .getTemplate()
          .getMetadata()
          .getAnnotations()
          .put(Tributary.ANNOTATION_SECRETS_DIGEST, secretsDigest);
    }
    return sts;
  }
}
