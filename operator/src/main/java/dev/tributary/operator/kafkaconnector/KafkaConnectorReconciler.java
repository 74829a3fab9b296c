package dev.tributary.operator.kafkaconnector;

import dev.tributary.api.Tributary;
import dev.tributary.api.Tributary.Reasons;
import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.api.v1alpha1.KafkaConnectorStatus;
import dev.tributary.operator.connectapi.dto.ConnectorOverview;
import dev.tributary.operator.connectpoll.ClusterPoller;
import dev.tributary.operator.connectpoll.ClusterPollers;
import dev.tributary.operator.connectpoll.ClusterSnapshot;
import dev.tributary.operator.events.Events;
import dev.tributary.operator.events.ReadyTransitions;
import dev.tributary.operator.kafkaconnector.ConnectorActions.Outcome;
import dev.tributary.operator.kafkaload.ClusterLoads.SinkTerms;
import dev.tributary.operator.kafkaload.LoadPollers;
import dev.tributary.operator.metrics.ConnectorMetrics;
import dev.tributary.operator.model.ClusterNames;
import dev.tributary.operator.model.ClusterStatus;
import dev.tributary.operator.model.ClusterTerms;
import dev.tributary.operator.model.ConnectorNamespaces;
import dev.tributary.operator.model.ConnectorPlan;
import dev.tributary.operator.model.ConnectorPlan.RestartHistory;
import dev.tributary.operator.model.ConnectorSpecValidation;
import dev.tributary.operator.model.ConnectorStatusModel;
import dev.tributary.operator.model.ConnectorStatusModel.Observation;
import dev.tributary.operator.model.SourceBacklogs;
import dev.tributary.operator.status.StatusPatches;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one connector in Connect as its KafkaConnector says: observe (the cluster's shared poll),
 * plan (a pure function), act (REST calls), report. Unexpected failures are retried with JOSDK's
 * back-off.
 */
@ControllerConfiguration(
    name = "kafkaconnector",
    generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = SpecOrAnnotationsChanged.class))
