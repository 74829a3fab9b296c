package dev.tributary.operator.kafkaconnect;

import dev.tributary.operator.connectapi.dto.PluginInfo;
import dev.tributary.operator.connectapi.dto.ServerInfo;
import dev.tributary.operator.model.ClusterNames;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a cluster's REST API said of itself (version, plugins), kept between reconciles. A cluster
 * is reconciled whenever one of its connectors comes or goes, hundreds of times while a platform is
 * applied; its version and plugins change only when its workers do. They are asked again when the
 * workers changed or the answer is older than half the cluster's poll interval, so the periodic
 * refresh always asks.
 */
final class ServerFacts {

  /** One answer, and the workers it came from. */
  record Answer(ServerInfo server, List<PluginInfo> plugins, String workers, Instant asked) {}

  private final Map<ClusterNames, Answer> latest = new ConcurrentHashMap<>();
  private final Duration maxAge;

  ServerFacts(Duration pollInterval) {
    this.maxAge = pollInterval.dividedBy(2);
  }

  /** The last answer, if it can stand for a new one. */
  Optional<Answer> reusable(ClusterNames cluster, StatefulSet sts, Instant now) {
    return Optional.ofNullable(latest.get(cluster))
        .filter(answer -> stillTrue(answer, workers(sts), now, maxAge));
  }

  void record(
      ClusterNames cluster,
      StatefulSet sts,
      ServerInfo server,
      List<PluginInfo> plugins,
      Instant now) {
    latest.put(cluster, new Answer(server, plugins, workers(sts), now));
  }

  void forget(ClusterNames cluster) {
    latest.remove(cluster);
  }

  /** Whether {@code answer} still describes workers now seen as {@code workers}. */
  static boolean stillTrue(Answer answer, String workers, Instant now, Duration maxAge) {
    return answer.workers().equals(workers) && answer.asked().plus(maxAge).isAfter(now);
  }

  /** What identifies the running workers: a roll, a scale or a restart changes it. */
  static String workers(StatefulSet sts) {
    if (sts == null || sts.getStatus() == null) {
      return "";
    }
    var status = sts.getStatus();
    return status.getObservedGeneration()
        + "/"
        + status.getUpdateRevision()
        + "/"
        + status.getCurrentRevision()
        + "/"
        + status.getUpdatedReplicas()
        + "/"
        + status.getReadyReplicas();
  }
}
