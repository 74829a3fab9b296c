package dev.tributary.operator.model;

import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.api.v1alpha1.KafkaConnector;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Connectors from other namespaces (clusterRef.namespace): a KafkaConnect takes them only where its
 * spec.connectorNamespaceSelector matches the connector's Namespace. Such a connector may not use
 * config provider references: its workers resolve them with the cluster's own Secrets and files.
 */
public final class ConnectorNamespaces {

  private static final Pattern PROVIDER_REFERENCE = Pattern.compile("\\$\\{[A-Za-z0-9_.-]+:");

  private ConnectorNamespaces() {}

  /** Whether deciding needs the connector's Namespace labels (read only then). */
  public static boolean needsNamespaceLabels(KafkaConnector connector, KafkaConnect cluster) {
    return ClusterNames.fromOtherNamespace(connector)
        && cluster.getSpec() != null
        && cluster.getSpec().connectorNamespaceSelector != null;
  }

  /**
   * Why {@code cluster} does not take {@code connector}, if it does not; {@code namespaceLabels}
   * are the connector's Namespace's (null when it was not read or does not exist).
   */
  public static Optional<String> notAllowed(
      KafkaConnector connector, KafkaConnect cluster, Map<String, String> namespaceLabels) {
    String namespace = connector.getMetadata().getNamespace();
    String where =
        "KafkaConnect '"
            + cluster.getMetadata().getName()
            + "' in namespace "
            + cluster.getMetadata().getNamespace();
    if (!ClusterNames.fromOtherNamespace(connector)) {
      return Optional.empty();
    }
    LabelSelector selector = cluster.getSpec().connectorNamespaceSelector;
    if (selector == null) {
      return Optional.of(
          where
              + " takes no connectors from other namespaces: its spec.connectorNamespaceSelector"
              + " must match namespace "
              + namespace);
    }
    if (namespaceLabels == null || !matches(selector, namespaceLabels)) {
      return Optional.of(
          where
              + " does not take connectors from namespace "
              + namespace
              + ": its spec.connectorNamespaceSelector does not match that namespace's labels");
    }
    return Optional.empty();
  }

  /** What a connector may not do on a cluster shared across namespaces, naming the field. */
  public static List<String> problems(KafkaConnector connector, KafkaConnect cluster) {
    var problems = new java.util.ArrayList<String>();
    boolean shared =
        cluster.getSpec() != null && cluster.getSpec().connectorNamespaceSelector != null;
    if (shared
        && !ClusterNames.fromOtherNamespace(connector)
        && connector.getMetadata().getName().contains(".")) {
      problems.add(
          "metadata.name: KafkaConnect '"
              + cluster.getMetadata().getName()
              + "' takes connectors from other namespaces, named <namespace>.<name> in Connect, so"
              + " its own connectors' names may not contain '.'");
    }
    if (ClusterNames.fromOtherNamespace(connector) && connector.getSpec().config != null) {
      new TreeMap<>(connector.getSpec().config)
          .forEach(
              (key, value) -> {
                if (value != null && PROVIDER_REFERENCE.matcher(value).find()) {
                  problems.add(
                      "spec.config."
                          + key
                          + ": a connector from another namespace may not use config provider"
                          + " references (${...}): the workers would resolve them with the"
                          + " cluster's Secrets and files, not this namespace's");
                }
              });
    }
    return problems;
  }

  /** A Kubernetes label selector: every matchLabels entry and matchExpressions requirement. */
  public static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector.getMatchLabels() != null) {
      for (var entry : selector.getMatchLabels().entrySet()) {
        if (!entry.getValue().equals(labels.get(entry.getKey()))) {
          return false;
        }
      }
    }
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
        String value = labels.get(requirement.getKey());
        List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
        boolean met =
            switch (requirement.getOperator()) {
              case "In" -> value != null && values.contains(value);
              case "NotIn" -> value == null || !values.contains(value);
              case "Exists" -> value != null;
              case "DoesNotExist" -> value == null;
              default -> false;
            };
        if (!met) {
          return false;
        }
      }
    }
    return true;
  }
}
