package dev.tributary.operator.connector;

import dev.tributary.api.Tributary;
import dev.tributary.api.Tributary.Reasons;
import dev.tributary.api.v1alpha1.ConfigError;
import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.api.v1alpha1.KafkaConnectorStatus;
import dev.tributary.operator.connect.ConnectApi;
import dev.tributary.operator.connect.ConnectApi.ConfigValidation;
import dev.tributary.operator.connect.ConnectApi.ConnectorOverview;
import dev.tributary.operator.connect.ConnectClients;
import dev.tributary.operator.connect.ConnectRestClient;
import dev.tributary.operator.connect.ConnectRestException;
import dev.tributary.operator.model.ClusterNames;
import dev.tributary.operator.model.ConnectorPlan;
import dev.tributary.operator.model.ConnectorPlan.Action;
import dev.tributary.operator.model.ConnectorPlan.RestartHistory;
import dev.tributary.operator.model.ConnectorStatusModel;
import dev.tributary.operator.model.ConnectorStatusModel.Observation;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one connector in Connect as its KafkaConnector says: observe (the cluster's shared poll),
 * plan (a pure function), act (REST calls), report.
 */
@ControllerConfiguration(
    name = "kafkaconnector",
    generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = SpecOrAnnotationsChanged.class))
public final class KafkaConnectorReconciler
    implements Reconciler<KafkaConnector>, Cleaner<KafkaConnector>, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaConnectorReconciler.class);
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final Duration RESYNC = Duration.ofMinutes(5);

  private final SimpleInboundEventSource<KafkaConnector> connectChanges =
      new SimpleInboundEventSource<>("connect-changes");
  private final ClusterPollers pollers;
  private final Clock clock;
  private volatile InformerEventSource<Pod, KafkaConnector> workerPods;

  public KafkaConnectorReconciler(ConnectClients clients, Duration pollInterval, Clock clock) {
    this.pollers = new ClusterPollers(clients, pollInterval, connectChanges::propagateEvent);
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, KafkaConnector>> prepareEventSources(
      EventSourceContext<KafkaConnector> context) {
    var clusters =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(KafkaConnect.class, KafkaConnector.class)
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper(
                    (KafkaConnect cluster) ->
                        context
                            .getPrimaryCache()
                            .list(cluster.getMetadata().getNamespace())
                            .filter(c -> c.getSpec() != null && c.getSpec().clusterRef != null)
                            .filter(
                                c ->
                                    cluster
                                        .getMetadata()
                                        .getName()
                                        .equals(c.getSpec().clusterRef.name))
                            .map(ResourceID::fromResource)
                            .collect(Collectors.toSet()))
                // A cluster's status changes often (connector counts); its connectors care only
                // whether it is Ready and where its REST API is.
                .withOnUpdateFilter(
                    (next, previous) ->
                        isReady(next) != isReady(previous)
                            || !Objects.equals(restUrlOf(next), restUrlOf(previous)))
                .withPrimaryToSecondaryMapper(
                    (KafkaConnector connector) ->
                        Set.of(
                            new ResourceID(
                                clusterName(connector), connector.getMetadata().getNamespace())))
                .build(),
            context);
    // Worker pods tell which workers are gone: Connect does not say so for minutes.
    var workers =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Pod.class, KafkaConnector.class)
                .withNamespacesInheritedFromController()
                .withLabelSelector(Tributary.LABEL_COMPONENT + "=" + ClusterNames.WORKER_COMPONENT)
                .withSecondaryToPrimaryMapper(
                    (Pod pod) ->
                        context
                            .getPrimaryCache()
                            .list(pod.getMetadata().getNamespace())
                            .filter(c -> c.getSpec() != null && c.getSpec().clusterRef != null)
                            .filter(
                                c ->
                                    Objects.equals(
                                        pod.getMetadata().getLabels().get(Tributary.LABEL_CLUSTER),
                                        c.getSpec().clusterRef.name))
                            .map(ResourceID::fromResource)
                            .collect(Collectors.toSet()))
                .build(),
            context);
    workerPods = workers;
    return List.of(clusters, connectChanges, workers);
  }

  @Override
  public UpdateControl<KafkaConnector> reconcile(
      KafkaConnector cr, Context<KafkaConnector> context) {
    Instant now = clock.instant();
    RestartHistory restarts = restartsOf(cr);
    KafkaConnect cluster = context.getSecondaryResource(KafkaConnect.class).orElse(null);
    if (cluster == null) {
      pollers.forget(new ClusterPollers.Key(cr.getMetadata().getNamespace(), clusterName(cr)));
      return report(
          cr,
          problem(
              Reasons.CLUSTER_NOT_FOUND,
              "KafkaConnect '"
                  + clusterName(cr)
                  + "' does not exist in namespace "
                  + cr.getMetadata().getNamespace()
                  + ": create it or fix spec.clusterRef.name",
              restarts),
          RESYNC,
          false);
    }
    if (!isReady(cluster)) {
      return report(
          cr,
          problem(
              Reasons.CLUSTER_NOT_READY,
              "waiting for KafkaConnect '" + clusterName(cr) + "' to be Ready",
              restarts),
          WAIT,
          false);
    }
    var key = new ClusterPollers.Key(cr.getMetadata().getNamespace(), clusterName(cr));
    ClusterPoller poller = pollers.forCluster(key, names(cluster).restUrl());
    ClusterPoller.Snapshot snapshot = poller.snapshot();
    if (!snapshot.ok()) {
      return report(
          cr, problem(Reasons.REST_API_UNREACHABLE, snapshot.error(), restarts), WAIT, false);
    }
    String name = cr.getMetadata().getName();
    ConnectorOverview observed = snapshot.connectors().get(name);
    ConnectRestClient rest = poller.rest();

    List<Action> actions = ConnectorPlan.plan(cr, observed, restarts, now);
    List<ConfigError> configErrors = List.of();
    boolean annotationsHandled = false;
    try {
      if (actions.stream()
          .anyMatch(a -> a instanceof Action.Create || a instanceof Action.Update)) {
        configErrors = validate(rest, cr);
        if (!configErrors.isEmpty()) {
          // The running config stays as it is; only the non-config actions go ahead.
          actions =
              actions.stream()
                  .filter(a -> !(a instanceof Action.Create || a instanceof Action.Update))
                  .toList();
        }
      }
      for (Action action : actions) {
        restarts = act(rest, name, action, restarts, now);
      }
      annotationsHandled = true;
      if (!actions.isEmpty()) {
        observed = poller.poll().connectors().get(name);
      }
    } catch (ConnectRestException e) {
      if (e.isRebalanceInProgress()) {
        return report(
            cr,
            problem(Reasons.REBALANCING, "Connect is rebalancing: " + e.getMessage(), restarts),
            Duration.ofSeconds(2),
            false);
      }
      if (e.isUnreachable()) {
        return report(
            cr, problem(Reasons.REST_API_UNREACHABLE, e.getMessage(), restarts), WAIT, false);
      }
      throw e;
    }

    if (observed != null && ConnectorPlan.isHealthy(cr, observed)) {
      restarts = RestartHistory.NONE;
    }
    List<String> topics = needsTopics(cr, observed) ? topicsOf(rest, name, cr) : null;
    Set<String> departed = departedWorkers(names(cluster), observed, workerPodsOf(cluster));
    Observation seen =
        configErrors.isEmpty()
            ? new Observation(null, null, observed, null, restarts, topics)
            : new Observation(
                Reasons.INVALID_CONFIG,
                invalidMessage(configErrors),
                observed,
                configErrors,
                restarts,
                topics);
    boolean failed = observed != null && ConnectorPlan.isFailed(observed);
    return report(
        cr,
        seen,
        departed,
        failed ? ConnectorPlan.restartDelay(Math.max(restarts.count(), 1)) : RESYNC,
        annotationsHandled && hasRestartAnnotations(cr));
  }

  private List<ConfigError> validate(ConnectRestClient rest, KafkaConnector cr) {
    ConfigValidation validation;
    try {
      validation =
          rest.validateConfig(cr.getSpec().connectorClass, ConnectorPlan.desiredConfig(cr));
    } catch (ConnectRestException e) {
      if (e.status() == 400
          || e.status() == 404
          || e.status() == 500 && e.getMessage().contains("class")) {
        // Connect's message for an unknown class lists the classes the cluster has.
        return List.of(configError("class", e.getMessage()));
      }
      throw e;
    }
    List<ConfigError> errors = new ArrayList<>();
    if (validation == null || validation.errorCount() == 0 || validation.configs() == null) {
      return errors;
    }
    for (var result : validation.configs()) {
      if (result.value() != null
          && result.value().errors() != null
          && !result.value().errors().isEmpty()) {
        errors.add(configError(result.value().name(), String.join("; ", result.value().errors())));
      }
    }
    return errors;
  }

  private static ConfigError configError(String field, String message) {
    var error = new ConfigError();
    error.field = field;
    error.message = message;
    return error;
  }

  private static String invalidMessage(List<ConfigError> errors) {
    return "Connect rejected the config, the previous config keeps running: "
        + errors.stream().map(e -> e.field + ": " + e.message).collect(Collectors.joining("; "));
  }

  private RestartHistory act(
      ConnectRestClient rest, String name, Action action, RestartHistory restarts, Instant now) {
    LOG.info("connector {}: {}", name, action.getClass().getSimpleName());
    if (action instanceof Action.Create create) {
      rest.createConnector(name, create.config(), create.initialState());
    } else if (action instanceof Action.Update update) {
      rest.putConnectorConfig(name, update.config());
    } else if (action instanceof Action.Pause) {
      rest.pauseConnector(name);
    } else if (action instanceof Action.Resume) {
      rest.resumeConnector(name);
    } else if (action instanceof Action.Stop) {
      rest.stopConnector(name);
    } else if (action instanceof Action.RestartTask task) {
      rest.restartTask(name, task.task());
    } else if (action instanceof Action.Restart restart) {
      rest.restartConnector(name, restart.includeTasks(), restart.onlyFailed());
      if (restart.automatic()) {
        return new RestartHistory(restarts.count() + 1, now);
      }
    }
    return restarts;
  }

  /**
   * Topics are asked for only when the connector's state changed or none are known yet, so a steady
   * poll costs one call per cluster, not one per connector.
   */
  private static boolean needsTopics(KafkaConnector cr, ConnectorOverview observed) {
    if (observed == null || observed.status() == null) {
      return false;
    }
    KafkaConnectorStatus previous = cr.getStatus();
    if (previous == null || previous.topics == null || previous.topics.isEmpty()) {
      return true;
    }
    var now =
        ConnectorStatusModel.of(
            cr, new Observation(null, null, observed, null, null, null), Instant.EPOCH);
    return !Objects.equals(previous.connectorState, now.connectorState)
        || !Objects.equals(
            previous.tasks == null ? List.of() : previous.tasks.stream().map(t -> t.state).toList(),
            now.tasks == null ? List.of() : now.tasks.stream().map(t -> t.state).toList());
  }

  private List<String> topicsOf(ConnectRestClient rest, String name, KafkaConnector cr) {
    try {
      return rest.topics(name).orElse(null);
    } catch (ConnectRestException e) {
      // Topic tracking may be disabled on the workers; the status simply leaves topics out.
      return cr.getStatus() == null ? null : cr.getStatus().topics;
    }
  }

  private UpdateControl<KafkaConnector> report(
      KafkaConnector cr, Observation seen, Duration reschedule, boolean removeRestartAnnotations) {
    return report(cr, seen, Set.of(), reschedule, removeRestartAnnotations);
  }

  private UpdateControl<KafkaConnector> report(
      KafkaConnector cr,
      Observation seen,
      Set<String> departedWorkers,
      Duration reschedule,
      boolean removeRestartAnnotations) {
    KafkaConnectorStatus status =
        ConnectorStatusModel.of(cr, seen, departedWorkers, clock.instant());
    var patched = new KafkaConnector();
    patched.setMetadata(cr.getMetadata());
    patched.setSpec(cr.getSpec());
    patched.setStatus(status);
    UpdateControl<KafkaConnector> control;
    if (removeRestartAnnotations) {
      // A copy: the cached resource is what JOSDK diffs the patch against.
      Map<String, String> annotations = new HashMap<>(cr.getMetadata().getAnnotations());
      annotations.remove(Tributary.ANNOTATION_RESTART);
      annotations.remove(Tributary.ANNOTATION_RESTART_TASK);
      patched.setMetadata(
          new ObjectMetaBuilder(cr.getMetadata()).withAnnotations(annotations).build());
      control = UpdateControl.patchResourceAndStatus(patched);
    } else if (cr.getStatus() != null && ConnectorStatusModel.same(cr.getStatus(), status)) {
      control = UpdateControl.noUpdate();
    } else {
      control = UpdateControl.patchStatus(patched);
    }
    return control.rescheduleAfter(reschedule);
  }

  private static Observation problem(String reason, String message, RestartHistory restarts) {
    return new Observation(reason, message, null, null, restarts, null);
  }

  @Override
  public ErrorStatusUpdateControl<KafkaConnector> updateErrorStatus(
      KafkaConnector cr, Context<KafkaConnector> context, Exception e) {
    LOG.warn(
        "reconciling KafkaConnector {}/{} failed: {}",
        cr.getMetadata().getNamespace(),
        cr.getMetadata().getName(),
        e.toString());
    var patched = new KafkaConnector();
    patched.setMetadata(cr.getMetadata());
    patched.setSpec(cr.getSpec());
    patched.setStatus(
        ConnectorStatusModel.of(
            cr,
            problem(Reasons.RECONCILE_FAILED, e.getMessage(), restartsOf(cr)),
            clock.instant()));
    return ErrorStatusUpdateControl.patchStatus(patched);
  }

  @Override
  public DeleteControl cleanup(KafkaConnector cr, Context<KafkaConnector> context) {
    KafkaConnect cluster = context.getSecondaryResource(KafkaConnect.class).orElse(null);
    if (cluster == null || Integer.valueOf(0).equals(cluster.getSpec().replicas)) {
      // No cluster, no connector to delete: let the KafkaConnector go.
      return DeleteControl.defaultDelete();
    }
    try {
      pollers
          .forCluster(
              new ClusterPollers.Key(cr.getMetadata().getNamespace(), clusterName(cr)),
              names(cluster).restUrl())
          .rest()
          .deleteConnector(cr.getMetadata().getName());
      stopPollingIfLast(cr, context);
      return DeleteControl.defaultDelete();
    } catch (ConnectRestException e) {
      LOG.info(
          "deleting connector {} from Connect failed, will retry: {}",
          cr.getMetadata().getName(),
          e.getMessage());
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(WAIT);
    }
  }

  /** The cluster's poller stops with its last connector. */
  private void stopPollingIfLast(KafkaConnector cr, Context<KafkaConnector> context) {
    boolean others =
        context
            .getPrimaryCache()
            .list(cr.getMetadata().getNamespace())
            .anyMatch(
                c ->
                    !c.getMetadata().getName().equals(cr.getMetadata().getName())
                        && clusterName(c).equals(clusterName(cr)));
    if (!others) {
      pollers.forget(new ClusterPollers.Key(cr.getMetadata().getNamespace(), clusterName(cr)));
    }
  }

  private static RestartHistory restartsOf(KafkaConnector cr) {
    if (cr.getStatus() == null
        || cr.getStatus().autoRestart == null
        || cr.getStatus().autoRestart.count == null) {
      return RestartHistory.NONE;
    }
    String last = cr.getStatus().autoRestart.lastRestartTime;
    return new RestartHistory(
        cr.getStatus().autoRestart.count, last == null ? null : Instant.parse(last));
  }

  private static boolean hasRestartAnnotations(KafkaConnector cr) {
    Map<String, String> annotations = cr.getMetadata().getAnnotations();
    return annotations != null
        && (annotations.containsKey(Tributary.ANNOTATION_RESTART)
            || annotations.containsKey(Tributary.ANNOTATION_RESTART_TASK));
  }

  private static boolean isReady(KafkaConnect cluster) {
    if (cluster.getStatus() == null || cluster.getStatus().conditions == null) {
      return false;
    }
    return cluster.getStatus().conditions.stream()
        .filter(c -> Tributary.Conditions.READY.equals(c.getType()))
        .map(Condition::getStatus)
        .anyMatch("True"::equals);
  }

  /** Workers of this cluster that Connect still names but whose pod no longer exists. */
  static Set<String> departedWorkers(
      ClusterNames names, ConnectorOverview observed, Set<Pod> pods) {
    if (observed == null || observed.status() == null || observed.status().tasks() == null) {
      return Set.of();
    }
    Set<String> livePods =
        pods.stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
    return observed.status().tasks().stream()
        .map(ConnectApi.State::workerId)
        .filter(Objects::nonNull)
        .filter(
            worker -> names.podOfWorker(worker).map(pod -> !livePods.contains(pod)).orElse(false))
        .collect(Collectors.toSet());
  }

  /**
   * The cluster's worker pods, read from the informer's cache by label: a pod that has not changed
   * since the connector was created is not linked to it as a secondary resource, yet it is live.
   */
  private Set<Pod> workerPodsOf(KafkaConnect cluster) {
    String name = cluster.getMetadata().getName();
    return workerPods
        .list(
            cluster.getMetadata().getNamespace(),
            pod -> name.equals(pod.getMetadata().getLabels().get(Tributary.LABEL_CLUSTER)))
        .collect(Collectors.toSet());
  }

  private static String restUrlOf(KafkaConnect cluster) {
    return cluster.getStatus() == null ? null : cluster.getStatus().restApiUrl;
  }

  private static ClusterNames names(KafkaConnect cluster) {
    return new ClusterNames(cluster.getMetadata().getName(), cluster.getMetadata().getNamespace());
  }

  private static String clusterName(KafkaConnector cr) {
    return cr.getSpec() == null || cr.getSpec().clusterRef == null
        ? ""
        : cr.getSpec().clusterRef.name;
  }

  @Override
  public void close() {
    pollers.close();
  }
}
