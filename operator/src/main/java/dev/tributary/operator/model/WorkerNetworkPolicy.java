package dev.tributary.operator.model;

import dev.tributary.api.Tributary;
import dev.tributary.contract.WorkerContract;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who may reach a cluster's workers. The REST API (8083) runs whatever connector code it is given,
 * so only this cluster's own workers (forwarding to the group leader) and the operator's pods in
 * the operator's own namespace reach it; a pod labelled like the operator anywhere else does not.
 * The metrics port, when on, is open to scrapers: it carries names and numbers, never configs.
 */
public final class WorkerNetworkPolicy {

  /** The label every namespace carries with its own name (Kubernetes 1.21+). */
  static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

  private WorkerNetworkPolicy() {}

  public static NetworkPolicy of(ClusterNames names, String operatorNamespace, boolean metrics) {
    List<NetworkPolicyIngressRule> ingress = new ArrayList<>();
    ingress.add(
        new NetworkPolicyIngressRuleBuilder()
            .addNewFrom()
            .withNewPodSelector()
            .withMatchLabels(names.selectorLabels())
            .endPodSelector()
            .endFrom()
            .addNewFrom()
            .withNewNamespaceSelector()
            .withMatchLabels(Map.of(NAMESPACE_NAME_LABEL, operatorNamespace))
            .endNamespaceSelector()
            .withNewPodSelector()
            .withMatchLabels(Map.of(Tributary.LABEL_NAME, Tributary.OPERATOR_NAME))
            .endPodSelector()
            .endFrom()
            .addNewPort()
            .withProtocol("TCP")
            .withPort(new IntOrString(ClusterNames.REST_PORT))
            .endPort()
            .build());
    if (metrics) {
      ingress.add(
          new NetworkPolicyIngressRuleBuilder()
              .addNewPort()
              .withProtocol("TCP")
              .withPort(new IntOrString(WorkerContract.METRICS_PORT))
              .endPort()
              .build());
    }
    return new NetworkPolicyBuilder()
        .withMetadata(WorkerResources.meta(names, names.networkPolicy()))
        .withNewSpec()
        .withNewPodSelector()
        .withMatchLabels(names.selectorLabels())
        .endPodSelector()
        .withPolicyTypes("Ingress")
        .withIngress(ingress)
        .endSpec()
        .build();
  }

  /** A pod that may try to connect: its namespace, the namespace's labels, its own labels. */
  public record Client(
      String namespace, Map<String, String> namespaceLabels, Map<String, String> labels) {}

  /**
   * Whether {@code policy} admits {@code client} on {@code port}, by the NetworkPolicy rules for
   * the peers this class writes: a peer with only a pod selector means pods of the policy's
   * namespace; with a namespace selector, pods of the namespaces it selects; a rule without peers,
   * anyone.
   */
  public static boolean admits(NetworkPolicy policy, Client client, int port) {
    for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
      boolean portMatches =
          rule.getPorts() == null
              || rule.getPorts().isEmpty()
              || rule.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == port);
      if (!portMatches) {
        continue;
      }
      if (rule.getFrom() == null || rule.getFrom().isEmpty()) {
        return true;
      }
      for (NetworkPolicyPeer peer : rule.getFrom()) {
        boolean namespaceMatches =
            peer.getNamespaceSelector() == null
                ? client.namespace().equals(policy.getMetadata().getNamespace())
                : selects(peer.getNamespaceSelector(), client.namespaceLabels());
        boolean podMatches =
            peer.getPodSelector() == null || selects(peer.getPodSelector(), client.labels());
        if (namespaceMatches && podMatches) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean selects(LabelSelector selector, Map<String, String> labels) {
    if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
      throw new IllegalArgumentException("match expressions are not evaluated here");
    }
    return selector.getMatchLabels() == null
        || labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
  }
}
