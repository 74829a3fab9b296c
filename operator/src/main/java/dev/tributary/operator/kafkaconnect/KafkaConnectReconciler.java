package dev.tributary.operator.kafkaconnect;

import dev.tributary.api.Tributary;
import dev.tributary.api.Tributary.Reasons;
import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.api.v1alpha1.KafkaConnectSpec;
import dev.tributary.api.v1alpha1.KafkaConnectStatus;
import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.api.v1alpha1.SecretKeyRef;
import dev.tributary.operator.connectapi.ConnectApi;
import dev.tributary.operator.connectapi.ConnectClients;
import dev.tributary.operator.connectapi.ConnectRestException;
import dev.tributary.operator.connectpoll.ClusterSnapshot;
import dev.tributary.operator.connectpoll.ClusterSnapshots;
import dev.tributary.operator.events.Events;
import dev.tributary.operator.events.ProgressTransitions;
import dev.tributary.operator.events.ReadyTransitions;
import dev.tributary.operator.kafkaconnect.WorkerDependents.ApiService;
import dev.tributary.operator.kafkaconnect.WorkerDependents.DisruptionBudget;
import dev.tributary.operator.kafkaconnect.WorkerDependents.HeadlessService;
import dev.tributary.operator.kafkaconnect.WorkerDependents.LegacyDisruptionBudget;
import dev.tributary.operator.kafkaconnect.WorkerDependents.OnlyPolicyV1beta1Served;
import dev.tributary.operator.kafkaconnect.WorkerDependents.PolicyV1Served;
import dev.tributary.operator.kafkaconnect.WorkerDependents.SecretsRole;
import dev.tributary.operator.kafkaconnect.WorkerDependents.SecretsRoleBinding;
import dev.tributary.operator.kafkaconnect.WorkerDependents.WorkerConfigMap;
import dev.tributary.operator.kafkaconnect.WorkerDependents.WorkerNetworkPolicy;
import dev.tributary.operator.kafkaconnect.WorkerDependents.WorkerServiceAccount;
import dev.tributary.operator.kafkaconnect.WorkerDependents.WorkerStatefulSet;
import dev.tributary.operator.kafkaconnect.WorkerDependents.WorkersSettled;
import dev.tributary.operator.kafkaload.ClusterLoads;
import dev.tributary.operator.kafkaprobe.KafkaProbe;
import dev.tributary.operator.model.ClusterNames;
import dev.tributary.operator.model.ClusterStatus;
import dev.tributary.operator.model.ClusterStatus.RestObservation;
import dev.tributary.operator.model.ConnectorSecrets;
import dev.tributary.operator.model.KafkaSecurity;
import dev.tributary.operator.model.LogLevels;
import dev.tributary.operator.model.PluginSources;
import dev.tributary.operator.model.RestApiTls;
import dev.tributary.operator.model.RollPlan;
import dev.tributary.operator.model.SpecValidation;
import dev.tributary.operator.model.WorkerCluster;
import dev.tributary.operator.model.WorkerStatuses;
import dev.tributary.operator.resttls.RestCertificates;
import dev.tributary.operator.secrets.SecretDigests;
import dev.tributary.operator.status.StatusPatches;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a KafkaConnect's worker cluster exist: validate the spec, then run the workflow of owned
 * objects (the StatefulSet after its ConfigMap and headless Service; ready when every worker is),
 * then report what the StatefulSet and the REST API show. Unexpected failures are retried with
 * JOSDK's back-off.
 */
@ControllerConfiguration(name = "kafkaconnect")
@Workflow(
    explicitInvocation = true,
    dependents = {
      @Dependent(type = WorkerConfigMap.class, name = "worker-config"),
      @Dependent(type = HeadlessService.class, name = "headless-service"),
      @Dependent(type = ApiService.class, name = "api-service"),
      @Dependent(type = WorkerServiceAccount.class, name = "worker-service-account"),
      @Dependent(type = SecretsRole.class, name = "secrets-role"),
      // RBAC lets a RoleBinding be created only by whoever holds what its Role grants, which it
      // checks on the Role: a binding sent before its Role is refused (404).
      @Dependent(
          type = SecretsRoleBinding.class,
          name = "secrets-role-binding",
          dependsOn = {"secrets-role"}),
      @Dependent(
          type = WorkerStatefulSet.class,
          name = "worker-statefulset",
          dependsOn = {"worker-config", "headless-service", "worker-service-account"},
          readyPostcondition = WorkersSettled.class),
      @Dependent(
          type = DisruptionBudget.class,
          name = "disruption-budget",
          activationCondition = PolicyV1Served.class),
      @Dependent(
          type = LegacyDisruptionBudget.class,
          name = "legacy-disruption-budget",
          activationCondition = OnlyPolicyV1beta1Served.class),
      @Dependent(type = WorkerNetworkPolicy.class, name = "network-policy")
    })
