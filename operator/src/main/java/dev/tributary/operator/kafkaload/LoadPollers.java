package dev.tributary.operator.kafkaload;

import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.operator.model.ClusterNames;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.util.Optional;

/**
 * Registers a cluster's {@link LoadPoller} with the KafkaConnector controller when a connector of a
 * ready cluster is reconciled, and removes it with the cluster's last connector.
 */
public final class LoadPollers {

  private final LoadPoller.Services services;
  private final Duration interval;

  public LoadPollers(LoadPoller.Services services, Duration interval) {
    this.services = services;
    this.interval = interval;
  }

  public ClusterLoads loads() {
    return services.loads();
  }

  /** Starts looking at the cluster's sinks, once. */
  @SuppressWarnings("unchecked")
  public void ensurePolling(Context<KafkaConnector> context, ClusterNames cluster) {
    var clusters =
        (InformerEventSource<KafkaConnect, KafkaConnector>)
            context.eventSourceRetriever().getEventSourceFor(KafkaConnect.class);
    var candidate =
        new LoadPoller(
            cluster,
            interval,
            services,
            clusters::get,
            id -> Optional.ofNullable(context.getPrimaryCache().get(id).orElse(null)));
    context.eventSourceRetriever().dynamicallyRegisterEventSource(candidate);
  }

  /** Stops looking at a cluster no connector refers to any more. */
  public void stopPolling(Context<KafkaConnector> context, ClusterNames cluster) {
    context.eventSourceRetriever().dynamicallyDeRegisterEventSource(LoadPoller.nameFor(cluster));
  }
}
