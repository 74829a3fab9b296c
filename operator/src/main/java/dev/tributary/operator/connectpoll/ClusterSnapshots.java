package dev.tributary.operator.connectpoll;

import dev.tributary.operator.model.ClusterNames;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest poll of every polled cluster, so the KafkaConnect controller reads what the
 * KafkaConnector controller's pollers already asked instead of asking Connect again.
 */
public final class ClusterSnapshots {

  private final Map<ClusterNames, ClusterSnapshot> latest = new ConcurrentHashMap<>();

  void record(ClusterNames cluster, ClusterSnapshot snapshot) {
    latest.put(cluster, snapshot);
  }

  void forget(ClusterNames cluster) {
    latest.remove(cluster);
  }

  /** The cluster's latest successful poll, when one of its connectors is being polled. */
  public Optional<ClusterSnapshot> latestGood(ClusterNames cluster) {
    return Optional.ofNullable(latest.get(cluster)).filter(ClusterSnapshot::ok);
  }
}