public final class KafkaConnectReconciler implements Reconciler<KafkaConnect> {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaConnectReconciler.class);
  private static final Duration WHILE_PROGRESSING = Duration.ofSeconds(5);

  /** A missing Secret is looked for again this often (Secrets are not watched). */
  static final Duration WAIT_FOR_SECRETS = Duration.ofSeconds(15);

  /** Ready reasons that are Warnings: a user has something to fix. */
  static final Set<String> FAILURES =
      Stream.concat(
              WorkerStatuses.FAILURES.stream(),
              Stream.of(
                  Reasons.KAFKA_UNREACHABLE,
                  Reasons.INVALID_SPEC,
                  Reasons.SECRET_NOT_FOUND,
                  Reasons.REST_API_UNREACHABLE,
                  Reasons.RECONCILE_FAILED))
          .collect(Collectors.toUnmodifiableSet());

  private final String defaultWorkerImage;
  private final String operatorNamespace;
  private final Events events;
  private final ConnectClients connectClients;
  private final ClusterSnapshots snapshots;
  private final ClusterLoads loads;
  private final Duration pollInterval;
  private final Clock clock;
  private final RestCertificates restCertificates = new RestCertificates();
  private final ServerFacts serverFacts;
  private final KafkaProbe kafkaProbe;

  public KafkaConnectReconciler(
      String defaultWorkerImage,
      String operatorNamespace,
      ConnectClients connectClients,
      KafkaProbe kafkaProbe,
      ClusterSnapshots snapshots,
      ClusterLoads loads,
      Events events,
      Duration pollInterval,
      Clock clock) {
    this.defaultWorkerImage = defaultWorkerImage;
    this.operatorNamespace = operatorNamespace;
    this.events = events;
    this.connectClients = connectClients;
    this.kafkaProbe = kafkaProbe;
    this.snapshots = snapshots;
    this.loads = loads;
    this.pollInterval = pollInterval;
    this.clock = clock;
    this.serverFacts = new ServerFacts(pollInterval);
  }

  @Override
  public List<EventSource<?, KafkaConnect>> prepareEventSources(
      EventSourceContext<KafkaConnect> context) {
    // Connectors are watched to tell managed from unmanaged ones, and for tasks on departed
    // workers.
    List<EventSource<?, KafkaConnect>> sources = new ArrayList<>();
    sources.add(
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(KafkaConnector.class, KafkaConnect.class)
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper(
                    (KafkaConnector connector) -> {
                      ClusterNames cluster = ClusterNames.referencedBy(connector);
                      return cluster.cluster().isEmpty()
                          ? Set.of()
                          : Set.of(new ResourceID(cluster.cluster(), cluster.namespace()));
                    })
                // A new connector matters to its cluster at once only when its workers must
                // change for it (a Secret to read, a logger to raise); its count and the
                // unmanaged list catch up at the next refresh. Applying a platform otherwise
                // reconciles each cluster once per connector.
                .withOnAddFilter(KafkaConnectReconciler::needsWorkersChanged)
                .withOnUpdateFilter(
                    (next, previous) ->
                        !Objects.equals(
                                next.getMetadata().getGeneration(),
                                previous.getMetadata().getGeneration())
                            || !ClusterStatus.tasksOnDepartedWorkers(List.of(next))
                                .equals(ClusterStatus.tasksOnDepartedWorkers(List.of(previous))))
                .build(),
            context));
    // Worker pods: why a worker does not run (init container, crash loop, image, scheduling).
    sources.add(
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Pod.class, KafkaConnect.class)
                .withNamespacesInheritedFromController()
                .withLabelSelector(Tributary.LABEL_COMPONENT + "=" + ClusterNames.WORKER_COMPONENT)
                .withSecondaryToPrimaryMapper(
                    (Pod pod) -> {
                      String cluster = pod.getMetadata().getLabels().get(Tributary.LABEL_CLUSTER);
                      return cluster == null
                          ? Set.of()
                          : Set.of(new ResourceID(cluster, pod.getMetadata().getNamespace()));
                    })
                .build(),
            context));
    return sources;
  }

  /** Whether the workers of a connector's cluster change for it: a Secret or a log level. */
  static boolean needsWorkersChanged(KafkaConnector connector) {
    return connector.getSpec() != null
        && (connector.getSpec().logLevel != null
            || !ConnectorSecrets.secretNames(List.of(connector)).isEmpty());
  }

  @Override
  public UpdateControl<KafkaConnect> reconcile(KafkaConnect cr, Context<KafkaConnect> context) {
    List<String> problems = SpecValidation.problems(cr.getSpec());
    if (!problems.isEmpty()) {
      // Leave whatever runs alone: a bad edit must not take a working cluster down.
      LOG.warn("KafkaConnect {}/{} has an invalid spec: {}", namespace(cr), name(cr), problems);
      return patch(cr, ClusterStatus.invalid(cr, problems, clock.instant()), null);
    }
    lockRestApi(cr, context);
    SecretDigests.Result secrets =
        SecretDigests.read(context.getClient(), namespace(cr), secretReferences(cr));
    if (!secrets.problems().isEmpty()) {
      // Workers that run keep running with what they have; new ones would not start.
      return patch(
          cr,
          ClusterStatus.secretsMissing(cr, secrets.problems(), clock.instant()),
          WAIT_FOR_SECRETS);
    }
    WorkerCluster cluster =
        WorkerCluster.of(
            cr,
            defaultWorkerImage,
            operatorNamespace,
            secrets.digest(),
            context.getSecondaryResources(KafkaConnector.class));
    WorkerDependents.provide(context, cluster);
    boolean workersSettled =
        context
            .managedWorkflowAndDependentResourceContext()
            .reconcileManagedWorkflow()
            .allDependentResourcesReady();

    StatefulSet sts = context.getSecondaryResource(StatefulSet.class).orElse(null);
    RollPlan.Step roll =
        WorkerRoll.advance(cr, cluster, sts, context, connectClients, events, clock);
    RestObservation rest =
        workersSettled && cluster.replicas() > 0 ? observeRest(cluster.names(), sts) : null;
    Set<KafkaConnector> connectors = context.getSecondaryResources(KafkaConnector.class);
    Set<String> managed =
        connectors.stream().map(ClusterNames::connectorName).collect(Collectors.toSet());
    if (rest != null
        && rest.server() != null
        && Boolean.TRUE.equals(cr.getSpec().deleteUnmanagedConnectors)) {
      rest = deleteUnmanaged(cluster.names(), rest, managed);
    }
    var workers = WorkerStatuses.of(cluster.names(), context.getSecondaryResources(Pod.class));
    String kafkaUnreachable =
        workersSettled || cluster.replicas() == 0
            ? null
            : kafkaProbe.unreachable(cr.getSpec().bootstrapServers).orElse(null);
    KafkaConnectStatus status =
        ClusterStatus.observed(
            cr,
            cluster.names(),
            cluster.replicas(),
            sts,
            rest,
            workers,
            kafkaUnreachable,
            connectors,
            clock.instant());
    roll.waitingFor().ifPresent(what -> WorkerRoll.say(status, what));
    boolean ready = workersSettled && rest != null && rest.server() != null;
    Map<String, String> appliedLoggers = cr.getStatus() == null ? null : cr.getStatus().loggers;
    status.loggers =
        ready
            ? LogLevelSync.sync(
                connectClients.forUrl(cluster.names().restUrl()),
                namespace(cr) + "/" + name(cr),
                LogLevels.desired(cr.getSpec(), connectors),
                appliedLoggers)
            : appliedLoggers;
    Duration next =
        roll.rolling()
            ? WorkerRoll.CHECK
            : ready || cluster.replicas() == 0 ? pollInterval : WHILE_PROGRESSING;
    return patch(cr, status, next);
  }

  @Override
  public ErrorStatusUpdateControl<KafkaConnect> updateErrorStatus(
      KafkaConnect cr, Context<KafkaConnect> context, Exception e) {
    if (StatusPatches.isStaleWrite(e)) {
      LOG.debug("KafkaConnect {} changed under a write; retrying", name(cr));
      return ErrorStatusUpdateControl.defaultErrorProcessing();
    }
    LOG.warn("reconciling KafkaConnect {}/{} failed: {}", namespace(cr), name(cr), e.toString());
    return ErrorStatusUpdateControl.patchStatus(
        StatusPatches.withStatus(
            cr, ClusterStatus.failed(cr, e.getMessage(), clock.instant()), KafkaConnect::new));
  }

  /**
   * spec.restApi.tls: the cluster's CA and worker certificates exist and are current, and the
   * operator calls the cluster over HTTPS with its own client certificate.
   */
  private void lockRestApi(KafkaConnect cr, Context<KafkaConnect> context) {
    ClusterNames names = ClusterNames.of(cr);
    if (RestApiTls.enabled(cr.getSpec())) {
      connectClients.useTls(
          names.restUrl(),
          restCertificates.ensure(context.getClient(), cr, clock.instant()).transport());
    } else {
      connectClients.useTls(names.restUrl(), null);
      restCertificates.forget(names);
    }
  }

  /** The Secret keys the workers and fetch-plugins read, by the field that names each. */
  private static Map<String, SecretKeyRef> secretReferences(KafkaConnect cr) {
    KafkaConnectSpec spec = cr.getSpec();
    Map<String, SecretKeyRef> refs = new TreeMap<>(KafkaSecurity.references(spec));
    refs.putAll(RestApiTls.references(ClusterNames.of(cr), spec));
    refs.putAll(PluginSources.references(spec));
    return refs;
  }

  /**
   * Server info and plugins from the REST API; the connector names from the connector pollers'
   * latest answer when they poll this cluster, else asked here.
   */
  private RestObservation observeRest(ClusterNames names, StatefulSet sts) {
    ConnectApi api = connectClients.forUrl(names.restUrl());
    try {
      List<String> connectors =
          snapshots
              .latestGood(names)
              .map(ClusterSnapshot::connectors)
              .map(byName -> byName.keySet().stream().sorted().toList())
              .orElseGet(api::connectorNames);
      var known = serverFacts.reusable(names, sts, clock.instant());
      if (known.isPresent()) {
        return new RestObservation(known.get().server(), known.get().plugins(), connectors, null);
      }
      var server = api.serverInfo();
      var plugins = api.connectorPlugins(false);
      serverFacts.record(names, sts, server, plugins, clock.instant());
      return new RestObservation(server, plugins, connectors, null);
    } catch (ConnectRestException e) {
      serverFacts.forget(names);
      return RestObservation.failed(e.getMessage());
    }
  }

  /** The opt-in clean-up: connectors no KafkaConnector manages are deleted from Connect. */
  private RestObservation deleteUnmanaged(
      ClusterNames names, RestObservation rest, Set<String> managed) {
    ConnectApi api = connectClients.forUrl(names.restUrl());
    List<String> remaining = new ArrayList<>();
    for (String connector : rest.connectors()) {
      if (managed.contains(connector)) {
        remaining.add(connector);
        continue;
      }
      try {
        LOG.info("deleting unmanaged connector {} from {}", connector, names.restUrl());
        api.deleteConnector(connector);
      } catch (ConnectRestException e) {
        LOG.warn(
            "deleting unmanaged connector {} failed, will retry: {}", connector, e.getMessage());
        remaining.add(connector);
      }
    }
    return new RestObservation(rest.server(), rest.plugins(), remaining, rest.error());
  }

  /** Writes the status if it changed; a change of Ready to or from a failure is an Event. */
  private UpdateControl<KafkaConnect> patch(
      KafkaConnect cr, KafkaConnectStatus status, Duration reschedule) {
    if (status.autoscaling == null) {
      status.autoscaling = loads.autoscaling(ClusterNames.of(cr)).orElse(null);
    }
    ReadyTransitions.record(
        events,
        cr,
        cr.getStatus() == null ? null : cr.getStatus().conditions,
        status.conditions,
        FAILURES,
        WorkerStatuses.failedAgain(
            cr.getStatus() == null ? null : cr.getStatus().workers, status.workers));
    ProgressTransitions.record(
        events, cr, cr.getStatus() == null ? null : cr.getStatus().conditions, status.conditions);
    return StatusPatches.patchIfChanged(cr, status, KafkaConnect::new, reschedule);
  }

  private static String name(KafkaConnect cr) {
    return cr.getMetadata().getName();
  }

  private static String namespace(KafkaConnect cr) {
    return cr.getMetadata().getNamespace();
  }
}
