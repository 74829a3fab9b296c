package dev.tributary.operator.kafkaconnect;

import dev.tributary.api.Tributary;
import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.api.v1alpha1.KafkaConnectStatus;
import dev.tributary.operator.connectapi.ConnectClients;
import dev.tributary.operator.connectapi.ConnectRestException;
import dev.tributary.operator.connectapi.dto.ConnectorOverview;
import dev.tributary.operator.events.Events;
import dev.tributary.operator.model.RollPlan;
import dev.tributary.operator.model.WorkerCluster;
import dev.tributary.operator.model.WorkerConfig;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the Connect-aware roll ({@link RollPlan}): the worker StatefulSet updates OnDelete,
 * so its pods change template only when this deletes them, one at a time.
 */
final class WorkerRoll {

  private static final Logger LOG = LoggerFactory.getLogger(WorkerRoll.class);

  /** How often a roll in progress looks again: it follows a Connect rebalance, seconds long. */
  static final Duration CHECK = Duration.ofSeconds(1);

  private WorkerRoll() {}

  /** Replaces the next outdated worker pod if the roll may go on; what it did or waits for. */
  static RollPlan.Step advance(
      KafkaConnect cr,
      WorkerCluster cluster,
      StatefulSet sts,
      Context<KafkaConnect> context,
      ConnectClients clients,
      Events events,
      Clock clock) {
    if (sts == null || sts.getStatus() == null) {
      return RollPlan.next(
          cluster.names(), null, 0, false, List.of(), Optional::empty, clock.instant());
    }
    List<Pod> pods = List.copyOf(context.getSecondaryResources(Pod.class));
    RollPlan.Step step =
        RollPlan.next(
            cluster.names(),
            sts.getStatus().getUpdateRevision(),
            cluster.replicas(),
            WorkerConfig.rebalanceDelayMs(cr.getSpec()) > 0,
            pods,
            () -> connectors(clients, cluster),
            clock.instant());
    step.replace()
        .filter(pod -> delete(context, pods, pod))
        .ifPresent(
            pod -> {
              LOG.info(
                  "rolling KafkaConnect {}/{}: replacing worker pod {}",
                  cr.getMetadata().getNamespace(),
                  cr.getMetadata().getName(),
                  pod);
              events.normal(
                  cr,
                  "WorkerReplaced",
                  "replacing worker pod "
                      + pod
                      + " with the current template; Connect had settled");
            });
    step.waitingFor()
        .ifPresent(
            what ->
                LOG.debug(
                    "rolling KafkaConnect {}/{}: the next pod is replaced once {}",
                    cr.getMetadata().getNamespace(),
                    cr.getMetadata().getName(),
                    what));
    return step;
  }

  /**
   * Deletes the pod as it was seen: a pod of that name re-created since (the cache can lag behind a
   * deletion) is left alone, and the next look decides again. Whether it deleted anything.
   */
  private static boolean delete(Context<KafkaConnect> context, List<Pod> seen, String name) {
    Pod pod =
        seen.stream().filter(p -> name.equals(p.getMetadata().getName())).findFirst().orElseThrow();
    var resource =
        context.getClient().pods().inNamespace(pod.getMetadata().getNamespace()).withName(name);
    String version = pod.getMetadata().getResourceVersion();
    try {
      return !(version == null ? resource.delete() : resource.lockResourceVersion(version).delete())
          .isEmpty();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404 || e.getCode() == 409) {
        return false;
      }
      throw e;
    }
  }

  /**
   * The Ready condition, False while workers are replaced, says what the roll waits for before it
   * replaces the next pod. (Not Progressing: its message at the start of a roll is the
   * RollingUpdateStarted Event's, which must read the same when a status write is retried.)
   */
  static void say(KafkaConnectStatus status, String waitingFor) {
    if (status.conditions == null) {
      return;
    }
    status.conditions.stream()
        .filter(
            c -> Tributary.Conditions.READY.equals(c.getType()) && "False".equals(c.getStatus()))
        .forEach(c -> c.setMessage(c.getMessage() + "; next pod replaced once " + waitingFor));
  }

  private static Optional<Map<String, ConnectorOverview>> connectors(
      ConnectClients clients, WorkerCluster cluster) {
    try {
      return Optional.of(clients.forUrl(cluster.names().restUrl()).connectorsExpanded());
    } catch (ConnectRestException e) {
      return Optional.empty();
    }
  }
}
