package dev.tributary.operator.connectpoll;

import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.operator.connectapi.ConnectClients;
import dev.tributary.operator.model.ClusterNames;
import io.javaoperatorsdk.operator.processing.event.EventSourceRetriever;
import java.time.Duration;

/**
 * Registers a cluster's {@link ClusterPoller} with the KafkaConnector controller when a connector
 * first needs it, and removes it when the cluster's last connector goes: JOSDK then owns its
 * lifecycle and reports its health in {@code /readyz}.
 */
public final class ClusterPollers {

  private final ConnectClients clients;
  private final Duration interval;
  private final ClusterSnapshots snapshots;

  public ClusterPollers(ConnectClients clients, Duration interval, ClusterSnapshots snapshots) {
    this.clients = clients;
    this.interval = interval;
    this.snapshots = snapshots;
  }

  /** The cluster's poller, registered and started on first use. */
  public ClusterPoller pollerFor(
      EventSourceRetriever<KafkaConnector> sources, ClusterNames cluster) {
    var candidate =
        new ClusterPoller(cluster, clients.forUrl(cluster.restUrl()), interval, snapshots);
    // Registration answers the source already registered under the same name, if any.
    return (ClusterPoller) sources.dynamicallyRegisterEventSource(candidate);
  }

  /** Stops polling a cluster no connector refers to any more. */
  public void stopPolling(EventSourceRetriever<KafkaConnector> sources, ClusterNames cluster) {
    sources.dynamicallyDeRegisterEventSource(ClusterPoller.nameFor(cluster));
  }
}
