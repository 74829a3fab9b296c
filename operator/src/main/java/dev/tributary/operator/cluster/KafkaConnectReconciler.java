package dev.tributary.operator.cluster;

import dev.tributary.api.v1alpha1.ConnectMode;
import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.api.v1alpha1.KafkaConnectStatus;
import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.operator.connect.ConnectClients;
import dev.tributary.operator.connect.ConnectRestClient;
import dev.tributary.operator.connect.ConnectRestException;
import dev.tributary.operator.model.ClusterNames;
import dev.tributary.operator.model.ClusterStatus;
import dev.tributary.operator.model.ClusterStatus.RestObservation;
import dev.tributary.operator.model.SpecValidation;
import dev.tributary.operator.model.WorkerProgress;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a KafkaConnect's worker cluster exist: validate the spec, apply the owned objects in order,
 * then report what the StatefulSet and the REST API show.
 */
@ControllerConfiguration(name = "kafkaconnect")
public final class KafkaConnectReconciler implements Reconciler<KafkaConnect> {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaConnectReconciler.class);
  private static final Duration WHILE_PROGRESSING = Duration.ofSeconds(5);

  private final WorkerDependents.WorkerConfigMap configMap = new WorkerDependents.WorkerConfigMap();
  private final WorkerDependents.HeadlessService headlessService =
      new WorkerDependents.HeadlessService();
  private final WorkerDependents.ApiService apiService = new WorkerDependents.ApiService();
  private final WorkerDependents.WorkerStatefulSet statefulSet;
  private final WorkerDependents.DisruptionBudget disruptionBudget =
      new WorkerDependents.DisruptionBudget();
  private final WorkerDependents.WorkerNetworkPolicy networkPolicy =
      new WorkerDependents.WorkerNetworkPolicy();
  private final List<KubernetesDependentResource<?, KafkaConnect>> inOrder;

  private final ConnectClients connectClients;
  private final Duration pollInterval;
  private final Clock clock;

  public KafkaConnectReconciler(
      String defaultWorkerImage,
      ConnectClients connectClients,
      Duration pollInterval,
      Clock clock) {
    this.statefulSet = new WorkerDependents.WorkerStatefulSet(defaultWorkerImage);
    this.inOrder =
        List.of(
            configMap, headlessService, apiService, statefulSet, disruptionBudget, networkPolicy);
    this.connectClients = connectClients;
    this.pollInterval = pollInterval;
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, KafkaConnect>> prepareEventSources(
      EventSourceContext<KafkaConnect> context) {
    List<EventSource<?, KafkaConnect>> sources =
        new ArrayList<>(
            EventSourceUtils.dependentEventSources(
                context,
                configMap,
                headlessService,
                apiService,
                statefulSet,
                disruptionBudget,
                networkPolicy));
    // Connectors are watched to tell managed from unmanaged ones, and for tasks on departed
    // workers.
    sources.add(
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(KafkaConnector.class, KafkaConnect.class)
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper(
                    (KafkaConnector connector) ->
                        connector.getSpec() == null || connector.getSpec().clusterRef == null
                            ? Set.of()
                            : Set.of(
                                new ResourceID(
                                    connector.getSpec().clusterRef.name,
                                    connector.getMetadata().getNamespace())))
                .withOnUpdateFilter(
                    (next, previous) ->
                        !Objects.equals(
                                next.getMetadata().getGeneration(),
                                previous.getMetadata().getGeneration())
                            || !ClusterStatus.tasksOnDepartedWorkers(List.of(next))
                                .equals(ClusterStatus.tasksOnDepartedWorkers(List.of(previous))))
                .build(),
            context));
    return sources;
  }

  @Override
  public UpdateControl<KafkaConnect> reconcile(KafkaConnect cr, Context<KafkaConnect> context) {
    List<String> problems = SpecValidation.problems(cr.getSpec());
    if (!problems.isEmpty()) {
      // Leave whatever runs alone: a bad edit must not take a working cluster down.
      LOG.warn("KafkaConnect {}/{} has an invalid spec: {}", namespace(cr), name(cr), problems);
      return patchIfChanged(cr, ClusterStatus.invalid(cr, problems, clock.instant()), null);
    }
    for (KubernetesDependentResource<?, KafkaConnect> dependent : inOrder) {
      dependent.reconcile(cr, context);
    }

    ClusterNames names = WorkerDependents.names(cr);
    int desired = desiredReplicas(cr);
    StatefulSet sts = context.getSecondaryResource(StatefulSet.class).orElse(null);
    WorkerProgress progress = WorkerProgress.of(sts, desired);
    RestObservation rest = progress.settled() && desired > 0 ? observeRest(names) : null;
    Set<KafkaConnector> connectors = context.getSecondaryResources(KafkaConnector.class);
    Set<String> managed =
        connectors.stream().map(c -> c.getMetadata().getName()).collect(Collectors.toSet());
    if (rest != null
        && rest.server() != null
        && Boolean.TRUE.equals(cr.getSpec().deleteUnmanagedConnectors)) {
      rest = deleteUnmanaged(names, rest, managed);
    }
    KafkaConnectStatus status =
        ClusterStatus.observed(cr, names, desired, sts, rest, connectors, clock.instant());
    boolean ready = progress.settled() && rest != null && rest.server() != null;
    return patchIfChanged(cr, status, ready || desired == 0 ? pollInterval : WHILE_PROGRESSING);
  }

  @Override
  public ErrorStatusUpdateControl<KafkaConnect> updateErrorStatus(
      KafkaConnect cr, Context<KafkaConnect> context, Exception e) {
    LOG.warn("reconciling KafkaConnect {}/{} failed: {}", namespace(cr), name(cr), e.toString());
    KafkaConnect patched =
        withStatus(cr, ClusterStatus.failed(cr, e.getMessage(), clock.instant()));
    return ErrorStatusUpdateControl.patchStatus(patched);
  }

  static int desiredReplicas(KafkaConnect cr) {
    int replicas = cr.getSpec().replicas == null ? 1 : cr.getSpec().replicas;
    return cr.getSpec().mode == ConnectMode.STANDALONE ? Math.min(replicas, 1) : replicas;
  }

  private RestObservation observeRest(ClusterNames names) {
    ConnectRestClient rest = connectClients.forUrl(names.restUrl());
    try {
      return new RestObservation(
          rest.serverInfo(), rest.connectorPlugins(true), rest.connectorNames(), null);
    } catch (ConnectRestException e) {
      return RestObservation.failed(e.getMessage());
    }
  }

  /** The opt-in clean-up: connectors no KafkaConnector manages are deleted from Connect. */
  private RestObservation deleteUnmanaged(
      ClusterNames names, RestObservation rest, Set<String> managed) {
    ConnectRestClient client = connectClients.forUrl(names.restUrl());
    List<String> remaining = new ArrayList<>();
    for (String connector : rest.connectors()) {
      if (managed.contains(connector)) {
        remaining.add(connector);
        continue;
      }
      try {
        LOG.info("deleting unmanaged connector {} from {}", connector, names.restUrl());
        client.deleteConnector(connector);
      } catch (ConnectRestException e) {
        remaining.add(connector);
      }
    }
    return new RestObservation(rest.server(), rest.plugins(), remaining, rest.error());
  }

  private UpdateControl<KafkaConnect> patchIfChanged(
      KafkaConnect cr, KafkaConnectStatus status, Duration reschedule) {
    UpdateControl<KafkaConnect> control =
        cr.getStatus() != null && ClusterStatus.same(cr.getStatus(), status)
            ? UpdateControl.noUpdate()
            : UpdateControl.patchStatus(withStatus(cr, status));
    return reschedule == null ? control : control.rescheduleAfter(reschedule);
  }

  private static KafkaConnect withStatus(KafkaConnect cr, KafkaConnectStatus status) {
    var patched = new KafkaConnect();
    patched.setMetadata(cr.getMetadata());
    patched.setSpec(cr.getSpec());
    patched.setStatus(status);
    return patched;
  }

  private static String name(KafkaConnect cr) {
    return cr.getMetadata().getName();
  }

  private static String namespace(KafkaConnect cr) {
    return cr.getMetadata().getNamespace();
  }
}
