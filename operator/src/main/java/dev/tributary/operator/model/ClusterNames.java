package dev.tributary.operator.model;

import dev.tributary.api.Tributary;
import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.api.v1alpha1.KafkaConnector;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** Every name and label derived from a KafkaConnect's name, in one place. */
public record ClusterNames(String cluster, String namespace) {

  /** The names of a KafkaConnect. */
  public static ClusterNames of(KafkaConnect cluster) {
    return new ClusterNames(cluster.getMetadata().getName(), cluster.getMetadata().getNamespace());
  }

  /** The names of the KafkaConnect a KafkaConnector refers to (its cluster name may be empty). */
  public static ClusterNames referencedBy(KafkaConnector connector) {
    var ref = connector.getSpec() == null ? null : connector.getSpec().clusterRef;
    String cluster = ref == null ? "" : Objects.requireNonNullElse(ref.name, "");
    String namespace =
        ref == null || ref.namespace == null || ref.namespace.isBlank()
            ? connector.getMetadata().getNamespace()
            : ref.namespace;
    return new ClusterNames(cluster, namespace);
  }

  /** Whether a KafkaConnector uses a KafkaConnect of another namespace. */
  public static boolean fromOtherNamespace(KafkaConnector connector) {
    return !referencedBy(connector).namespace().equals(connector.getMetadata().getNamespace());
  }

  /**
   * The connector's name in Connect: its own, or {@code <namespace>.<name>} from another namespace,
   * so connectors of two namespaces on one cluster cannot collide (a namespace has no dots).
   */
  public static String connectorName(KafkaConnector connector) {
    String name = connector.getMetadata().getName();
    return fromOtherNamespace(connector)
        ? connector.getMetadata().getNamespace() + "." + name
        : name;
  }

  public static final int REST_PORT = 8083;
  public static final String WORKER_COMPONENT = "worker";

  public String statefulSet() {
    return cluster + "-connect";
  }

  public String headlessService() {
    return cluster + "-connect-workers";
  }

  public String apiService() {
    return cluster + "-connect-api";
  }

  public String configMap() {
    return cluster + "-connect-config";
  }

  public String podDisruptionBudget() {
    return cluster + "-connect";
  }

  /** The workers' own ServiceAccount, the identity the Secret config provider reads with. */
  public String serviceAccount() {
    return cluster + "-connect";
  }

  /** The Role that lets the workers read the Secrets their connectors reference, and no other. */
  public String secretsRole() {
    return cluster + "-connect-secrets";
  }

  public String networkPolicy() {
    return cluster + "-connect";
  }

  /** The stable DNS name of one worker pod, through the headless Service. */
  public String podHost(String podName) {
    return podName + "." + headlessService() + "." + namespace + ".svc";
  }

  /** The DNS name of the cluster's API Service. */
  public String apiHost() {
    return apiService() + "." + namespace + ".svc";
  }

  /** The cluster's REST API through its API Service, as seen from inside Kubernetes. */
  public String restUrl() {
    return "http://" + apiHost() + ":" + REST_PORT;
  }

  /**
   * The pod a Connect worker id ({@code <pod>.<headless service>.<ns>.svc:8083}) belongs to, when
   * it is one of this cluster's workers.
   */
  public Optional<String> podOfWorker(String workerId) {
    String suffix = "." + headlessService() + "." + namespace + ".svc:" + REST_PORT;
    if (workerId.endsWith(suffix) && workerId.startsWith(statefulSet() + "-")) {
      return Optional.of(workerId.substring(0, workerId.length() - suffix.length()));
    }
    return Optional.empty();
  }

  public String defaultGroupId() {
    return namespace + "." + cluster;
  }

  /** Labels that select this cluster's worker pods. */
  public Map<String, String> selectorLabels() {
    var labels = new TreeMap<String, String>();
    labels.put(Tributary.LABEL_CLUSTER, cluster);
    labels.put(Tributary.LABEL_COMPONENT, WORKER_COMPONENT);
    return labels;
  }

  /** Labels on every object the operator creates for this cluster. */
  public Map<String, String> labels() {
    var labels = new TreeMap<>(selectorLabels());
    labels.put(Tributary.LABEL_MANAGED_BY, Tributary.OPERATOR_NAME);
    labels.put(Tributary.LABEL_NAME, "kafka-connect");
    labels.put(Tributary.LABEL_INSTANCE, cluster);
    return labels;
  }

  /** The selector as a string, for status.labelSelector and the scale subresource. */
  public String selectorString() {
    var joined = new StringBuilder();
    selectorLabels()
        .forEach(
            (k, v) -> joined.append(joined.isEmpty() ? "" : ",").append(k).append('=').append(v));
    return joined.toString();
  }
}