public final class KafkaConnectorReconciler
    implements Reconciler<KafkaConnector>, Cleaner<KafkaConnector> {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaConnectorReconciler.class);

  /**
   * A connector refused for its namespace is looked at again this often (Namespaces are not
   * watched).
   */
  private static final Duration RESYNC_REFUSED = Duration.ofSeconds(30);

  /** How soon a connector held for an offsets operation is looked at again. */
  private static final Duration OFFSETS_CHECK = Duration.ofSeconds(2);

  /** How often spec.offsets.listInto is refreshed at least. */
  private static final Duration LISTING_REFRESH = Duration.ofSeconds(30);

  private static final Duration WAIT = Duration.ofSeconds(5);

  private static final Duration RESYNC = Duration.ofMinutes(5);

  /**
   * Secrets are not watched: a connector that references some reads them again this often, so a
   * changed value restarts it within that time.
   */
  static final Duration SECRET_CHECK = Duration.ofSeconds(30);

  static final Duration DELETE_GIVE_UP = ConnectorDeletion.GIVE_UP;

  private final ClusterPollers pollers;
  private final Events events;
  private final Clock clock;
  private final ConnectorMetrics metrics;
  private final LoadPollers loads;

  public KafkaConnectorReconciler(ClusterPollers pollers, Events events, Clock clock) {
    this(pollers, events, clock, new ConnectorMetrics(clock), null);
  }

  /**
   * As above, keeping {@code metrics} in step with every status it works out, and with {@code
   * loads} (null: none) looking at each cluster's sinks for their useful and autoscaled tasks.
   */
  public KafkaConnectorReconciler(
      ClusterPollers pollers,
      Events events,
      Clock clock,
      ConnectorMetrics metrics,
      LoadPollers loads) {
    this.pollers = pollers;
    this.events = events;
    this.clock = clock;
    this.metrics = metrics;
    this.loads = loads;
  }

  @Override
  public List<EventSource<?, KafkaConnector>> prepareEventSources(
      EventSourceContext<KafkaConnector> context) {
    return ConnectorEventSources.prepare(context);
  }

  @Override
  public UpdateControl<KafkaConnector> reconcile(
      KafkaConnector cr, Context<KafkaConnector> context) {
    RestartHistory restarts = RestartHistory.from(cr.getStatus());
    List<String> problems = ConnectorSpecValidation.problems(cr.getSpec());
    if (!problems.isEmpty()) {
      // Whatever runs in Connect stays as it is until the spec can be applied.
      LOG.warn(
          "KafkaConnector {}/{} has an invalid spec: {}",
          cr.getMetadata().getNamespace(),
          cr.getMetadata().getName(),
          problems);
      return report(
          cr,
          Observation.problem(Reasons.INVALID_SPEC, String.join("; ", problems), restarts),
          null);
    }
    ClusterNames names = ClusterNames.referencedBy(cr);
    KafkaConnect cluster = context.getSecondaryResource(KafkaConnect.class).orElse(null);
    if (cluster == null) {
      pollers.stopPolling(context.eventSourceRetriever(), names);
      if (loads != null) {
        loads.stopPolling(context, names);
      }
      String message =
          "KafkaConnect '%s' does not exist in namespace %s: create it or fix spec.clusterRef.name"
              .formatted(names.cluster(), names.namespace());
      return report(cr, Observation.problem(Reasons.CLUSTER_NOT_FOUND, message, restarts), RESYNC);
    }
    Map<String, String> namespaceLabels =
        ConnectorNamespaces.needsNamespaceLabels(cr, cluster)
            ? namespaceLabels(context, cr.getMetadata().getNamespace())
            : null;
    var notAllowed = ConnectorNamespaces.notAllowed(cr, cluster, namespaceLabels);
    if (notAllowed.isPresent()) {
      // Nothing is sent to a cluster that does not take this namespace's connectors.
      return report(
          cr,
          Observation.problem(Reasons.NAMESPACE_NOT_ALLOWED, notAllowed.get(), restarts),
          RESYNC_REFUSED);
    }
    List<String> sharedProblems = ConnectorNamespaces.problems(cr, cluster);
    if (!sharedProblems.isEmpty()) {
      return report(
          cr,
          Observation.problem(Reasons.INVALID_SPEC, String.join("; ", sharedProblems), restarts),
          null);
    }
    SecretReferences.Check secrets = SecretReferences.check(context::getClient, cr, names);
    if (!secrets.ok()) {
      // Nothing is sent to Connect until every referenced Secret exists and can be read.
      return report(cr, Observation.problem(secrets.reason(), secrets.message(), restarts), WAIT);
    }
    if (!ClusterStatus.isReady(cluster)) {
      String message = "waiting for KafkaConnect '" + names.cluster() + "' to be Ready";
      return report(cr, Observation.problem(Reasons.CLUSTER_NOT_READY, message, restarts), WAIT);
    }
    ClusterPoller poller = pollers.pollerFor(context.eventSourceRetriever(), names);
    ClusterSnapshot snapshot = poller.snapshot();
    if (!snapshot.ok()) {
      return report(
          cr, Observation.problem(Reasons.REST_API_UNREACHABLE, snapshot.error(), restarts), WAIT);
    }

    ConnectorOverview existedBefore = snapshot.connectors().get(ClusterNames.connectorName(cr));
    Map<String, String> defaults = cluster.getSpec().connectorDefaults;
    var sinkTerms = sinkTerms(context, names, cr);
    ClusterTerms terms =
        ClusterTerms.of(
            defaults,
            sinkTerms.map(SinkTerms::maxUsefulTasks).orElse(null),
            sinkTerms.map(SinkTerms::autoscaledTasks).orElse(null),
            cluster.getSpec().autoscaling != null
                && Boolean.TRUE.equals(cluster.getSpec().autoscaling.enabled),
            sizedTasksMax(cluster, cr, existedBefore));
    Outcome outcome = ConnectorActions.apply(cr, terms, poller, restarts, clock.instant());
    for (var action : outcome.done()) {
      events.record(
          cr, ConnectorEvents.of(action, cr.getMetadata().getName(), outcome.restarts().count()));
    }
    if (outcome.problem() != null) {
      var problem = outcome.problem();
      return report(
          cr,
          Observation.problem(problem.reason(), problem.message(), outcome.restarts()),
          problem.retryAfter());
    }
    OffsetOperations.Result offsets =
        OffsetOperations.run(
            cr,
            existedBefore != null,
            outcome.observed(),
            poller.api(),
            context::getClient,
            events);
    OffsetOperations.list(cr, poller.api(), context::getClient);
    if (offsets.waiting()) {
      KafkaConnectorStatus holding =
          status(
              cr,
              Observation.problem(
                  Reasons.OFFSETS_CHANGING,
                  "holding the connector STOPPED to "
                      + offsets.status().inProgress
                      + " its offsets (spec.offsets)",
                  outcome.restarts()),
              Set.of());
      holding.offsets = offsets.status();
      return StatusPatches.patchIfChanged(cr, holding, KafkaConnector::new, OFFSETS_CHECK);
    }
    // Restarts asked for by a changed Secret or trigger happen only with the connector applied,
    // and are recorded in the same status write, so none is repeated.
    SecretReferences.restartIfChanged(
        cr, secrets.digest(), outcome.observed(), poller.api(), events);
    RestartTrigger.restartIfDue(cr, existedBefore, poller.api(), events);
    Set<String> departed =
        ConnectorStatusModel.departedWorkers(
            names, outcome.observed(), ConnectorEventSources.livePods(context, names));
    Observation seen =
        Observation.seen(
            outcome.observed(), outcome.configErrors(), outcome.restarts(), outcome.topics());
    KafkaConnectorStatus status = status(cr, seen, departed);
    status.secretsDigest = secrets.digest();
    status.lastRestartTrigger = cr.getSpec().restartTrigger;
    status.offsets = offsets.status();
    status.inheritedConfig = ConnectorPlan.inherited(cr, defaults);
    status.maxUsefulTasks = terms.maxUsefulTasks();
    status.recommendedTasks = sinkTerms.map(SinkTerms::recommendedTasks).orElse(null);
    ConnectorEvents.tasksLimited(cr, terms).ifPresent(notice -> events.record(cr, notice));
    UpdateControl<KafkaConnector> control =
        ConnectorPlan.hasRestartAnnotations(cr)
            ? removeRestartAnnotations(cr, status)
            : StatusPatches.patchIfChanged(cr, status, KafkaConnector::new, null);
    // A finished offsets operation releases the connector: the next check restores its state.
    Duration next = offsets.done() ? OFFSETS_CHECK : nextCheck(outcome);
    if (cr.getSpec().offsets != null
        && cr.getSpec().offsets.listInto != null
        && next.compareTo(LISTING_REFRESH) > 0) {
      next = LISTING_REFRESH;
    }
    if (secrets.digest() != null && next.compareTo(SECRET_CHECK) > 0) {
      next = SECRET_CHECK;
    }
    return control.rescheduleAfter(next);
  }

  /**
   * The tasks.max Connect runs a connector the autoscaler sizes with (a sink, or a source with a
   * backlog to read), which it keeps until the load poller has looked; 1 for a new one; null for
   * any other.
   */
  private static Integer sizedTasksMax(
      KafkaConnect cluster, KafkaConnector cr, ConnectorOverview existedBefore) {
    boolean sizedSource =
        SourceBacklogs.of(cr.getSpec(), ClusterNames.connectorName(cr)).isPresent();
    if (existedBefore == null) {
      return ClusterStatus.isSinkClass(cluster, cr.getSpec().connectorClass) || sizedSource
          ? 1
          : null;
    }
    return sizedSource
        ? ConnectorStatusModel.tasksMax(existedBefore)
        : ConnectorStatusModel.sinkTasksMax(existedBefore);
  }

  /** The sink's terms from its cluster's load poller, which starts looking if it was not. */
  private Optional<SinkTerms> sinkTerms(
      Context<KafkaConnector> context, ClusterNames names, KafkaConnector cr) {
    if (loads == null) {
      return Optional.empty();
    }
    loads.ensurePolling(context, names);
    return loads.loads().sink(names, ClusterNames.connectorName(cr));
  }

  /** A failed connector is looked at again when its next automatic restart is due. */
  private static Duration nextCheck(Outcome outcome) {
    boolean failed = outcome.observed() != null && ConnectorPlan.isFailed(outcome.observed());
    return failed ? ConnectorPlan.restartDelay(Math.max(outcome.restarts().count(), 1)) : RESYNC;
  }

  /** A Namespace's labels, or null when it does not exist. */
  private static Map<String, String> namespaceLabels(
      Context<KafkaConnector> context, String namespace) {
    var found = context.getClient().namespaces().withName(namespace).get();
    if (found == null) {
      return null;
    }
    return found.getMetadata().getLabels() == null ? Map.of() : found.getMetadata().getLabels();
  }

  /** The status to write; a change of its Ready condition to or from a failure is an Event. */
  private KafkaConnectorStatus status(
      KafkaConnector cr, Observation seen, Set<String> departedWorkers) {
    KafkaConnectorStatus status =
        ConnectorStatusModel.of(cr, seen, departedWorkers, clock.instant());
    status.secretsDigest = cr.getStatus() == null ? null : cr.getStatus().secretsDigest;
    status.lastRestartTrigger = cr.getStatus() == null ? null : cr.getStatus().lastRestartTrigger;
    status.offsets = cr.getStatus() == null ? null : cr.getStatus().offsets;
    status.maxUsefulTasks = cr.getStatus() == null ? null : cr.getStatus().maxUsefulTasks;
    status.recommendedTasks = cr.getStatus() == null ? null : cr.getStatus().recommendedTasks;
    ReadyTransitions.record(
        events,
        cr,
        cr.getStatus() == null ? null : cr.getStatus().conditions,
        status.conditions,
        ConnectorEvents.FAILURES);
    metrics.record(cr, status);
    return status;
  }

  private UpdateControl<KafkaConnector> report(
      KafkaConnector cr, Observation problem, Duration retryAfter) {
    return StatusPatches.patchIfChanged(
        cr, status(cr, problem, Set.of()), KafkaConnector::new, retryAfter);
  }

  /** The restart requests were sent: their annotations go, in the same patch as the status. */
  private static UpdateControl<KafkaConnector> removeRestartAnnotations(
      KafkaConnector cr, KafkaConnectorStatus status) {
    Map<String, String> annotations = new HashMap<>(cr.getMetadata().getAnnotations());
    annotations.remove(Tributary.ANNOTATION_RESTART);
    annotations.remove(Tributary.ANNOTATION_RESTART_TASK);
    KafkaConnector patched = StatusPatches.withStatus(cr, status, KafkaConnector::new);
    patched.setMetadata(
        new ObjectMetaBuilder(cr.getMetadata()).withAnnotations(annotations).build());
    return UpdateControl.patchResourceAndStatus(patched);
  }

  @Override
  public ErrorStatusUpdateControl<KafkaConnector> updateErrorStatus(
      KafkaConnector cr, Context<KafkaConnector> context, Exception e) {
    if (StatusPatches.isStaleWrite(e)) {
      LOG.debug("KafkaConnector {} changed under a write; retrying", cr.getMetadata().getName());
      return ErrorStatusUpdateControl.defaultErrorProcessing();
    }
    LOG.warn(
        "reconciling KafkaConnector {}/{} failed: {}",
        cr.getMetadata().getNamespace(),
        cr.getMetadata().getName(),
        e.toString());
    Observation failed =
        Observation.problem(
            Reasons.RECONCILE_FAILED, e.getMessage(), RestartHistory.from(cr.getStatus()));
    return ErrorStatusUpdateControl.patchStatus(
        StatusPatches.withStatus(cr, status(cr, failed, Set.of()), KafkaConnector::new));
  }

  @Override
  public DeleteControl cleanup(KafkaConnector cr, Context<KafkaConnector> context) {
    DeleteControl control =
        ConnectorDeletion.delete(
            cr,
            context.getSecondaryResource(KafkaConnect.class).orElse(null),
            () -> pollers.pollerFor(context.eventSourceRetriever(), ClusterNames.referencedBy(cr)),
            () -> {
              if (!ConnectorEventSources.othersShareTheCluster(context, cr)) {
                pollers.stopPolling(context.eventSourceRetriever(), ClusterNames.referencedBy(cr));
                if (loads != null) {
                  loads.stopPolling(context, ClusterNames.referencedBy(cr));
                }
              }
            },
            events,
            clock);
    if (control.isRemoveFinalizer()) {
      metrics.forget(cr);
    }
    return control;
  }
}
