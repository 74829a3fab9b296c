package dev.tributary.operator.model;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.util.List;
import java.util.SortedSet;

/**
 * What the workers may read from the Kubernetes API: through their own ServiceAccount, exactly the
 * Secrets their connectors reference ({@code get} by name), kept in step with the references, and
 * nothing else. No hand-written RBAC for connector secrets.
 */
public final class WorkerAccess {

  private WorkerAccess() {}

  public static ServiceAccount serviceAccount(ClusterNames names) {
    return new ServiceAccountBuilder()
        .withMetadata(WorkerResources.meta(names, names.serviceAccount()))
        .build();
  }

  /** {@code get} on each named Secret; no rule at all when none is referenced. */
  public static Role secretsRole(ClusterNames names, SortedSet<String> secrets) {
    var role = new RoleBuilder().withMetadata(WorkerResources.meta(names, names.secretsRole()));
    if (!secrets.isEmpty()) {
      role.withRules(
          new PolicyRuleBuilder()
              .withApiGroups("")
              .withResources("secrets")
              .withVerbs("get")
              .withResourceNames(List.copyOf(secrets))
              .build());
    } else {
      role.withRules(List.of());
    }
    return role.build();
  }

  public static RoleBinding secretsRoleBinding(ClusterNames names) {
    return new RoleBindingBuilder()
        .withMetadata(WorkerResources.meta(names, names.secretsRole()))
        .withNewRoleRef()
        .withApiGroup("rbac.authorization.k8s.io")
        .withKind("Role")
        .withName(names.secretsRole())
        .endRoleRef()
        .addNewSubject()
        .withKind("ServiceAccount")
        .withName(names.serviceAccount())
        .withNamespace(names.namespace())
        .endSubject()
        .build();
  }

  /** Whether {@code role} lets the workers read every one of {@code secrets}. */
  public static boolean grants(Role role, SortedSet<String> secrets) {
    if (secrets.isEmpty()) {
      return true;
    }
    if (role == null || role.getRules() == null) {
      return false;
    }
    return role.getRules().stream()
        .filter(r -> r.getResources() != null && r.getResources().contains("secrets"))
        .filter(r -> r.getVerbs() != null && r.getVerbs().contains("get"))
        .anyMatch(r -> r.getResourceNames() != null && r.getResourceNames().containsAll(secrets));
  }
}
