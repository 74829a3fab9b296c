package dev.tributary.operator.cluster;

import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.operator.model.ClusterNames;
import dev.tributary.operator.model.WorkerResources;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;

/** The objects a KafkaConnect owns; each says what should exist by asking the model. */
final class WorkerDependents {
  private WorkerDependents() {}

  static ClusterNames names(KafkaConnect cr) {
    return new ClusterNames(cr.getMetadata().getName(), cr.getMetadata().getNamespace());
  }

  static final class WorkerConfigMap
      extends CRUDKubernetesDependentResource<ConfigMap, KafkaConnect> {
    WorkerConfigMap() {
      super(ConfigMap.class, "worker-config");
    }

    @Override
    protected ConfigMap desired(KafkaConnect cr, Context<KafkaConnect> context) {
      return WorkerResources.configMap(names(cr), cr.getSpec());
    }
  }

  static final class HeadlessService
      extends CRUDKubernetesDependentResource<Service, KafkaConnect> {
    HeadlessService() {
      super(Service.class, "headless-service");
    }

    @Override
    protected Service desired(KafkaConnect cr, Context<KafkaConnect> context) {
      return WorkerResources.headlessService(names(cr));
    }
  }

  static final class ApiService extends CRUDKubernetesDependentResource<Service, KafkaConnect> {
    ApiService() {
      super(Service.class, "api-service");
    }

    @Override
    protected Service desired(KafkaConnect cr, Context<KafkaConnect> context) {
      return WorkerResources.apiService(names(cr));
    }
  }

  static final class WorkerStatefulSet
      extends CRUDKubernetesDependentResource<StatefulSet, KafkaConnect> {
    private final String defaultImage;

    WorkerStatefulSet(String defaultImage) {
      super(StatefulSet.class, "worker-statefulset");
      this.defaultImage = defaultImage;
    }

    @Override
    protected StatefulSet desired(KafkaConnect cr, Context<KafkaConnect> context) {
      String image = cr.getSpec().image != null ? cr.getSpec().image : defaultImage;
      String hash = WorkerResources.configHash(WorkerResources.configMap(names(cr), cr.getSpec()));
      return WorkerResources.statefulSet(names(cr), cr.getSpec(), image, hash);
    }
  }

  static final class DisruptionBudget
      extends CRUDKubernetesDependentResource<PodDisruptionBudget, KafkaConnect> {
    DisruptionBudget() {
      super(PodDisruptionBudget.class, "disruption-budget");
    }

    @Override
    protected PodDisruptionBudget desired(KafkaConnect cr, Context<KafkaConnect> context) {
      return WorkerResources.podDisruptionBudget(names(cr));
    }
  }

  static final class WorkerNetworkPolicy
      extends CRUDKubernetesDependentResource<NetworkPolicy, KafkaConnect> {
    WorkerNetworkPolicy() {
      super(NetworkPolicy.class, "network-policy");
    }

    @Override
    protected NetworkPolicy desired(KafkaConnect cr, Context<KafkaConnect> context) {
      return WorkerResources.networkPolicy(names(cr));
    }
  }
}
