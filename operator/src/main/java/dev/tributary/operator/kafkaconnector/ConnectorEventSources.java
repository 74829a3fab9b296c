package dev.tributary.operator.kafkaconnector;

import dev.tributary.api.Tributary;
import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.operator.model.ClusterNames;
import dev.tributary.operator.model.ClusterStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a KafkaConnector reconcile is triggered by besides its own changes: its KafkaConnect
 * becoming Ready (or not), and its cluster's worker pods. Connectors and pods are both indexed by
 * cluster, so mapping an event to connectors is a lookup, not a scan.
 */
final class ConnectorEventSources {

  /** Index of connectors and worker pods by {@code <namespace>/<cluster>}. */
  static final String BY_CLUSTER = "byCluster";

  private ConnectorEventSources() {}

  static List<EventSource<?, KafkaConnector>> prepare(EventSourceContext<KafkaConnector> context) {
    var connectors = context.getPrimaryCache();
    connectors.addIndexer(BY_CLUSTER, ConnectorEventSources::connectorIndex);

    var clusters =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(KafkaConnect.class, KafkaConnector.class)
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper(
                    (KafkaConnect cluster) -> connectorsOf(connectors, ClusterNames.of(cluster)))
                // A cluster's status changes often (connector counts); its connectors care only
                // whether it is Ready, where its REST API is, and its spec (which namespaces'
                // connectors it takes).
                .withOnUpdateFilter(
                    (next, previous) ->
                        ClusterStatus.isReady(next) != ClusterStatus.isReady(previous)
                            || !Objects.equals(restUrlOf(next), restUrlOf(previous))
                            || !Objects.equals(
                                next.getMetadata().getGeneration(),
                                previous.getMetadata().getGeneration()))
                .withPrimaryToSecondaryMapper(
                    (KafkaConnector connector) ->
                        Set.of(resourceId(ClusterNames.referencedBy(connector))))
                .build(),
            context);

    // Worker pods tell which workers are gone: Connect does not say so for minutes.
    var workers =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Pod.class, KafkaConnector.class)
                .withNamespacesInheritedFromController()
                .withLabelSelector(Tributary.LABEL_COMPONENT + "=" + ClusterNames.WORKER_COMPONENT)
                .withSecondaryToPrimaryMapper(
                    (Pod pod) -> connectorsOf(connectors, clusterOfPod(pod)))
                .build(),
            context);
    workers.addIndexer(BY_CLUSTER, ConnectorEventSources::podIndex);
    return List.of(clusters, workers);
  }

  /** A connector's key in the {@link #BY_CLUSTER} index: the cluster it refers to. */
  static List<String> connectorIndex(KafkaConnector connector) {
    return List.of(key(ClusterNames.referencedBy(connector)));
  }

  /** A worker pod's key in the {@link #BY_CLUSTER} index: the cluster its label names. */
  static List<String> podIndex(Pod pod) {
    return List.of(key(clusterOfPod(pod)));
  }

  /**
   * The names of the cluster's live worker pods, from the pod informer's index. Not its secondary
   * resources: JOSDK links a pod to the connectors that existed when the pod last changed, so a pod
   * older than the connector would look gone.
   */
  @SuppressWarnings("unchecked")
  static Set<String> livePods(Context<KafkaConnector> context, ClusterNames cluster) {
    var pods =
        (IndexedResourceCache<Pod>) context.eventSourceRetriever().getEventSourceFor(Pod.class);
    return pods.byIndex(BY_CLUSTER, key(cluster)).stream()
        .map(pod -> pod.getMetadata().getName())
        .collect(Collectors.toSet());
  }

  /** Whether another KafkaConnector than {@code connector} refers to its cluster. */
  static boolean othersShareTheCluster(Context<KafkaConnector> context, KafkaConnector connector) {
    return context
        .getPrimaryCache()
        .byIndex(BY_CLUSTER, key(ClusterNames.referencedBy(connector)))
        .stream()
        .anyMatch(c -> !ResourceID.fromResource(c).equals(ResourceID.fromResource(connector)));
  }

  private static Set<ResourceID> connectorsOf(
      IndexedResourceCache<KafkaConnector> connectors, ClusterNames cluster) {
    return connectors.byIndex(BY_CLUSTER, key(cluster)).stream()
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  private static ClusterNames clusterOfPod(Pod pod) {
    return new ClusterNames(
        Objects.requireNonNullElse(labelOf(pod, Tributary.LABEL_CLUSTER), ""),
        pod.getMetadata().getNamespace());
  }

  private static String labelOf(HasMetadata resource, String label) {
    var labels = resource.getMetadata().getLabels();
    return labels == null ? null : labels.get(label);
  }

  private static String key(ClusterNames cluster) {
    return cluster.namespace() + "/" + cluster.cluster();
  }

  private static ResourceID resourceId(ClusterNames cluster) {
    return new ResourceID(cluster.cluster(), cluster.namespace());
  }

  private static String restUrlOf(KafkaConnect cluster) {
    return cluster.getStatus() == null ? null : cluster.getStatus().restApiUrl;
  }
}
