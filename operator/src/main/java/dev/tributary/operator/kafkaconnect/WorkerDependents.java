package dev.tributary.operator.kafkaconnect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.operator.model.WorkerAccess;
import dev.tributary.operator.model.WorkerCluster;
import dev.tributary.operator.model.WorkerDisruptionBudget;
import dev.tributary.operator.model.WorkerProgress;
import dev.tributary.operator.model.WorkerResources;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.Matcher.Result;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * The objects a KafkaConnect owns, each a JOSDK dependent whose {@code desired()} asks the model.
 * The reconciler builds the {@link WorkerCluster} once per reconcile and hands it over through the
 * workflow's context before invoking the workflow.
 */
public final class WorkerDependents {
  private WorkerDependents() {}

  /**
   * An object the KafkaConnect owns, compared with its stored copy by {@link StoredObjectMatch}
   * rather than JOSDK's generic matcher.
   */
  abstract static class Owned<R extends HasMetadata>
      extends CRUDKubernetesDependentResource<R, KafkaConnect> {
    Owned(Class<R> type) {
      super(type);
    }

    @Override
    public Result<R> match(
        R stored, R desired, KafkaConnect primary, Context<KafkaConnect> context) {
      addMetadata(true, stored, desired, primary, context);
      var json = context.getClient().getKubernetesSerialization();
      return Result.computed(
          StoredObjectMatch.matches(
              json.convertValue(desired, JsonNode.class),
              json.convertValue(stored, JsonNode.class)),
          desired);
    }
  }

  static void provide(Context<KafkaConnect> context, WorkerCluster cluster) {
    context.managedWorkflowAndDependentResourceContext().put(WorkerCluster.class, cluster);
  }

  static WorkerCluster cluster(Context<KafkaConnect> context) {
    return context
        .managedWorkflowAndDependentResourceContext()
        .getMandatory(WorkerCluster.class, WorkerCluster.class);
  }

  public static final class WorkerConfigMap extends Owned<ConfigMap> {
    public WorkerConfigMap() {
      super(ConfigMap.class);
    }

    @Override
    protected ConfigMap desired(KafkaConnect cr, Context<KafkaConnect> context) {
      return cluster(context).configMap();
    }
  }

  public static final class HeadlessService extends Owned<Service> {
    public HeadlessService() {
      super(Service.class);
    }

    @Override
    protected Service desired(KafkaConnect cr, Context<KafkaConnect> context) {
      return WorkerResources.headlessService(cluster(context).names());
    }
  }

  public static final class ApiService extends Owned<Service> {
    public ApiService() {
      super(Service.class);
    }

    @Override
    protected Service desired(KafkaConnect cr, Context<KafkaConnect> context) {
      return WorkerResources.apiService(cluster(context).names());
    }
  }

  public static final class WorkerStatefulSet extends Owned<StatefulSet> {
    public WorkerStatefulSet() {
      super(StatefulSet.class);
    }

    @Override
    protected StatefulSet desired(KafkaConnect cr, Context<KafkaConnect> context) {
      return cluster(context).statefulSet();
    }
  }

  /** The workers are ready when every desired one runs the current template and is ready. */
  public static final class WorkersSettled implements Condition<StatefulSet, KafkaConnect> {
    @Override
    public boolean isMet(
        DependentResource<StatefulSet, KafkaConnect> dependent,
        KafkaConnect cr,
        Context<KafkaConnect> context) {
      StatefulSet sts = dependent.getSecondaryResource(cr, context).orElse(null);
      return WorkerProgress.of(sts, cluster(context).replicas()).settled();
    }
  }

  public static final class DisruptionBudget extends Owned<PodDisruptionBudget> {
    public DisruptionBudget() {
      super(PodDisruptionBudget.class);
    }

    @Override
    protected PodDisruptionBudget desired(KafkaConnect cr, Context<KafkaConnect> context) {
      return WorkerDisruptionBudget.v1(cluster(context).names());
    }
  }

  /** The budget on Kubernetes 1.20, which serves no {@code policy/v1}. */
  public static final class LegacyDisruptionBudget
      extends Owned<io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudget> {
    public LegacyDisruptionBudget() {
      super(io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudget.class);
    }

    @Override
    protected io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudget desired(
        KafkaConnect cr, Context<KafkaConnect> context) {
      return WorkerDisruptionBudget.v1beta1(cluster(context).names());
    }
  }

  /**
   * Whether {@code version} is the newest {@code policy} version the API server serves: an informer
   * on a version it does not serve fails at start-up, and JOSDK then stops the whole operator.
   */
  abstract static class PolicyVersionServed implements Condition<Object, KafkaConnect> {
    private final String version;
    private final ServedApis served = new ServedApis();

    PolicyVersionServed(String version) {
      this.version = version;
    }

    @Override
    public boolean isMet(
        DependentResource<Object, KafkaConnect> dependent,
        KafkaConnect cr,
        Context<KafkaConnect> context) {
      return version.equals(served.newest(context.getClient(), "policy", "v1", "v1beta1"));
    }
  }

  public static final class PolicyV1Served extends PolicyVersionServed {
    public PolicyV1Served() {
      super("v1");
    }
  }

  /** Kubernetes 1.20: {@code policy/v1beta1} only. */
  public static final class OnlyPolicyV1beta1Served extends PolicyVersionServed {
    public OnlyPolicyV1beta1Served() {
      super("v1beta1");
    }
  }

  public static final class WorkerNetworkPolicy extends Owned<NetworkPolicy> {
    public WorkerNetworkPolicy() {
      super(NetworkPolicy.class);
    }

    @Override
    protected NetworkPolicy desired(KafkaConnect cr, Context<KafkaConnect> context) {
      return cluster(context).networkPolicy();
    }
  }

  public static final class WorkerServiceAccount extends Owned<ServiceAccount> {
    public WorkerServiceAccount() {
      super(ServiceAccount.class);
    }

    @Override
    protected ServiceAccount desired(KafkaConnect cr, Context<KafkaConnect> context) {
      return WorkerAccess.serviceAccount(cluster(context).names());
    }
  }

  public static final class SecretsRole extends Owned<Role> {
    public SecretsRole() {
      super(Role.class);
    }

    @Override
    protected Role desired(KafkaConnect cr, Context<KafkaConnect> context) {
      return cluster(context).secretsRole();
    }
  }

  public static final class SecretsRoleBinding extends Owned<RoleBinding> {
    public SecretsRoleBinding() {
      super(RoleBinding.class);
    }

    @Override
    protected RoleBinding desired(KafkaConnect cr, Context<KafkaConnect> context) {
      return WorkerAccess.secretsRoleBinding(cluster(context).names());
    }
  }
}
