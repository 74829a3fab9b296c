package dev.tributary.operator.connectpoll;

import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.operator.connectapi.ConnectApi;
import dev.tributary.operator.connectapi.ConnectRestException;
import dev.tributary.operator.connectapi.dto.ConnectorOverview;
import dev.tributary.operator.model.ClusterNames;
import io.javaoperatorsdk.operator.health.Status;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JOSDK event source for one Connect cluster: a single {@code GET
 * /connectors?expand=status&expand=info} per poll, however many connectors the cluster runs, and an
 * event for each KafkaConnector whose connector looks different from the last poll. Each cluster
 * polls on its own thread, so a cluster whose REST API hangs delays only its own connectors.
 */
public final class ClusterPoller extends AbstractEventSource<ConnectorOverview, KafkaConnector> {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterPoller.class);

  private final ClusterNames cluster;
  private final ConnectApi api;
  private final Duration interval;
  private final ClusterSnapshots snapshots;
  private ScheduledExecutorService schedule;
  private volatile ClusterSnapshot snapshot;
  private volatile RuntimeException broken;

  ClusterPoller(
      ClusterNames cluster, ConnectApi api, Duration interval, ClusterSnapshots snapshots) {
    super(ConnectorOverview.class, nameFor(cluster));
    this.cluster = cluster;
    this.api = api;
    this.interval = interval;
    this.snapshots = snapshots;
  }

  /** The event source name of a cluster's poller: one per cluster. */
  static String nameFor(ClusterNames cluster) {
    return "connect-poll/" + cluster.namespace() + "/" + cluster.cluster();
  }

  public ClusterNames cluster() {
    return cluster;
  }

  public ConnectApi api() {
    return api;
  }

  /** JOSDK starts a dynamically registered source on every registration: start only once. */
  @Override
  public synchronized void start() {
    if (isRunning()) {
      return;
    }
    schedule = DaemonSchedule.every(interval, nameFor(cluster), this::pollOnSchedule);
    super.start();
  }

  @Override
  public synchronized void stop() {
    if (schedule != null) {
      schedule.shutdownNow();
    }
    snapshots.forget(cluster);
    super.stop();
  }

  /**
   * Unhealthy when polling itself broke (an unexpected error, not an unreachable cluster: that is
   * the cluster's problem, reported in its connectors' status, not the operator's).
   */
  @Override
  public Status getStatus() {
    return broken == null ? Status.HEALTHY : Status.UNHEALTHY;
  }

  @Override
  public Set<ConnectorOverview> getSecondaryResources(KafkaConnector primary) {
    return Optional.ofNullable(snapshot)
        .map(s -> s.connectors().get(ClusterNames.connectorName(primary)))
        .map(Set::of)
        .orElse(Set.of());
  }

  /** The latest poll; polls now if there is none yet. */
  public ClusterSnapshot snapshot() {
    ClusterSnapshot current = snapshot;
    return current != null ? current : poll();
  }

  /** Asks Connect now, and triggers the KafkaConnectors whose connector changed. */
  public synchronized ClusterSnapshot poll() {
    ClusterSnapshot previous = snapshot;
    ClusterSnapshot next;
    try {
      next = new ClusterSnapshot(Map.copyOf(api.connectorsExpanded()), null);
    } catch (ConnectRestException e) {
      next =
          new ClusterSnapshot(
              previous == null || !previous.ok() ? Map.of() : previous.connectors(),
              e.getMessage());
    }
    snapshot = next;
    snapshots.record(cluster, next);
    if (getEventHandler() != null && isRunning()) {
      for (String name : changedConnectors(previous, next)) {
        for (ResourceID connector : kafkaConnectorsNamed(name, cluster.namespace())) {
          getEventHandler().handleEvent(new Event(connector));
        }
      }
    }
    return next;
  }

  private void pollOnSchedule() {
    try {
      poll();
      broken = null;
    } catch (RuntimeException e) {
      broken = e;
      LOG.warn("polling Connect cluster {} failed: {}", nameFor(cluster), e.toString());
    }
  }

  /**
   * The KafkaConnectors a Connect connector name may stand for: one of the cluster's namespace and,
   * for {@code <namespace>.<name>}, one of that namespace ({@link ClusterNames#connectorName}); an
   * event for one that does not exist is dropped.
   */
  public static List<ResourceID> kafkaConnectorsNamed(String connectName, String clusterNamespace) {
    List<ResourceID> candidates = new ArrayList<>();
    candidates.add(new ResourceID(connectName, clusterNamespace));
    int dot = connectName.indexOf('.');
    if (dot > 0 && dot < connectName.length() - 1) {
      candidates.add(new ResourceID(connectName.substring(dot + 1), connectName.substring(0, dot)));
    }
    return candidates;
  }

  /** The connectors whose config or status differs between two polls. */
  static Set<String> changedConnectors(ClusterSnapshot previous, ClusterSnapshot next) {
    Set<String> changed = new HashSet<>();
    if (previous != null
        && previous.ok() == next.ok()
        && previous.connectors() == next.connectors()) {
      // The same answer as last time (the client hands back the same map for the same text).
      return changed;
    }
    if (previous == null) {
      changed.addAll(next.connectors().keySet());
      return changed;
    }
    if (previous.ok() != next.ok()) {
      changed.addAll(previous.connectors().keySet());
      changed.addAll(next.connectors().keySet());
      return changed;
    }
    Set<String> names = new HashSet<>(previous.connectors().keySet());
    names.addAll(next.connectors().keySet());
    for (String name : names) {
      if (!Objects.equals(previous.connectors().get(name), next.connectors().get(name))) {
        changed.add(name);
      }
    }
    return changed;
  }
}
