package dev.tributary.operator.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.api.Tributary;
import dev.tributary.api.Tributary.Conditions;
import dev.tributary.api.Tributary.Reasons;
import dev.tributary.api.v1alpha1.ConnectState;
import dev.tributary.api.v1alpha1.ConnectorPluginStatus;
import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.api.v1alpha1.KafkaConnectStatus;
import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.api.v1alpha1.WorkerStatus;
import dev.tributary.operator.connectapi.dto.PluginInfo;
import dev.tributary.operator.connectapi.dto.ServerInfo;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The status of a KafkaConnect, as a pure function of what was observed. */
public final class ClusterStatus {

  /** What the REST API answered, or why it did not. */
  public record RestObservation(
      ServerInfo server, List<PluginInfo> plugins, List<String> connectors, String error) {

    public static RestObservation failed(String error) {
      return new RestObservation(null, List.of(), List.of(), error);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Worker failures that say more than "Kafka cannot be reached", when both are true. */
  private static final Set<String> SPECIFIC =
      Set.of(
          Reasons.KAFKA_AUTHENTICATION_FAILED,
          Reasons.KAFKA_TLS_FAILED,
          Reasons.PLUGIN_INSTALL_FAILED,
          Reasons.WORKER_CONFIG_INVALID,
          Reasons.OOM_KILLED,
          Reasons.IMAGE_PULL_FAILED,
          Reasons.UNSCHEDULABLE);

  private ClusterStatus() {}

  /** Status for a spec the operator refuses: nothing was changed. */
  public static KafkaConnectStatus invalid(KafkaConnect cr, List<String> problems, Instant now) {
    return refused(cr, Reasons.INVALID_SPEC, problems, "waiting for a valid spec", now);
  }

  /** Status for a spec whose referenced Secrets or keys do not exist: nothing is changed. */
  public static KafkaConnectStatus secretsMissing(
      KafkaConnect cr, List<String> problems, Instant now) {
    return refused(cr, Reasons.SECRET_NOT_FOUND, problems, "waiting for the Secrets", now);
  }

  private static KafkaConnectStatus refused(
      KafkaConnect cr, String reason, List<String> problems, String waiting, Instant now) {
    KafkaConnectStatus status = carryOver(cr);
    String message = String.join("; ", problems);
    status.conditions =
        new ConditionSet(previousConditions(cr), generation(cr), now)
            .set(Conditions.READY, false, reason, message)
            .set(Conditions.PROGRESSING, false, reason, waiting)
            .set(Conditions.DEGRADED, true, reason, message)
            .build();
    return status;
  }

  /** Status for a reconcile that failed unexpectedly; it will be retried. */
  public static KafkaConnectStatus failed(KafkaConnect cr, String error, Instant now) {
    KafkaConnectStatus status = carryOver(cr);
    status.conditions =
        new ConditionSet(previousConditions(cr), generation(cr), now)
            .set(Conditions.READY, false, Reasons.RECONCILE_FAILED, error)
            .set(Conditions.PROGRESSING, true, Reasons.RECONCILE_FAILED, "retrying")
            .set(Conditions.DEGRADED, true, Reasons.RECONCILE_FAILED, error)
            .build();
    return status;
  }

  /** Status from the observed StatefulSet and, when workers are ready, the REST API. */
  public static KafkaConnectStatus observed(
      KafkaConnect cr,
      ClusterNames names,
      int desiredReplicas,
      StatefulSet sts,
      RestObservation rest,
      List<WorkerStatus> pods,
      String kafkaUnreachable,
      Collection<KafkaConnector> connectors,
      Instant now) {
    Set<String> managedConnectors =
        connectors.stream().map(ClusterNames::connectorName).collect(Collectors.toSet());
    SortedMap<String, List<Integer>> orphaned = tasksOnDepartedWorkers(connectors);
    var status = new KafkaConnectStatus();
    status.observedGeneration = generation(cr);
    status.labelSelector = names.selectorString();
    status.restApiUrl = RestApiTls.url(names, cr.getSpec());
    var workers = WorkerProgress.of(sts, desiredReplicas);
    status.replicas = workers.replicas();
    status.readyReplicas = workers.ready();
    status.workers = pods.isEmpty() ? null : WorkerStatuses.listed(pods);
    status.lastRestartTrigger =
        workers.settled() && sts != null
            ? templateAnnotation(sts, Tributary.ANNOTATION_RESTART_TRIGGER)
            : cr.getStatus() == null ? null : cr.getStatus().lastRestartTrigger;
    status.exactlyOnceSource =
        workers.settled() && sts != null
            ? templateAnnotation(sts, Tributary.ANNOTATION_EXACTLY_ONCE_SOURCE)
            : cr.getStatus() == null ? null : cr.getStatus().exactlyOnceSource;
    if (rest != null && rest.server() != null) {
      status.kafkaClusterId = rest.server().kafkaClusterId();
      status.connectVersion = rest.server().version();
      status.connectorPlugins =
          rest.plugins().stream()
              .map(p -> new ConnectorPluginStatus(p.className(), p.type(), p.version()))
              .sorted(
                  Comparator.comparing((ConnectorPluginStatus p) -> p.connectorClass)
                      .thenComparing(p -> String.valueOf(p.version)))
              .toList();
      status.connectors = rest.connectors().size();
      List<String> unmanaged =
          rest.connectors().stream().filter(c -> !managedConnectors.contains(c)).sorted().toList();
      status.unmanagedConnectors = unmanaged.isEmpty() ? null : unmanaged;
    } else if (cr.getStatus() != null) {
      // Keep what was last seen while the REST API cannot be asked.
      status.kafkaClusterId = cr.getStatus().kafkaClusterId;
      status.connectVersion = cr.getStatus().connectVersion;
      status.connectorPlugins = cr.getStatus().connectorPlugins;
      status.connectors = cr.getStatus().connectors;
      status.unmanagedConnectors = cr.getStatus().unmanagedConnectors;
    }

    var conditions = new ConditionSet(previousConditions(cr), generation(cr), now);
    if (desiredReplicas == 0) {
      conditions
          .set(
              Conditions.READY, false, Reasons.SCALED_TO_ZERO, "spec.replicas is 0: no worker runs")
          .set(Conditions.PROGRESSING, workers.replicas() > 0, Reasons.SCALING, "stopping workers")
          .set(Conditions.DEGRADED, false, Reasons.SCALED_TO_ZERO, "");
    } else if (!workers.settled()) {
      String reason = workers.reason(progressingReason(cr));
      String message =
          workers.ready() + "/" + desiredReplicas + " workers ready; " + workers.describe();
      var failing = WorkerStatuses.firstFailing(pods);
      if (kafkaUnreachable != null
          && (failing.isEmpty() || !SPECIFIC.contains(failing.get().reason))) {
        // Known in seconds, where a worker takes a minute to give up on Kafka; and the same
        // reason the worker's own failure will give, so the condition does not change when it does.
        String why =
            "cannot reach Kafka at "
                + kafkaUnreachable
                + " (check spec.bootstrapServers, and that Kafka runs and can be reached); "
                + workers.ready()
                + "/"
                + desiredReplicas
                + " workers ready";
        failing(conditions, Reasons.KAFKA_UNREACHABLE, why, reason, message);
      } else if (failing.isPresent()) {
        // Say why in the condition a user and kubectl wait read, not only in a pod's status:
        // the cause and what to check first, then where and how often.
        WorkerStatus worker = failing.get();
        String why =
            worker.message
                + " (pod "
                + worker.pod
                + (worker.restarts == null || worker.restarts == 0
                    ? ""
                    : ", restarted "
                        + worker.restarts
                        + (worker.restarts == 1 ? " time" : " times"))
                + "; "
                + workers.ready()
                + "/"
                + desiredReplicas
                + " workers ready)";
        failing(conditions, worker.reason, why, reason, message);
      } else {
        conditions
            .set(Conditions.READY, false, reason, message)
            .set(Conditions.PROGRESSING, true, reason, message)
            .set(Conditions.DEGRADED, false, reason, "");
      }
    } else if (rest == null || rest.server() == null) {
      String error = rest == null ? "not asked yet" : rest.error();
      String message =
          "workers are ready but the REST API at " + names.restUrl() + " does not answer: " + error;
      conditions
          .set(Conditions.READY, false, Reasons.REST_API_UNREACHABLE, message)
          .set(Conditions.PROGRESSING, false, Reasons.REST_API_UNREACHABLE, "")
          .set(Conditions.DEGRADED, true, Reasons.REST_API_UNREACHABLE, message);
    } else if (!orphaned.isEmpty()) {
      // The workers are Ready (connectors keep being reconciled); the work is not all running.
      String message =
          "tasks Connect reports RUNNING on workers that are gone, so running nowhere: "
              + orphaned.entrySet().stream()
                  .map(e -> e.getKey() + " " + e.getValue())
                  .collect(Collectors.joining(", "))
              + "; Connect moves them when scheduled.rebalance.max.delay.ms expires";
      conditions
          .set(
              Conditions.READY,
              true,
              Reasons.READY,
              readyMessage(desiredReplicas, rest.server().version()))
          .set(Conditions.PROGRESSING, false, Reasons.TASKS_ON_DEPARTED_WORKERS, "")
          .set(Conditions.DEGRADED, true, Reasons.TASKS_ON_DEPARTED_WORKERS, message);
    } else {
      String message = readyMessage(desiredReplicas, rest.server().version());
      conditions
          .set(Conditions.READY, true, Reasons.READY, message)
          .set(Conditions.PROGRESSING, false, Reasons.READY, "")
          .set(Conditions.DEGRADED, false, Reasons.READY, "");
    }
    status.conditions = conditions.build();
    return status;
  }

  /** Not Ready and Degraded for {@code failure}, still Progressing as {@code progress} says. */
  private static void failing(
      ConditionSet conditions, String failure, String why, String progress, String message) {
    conditions
        .set(Conditions.READY, false, failure, why)
        .set(Conditions.PROGRESSING, true, progress, message)
        .set(Conditions.DEGRADED, true, failure, why);
  }

  /**
   * Per connector, the ids of tasks its KafkaConnector status shows as ORPHANED: Connect says
   * RUNNING, on a worker that is no longer a live pod.
   */
  public static SortedMap<String, List<Integer>> tasksOnDepartedWorkers(
      Collection<KafkaConnector> connectors) {
    SortedMap<String, List<Integer>> orphaned = new TreeMap<>();
    for (KafkaConnector connector : connectors) {
      if (connector.getStatus() == null || connector.getStatus().tasks == null) {
        continue;
      }
      List<Integer> ids =
          connector.getStatus().tasks.stream()
              .filter(t -> t.state == ConnectState.ORPHANED)
              .map(t -> t.id)
              .sorted()
              .toList();
      if (!ids.isEmpty()) {
        orphaned.put(connector.getMetadata().getName(), ids);
      }
    }
    return orphaned;
  }

  /** The cluster takes connectors: its status says Ready=True. */
  /** Whether the cluster's plugins list {@code connectorClass} as a sink connector. */
  public static boolean isSinkClass(KafkaConnect cluster, String connectorClass) {
    return cluster.getStatus() != null
        && cluster.getStatus().connectorPlugins != null
        && cluster.getStatus().connectorPlugins.stream()
            .anyMatch(p -> "sink".equals(p.type) && p.connectorClass.equals(connectorClass));
  }

  public static boolean isReady(KafkaConnect cluster) {
    return cluster.getStatus() != null
        && ConditionSet.isTrue(cluster.getStatus().conditions, Conditions.READY);
  }

  private static String readyMessage(int workers, String connectVersion) {
    return workers
        + (workers == 1 ? " worker" : " workers")
        + " ready, Kafka Connect "
        + connectVersion;
  }

  private static KafkaConnectStatus carryOver(KafkaConnect cr) {
    var status = cr.getStatus() == null ? new KafkaConnectStatus() : copy(cr.getStatus());
    status.observedGeneration = generation(cr);
    return status;
  }

  private static KafkaConnectStatus copy(KafkaConnectStatus status) {
    return JSON.convertValue(JSON.valueToTree(status), KafkaConnectStatus.class);
  }

  private static String templateAnnotation(StatefulSet sts, String key) {
    var meta = sts.getSpec() == null ? null : sts.getSpec().getTemplate().getMetadata();
    return meta == null || meta.getAnnotations() == null ? null : meta.getAnnotations().get(key);
  }

  /** The reason of the Progressing condition written last, when it was True. */
  private static String progressingReason(KafkaConnect cr) {
    var previous = previousConditions(cr);
    return previous == null
        ? null
        : previous.stream()
            .filter(c -> Conditions.PROGRESSING.equals(c.getType()))
            .filter(c -> "True".equals(c.getStatus()))
            .map(io.fabric8.kubernetes.api.model.Condition::getReason)
            .findFirst()
            .orElse(null);
  }

  private static List<io.fabric8.kubernetes.api.model.Condition> previousConditions(
      KafkaConnect cr) {
    return cr.getStatus() == null ? null : cr.getStatus().conditions;
  }

  private static Long generation(KafkaConnect cr) {
    return cr.getMetadata().getGeneration();
  }
}
