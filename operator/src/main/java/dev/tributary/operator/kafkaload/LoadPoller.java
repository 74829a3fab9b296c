package dev.tributary.operator.kafkaload;

import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.api.v1alpha1.SecretKeyRef;
import dev.tributary.operator.connectapi.ConnectClients;
import dev.tributary.operator.connectapi.dto.ConnectorOverview;
import dev.tributary.operator.connectapi.dto.StateInfo;
import dev.tributary.operator.connectpoll.ClusterPoller;
import dev.tributary.operator.connectpoll.ClusterSnapshot;
import dev.tributary.operator.connectpoll.ClusterSnapshots;
import dev.tributary.operator.connectpoll.DaemonSchedule;
import dev.tributary.operator.events.Events;
import dev.tributary.operator.kafkaload.ClusterAutoscaler.Look;
import dev.tributary.operator.kafkaload.ClusterAutoscaler.SinkState;
import dev.tributary.operator.kafkaload.ClusterLoads.SinkTerms;
import dev.tributary.operator.metrics.AutoscalingMetrics;
import dev.tributary.operator.model.AutoscaleGate.Verdict;
import dev.tributary.operator.model.AutoscalePlan.Policy;
import dev.tributary.operator.model.ClusterNames;
import dev.tributary.operator.model.ClusterStatus;
import dev.tributary.operator.model.SinkBusy;
import dev.tributary.operator.model.SinkLoad;
import dev.tributary.operator.model.SourceBacklogs;
import dev.tributary.operator.model.WorkerConfig;
import dev.tributary.operator.secrets.SecretDigests;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JOSDK event source for one cluster's sinks, and its sources with a backlog to read: every few
 * seconds it looks at the sinks' topics and consumer groups through the cluster's own Kafka
 * credentials and at the sources' backlogs on the workers running them, runs the cluster's
 * autoscaler, and triggers each KafkaConnector whose terms (useful, recommended or autoscaled
 * tasks) changed. When autoscaling is enabled and the workers should change, it scales the
 * KafkaConnect through its scale subresource, as an HPA would.
 */
public final class LoadPoller extends AbstractEventSource<SinkTerms, KafkaConnector> {

  private static final Logger LOG = LoggerFactory.getLogger(LoadPoller.class);

  private final ClusterNames cluster;
  private final Duration interval;
  private final Services services;
  private final Function<ResourceID, Optional<KafkaConnect>> clusters;
  private final Function<ResourceID, Optional<KafkaConnector>> connectors;
  private final ClusterAutoscaler autoscaler = new ClusterAutoscaler();
  private final SourceSampler sourceSampler;
  private final Map<String, String> lastUnread = new HashMap<>();
  private ScheduledExecutorService schedule;
  private Map<String, SinkTerms> terms = Map.of();
  private String lastFailure;

  /** What every cluster's poller shares. */
  public record Services(
      KafkaAdmins admins,
      ConnectClients connectClients,
      ClusterSnapshots snapshots,
      ClusterLoads loads,
      Events events,
      KubernetesClient client,
      AutoscalingMetrics metrics,
      Clock clock) {}

  LoadPoller(
      ClusterNames cluster,
      Duration interval,
      Services services,
      Function<ResourceID, Optional<KafkaConnect>> clusters,
      Function<ResourceID, Optional<KafkaConnector>> connectors) {
    super(SinkTerms.class, nameFor(cluster));
    this.cluster = cluster;
    this.interval = interval;
    this.services = services;
    this.clusters = clusters;
    this.connectors = connectors;
    this.sourceSampler = new SourceSampler(services.connectClients());
  }

  static String nameFor(ClusterNames cluster) {
    return "load-poll/" + cluster.namespace() + "/" + cluster.cluster();
  }

  @Override
  public synchronized void start() {
    if (isRunning()) {
      return;
    }
    schedule = DaemonSchedule.every(interval, nameFor(cluster), this::lookOnSchedule);
    super.start();
  }

  @Override
  public synchronized void stop() {
    if (schedule != null) {
      schedule.shutdownNow();
    }
    services.loads().forget(cluster);
    services.admins().forget(cluster);
    services.metrics().forget(cluster);
    super.stop();
  }

  @Override
  public java.util.Set<SinkTerms> getSecondaryResources(KafkaConnector primary) {
    SinkTerms found = terms.get(ClusterNames.connectorName(primary));
    return found == null ? java.util.Set.of() : java.util.Set.of(found);
  }

  private void lookOnSchedule() {
    try {
      look();
    } catch (RuntimeException e) {
      LOG.warn("looking at the sinks of {} failed: {}", nameFor(cluster), e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One look: sample, decide, record, act. */
  void look() throws InterruptedException {
    KafkaConnect connect =
        clusters.apply(new ResourceID(cluster.cluster(), cluster.namespace())).orElse(null);
    ClusterSnapshot snapshot = services.snapshots().latestGood(cluster).orElse(null);
    if (connect == null || snapshot == null) {
      return;
    }
    Map<String, SinkSampler.Sink> sinks = new HashMap<>();
    Map<String, SourceSampler.Source> sources = new HashMap<>();
    int otherTasks = 0;
    for (var entry : snapshot.connectors().entrySet()) {
      ConnectorOverview overview = entry.getValue();
      // Only running connectors are sized: a paused or stopped one's lag is meant to grow.
      boolean running = "RUNNING".equals(connectorState(overview));
      Optional<SourceBacklogs.Query> backlog =
          running && isSource(overview) ? sourceBacklog(entry.getKey()) : Optional.empty();
      if (running && isSink(overview)) {
        sinks.put(entry.getKey(), SinkSampler.Sink.of(entry.getKey(), overview.info().config()));
      } else if (backlog.isPresent()) {
        sources.put(entry.getKey(), new SourceSampler.Source(overview, backlog.get()));
      } else {
        otherTasks += taskCount(overview);
      }
    }
    if (sinks.isEmpty() && sources.isEmpty()) {
      services.loads().forget(cluster);
      services.metrics().forget(cluster);
      publish(Map.of());
      return;
    }
    Map<String, SinkLoad.Sample> samples = new HashMap<>();
    if (!sinks.isEmpty()) {
      try {
        var admin =
            services
                .admins()
                .adminFor(
                    cluster, connect.getSpec(), this::secretValue, services.clock().instant());
        samples.putAll(new SinkSampler(services.clock()).sample(admin, sinks.values()));
        lastFailure = null;
      } catch (org.apache.kafka.common.KafkaException
          | java.util.concurrent.TimeoutException
          | IllegalStateException e) {
        services.admins().reread(cluster);
        String failure = e.getMessage();
        if (!Objects.equals(failure, lastFailure)) {
          LOG.warn("cannot read the sinks' lag of {} from Kafka: {}", nameFor(cluster), failure);
        }
        lastFailure = failure;
        return;
      }
    }
    Map<String, ConnectorOverview> measured = new HashMap<>();
    samples.keySet().forEach(name -> measured.put(name, snapshot.connectors().get(name)));
    Map<String, ConnectorOverview> sourceOverviews = new HashMap<>();
    sources.forEach((name, source) -> sourceOverviews.put(name, source.overview()));
    var spec = connect.getSpec();
    int replicas = spec.replicas == null ? 1 : spec.replicas;
    var told =
        new TaskLoadSampler(services.connectClients())
            .sample(cluster, replicas, measured, sourceOverviews);
    var fromSources =
        sourceSampler.sample(cluster, sources, told.answers(), services.clock().instant());
    samples.putAll(fromSources.samples());
    logUnread(fromSources.unread());
    for (String name : union(sinks.keySet(), sources.keySet())) {
      if (!samples.containsKey(name)) {
        // Not measured at this look (a sink's topics do not exist yet, a source's backlog is not
        // read): its tasks still take a place on the workers.
        otherTasks += taskCount(snapshot.connectors().get(name));
      }
    }
    Map<String, SinkBusy> busy = told.busy();
    Map<String, SinkState> states = new HashMap<>();
    samples.forEach(
        (name, sample) -> {
          ConnectorOverview overview = snapshot.connectors().get(name);
          states.put(
              name,
              new SinkState(
                  sample,
                  tasksMax(overview),
                  taskCount(overview),
                  tasksIn(overview, "RUNNING"),
                  tasksIn(overview, "FAILED"),
                  specTasksMax(name),
                  Optional.ofNullable(busy.get(name)),
                  sources.containsKey(name) ? Duration.ZERO : null));
        });
    var status = connect.getStatus();
    var step =
        autoscaler.step(
            new Look(
                services.clock().instant(),
                Policy.of(spec.autoscaling),
                flushInterval(spec.config),
                replicas,
                status == null || status.readyReplicas == null ? 0 : status.readyReplicas,
                ClusterStatus.isReady(connect),
                states,
                otherTasks,
                told.cpu()));
    if (step.verdict() instanceof Verdict.Apply apply) {
      act(connect, apply);
      services.metrics().scaled(cluster);
    }
    services
        .metrics()
        .record(
            cluster,
            replicas,
            step.recommendation(),
            step.loads(),
            step.ratePerTask(),
            step.busy());
    services.loads().record(cluster, step.terms(), step.status());
    publish(step.terms());
  }

  private void act(KafkaConnect connect, Verdict.Apply apply) {
    services.events().normal(connect, "Autoscaled", apply.message());
    LOG.info("autoscaling {}: {}", nameFor(cluster), apply.message());
    int replicas = connect.getSpec().replicas == null ? 1 : connect.getSpec().replicas;
    if (apply.workers() != replicas) {
      scaleWorkers(services.client(), cluster, apply.workers());
    }
  }

  /** Sets the cluster's spec.replicas through its scale subresource, as an HPA does. */
  public static void scaleWorkers(KubernetesClient client, ClusterNames cluster, int replicas) {
    client
        .resources(KafkaConnect.class)
        .inNamespace(cluster.namespace())
        .withName(cluster.cluster())
        .scale(replicas);
  }

  /** Triggers each KafkaConnector whose terms changed. */
  private void publish(Map<String, SinkTerms> next) {
    Map<String, SinkTerms> previous = terms;
    terms = next;
    if (getEventHandler() == null || !isRunning()) {
      return;
    }
    java.util.Set<String> names = new java.util.HashSet<>(previous.keySet());
    names.addAll(next.keySet());
    for (String name : names) {
      if (!Objects.equals(previous.get(name), next.get(name))) {
        for (ResourceID id : ClusterPoller.kafkaConnectorsNamed(name, cluster.namespace())) {
          getEventHandler().handleEvent(new Event(id));
        }
      }
    }
  }

  private Integer specTasksMax(String connectName) {
    return managing(connectName)
        .map(found -> found.getSpec().tasksMax == null ? 1 : found.getSpec().tasksMax)
        .orElse(null);
  }

  /** Where the backlog of a source a KafkaConnector manages is read, if it is. */
  private Optional<SourceBacklogs.Query> sourceBacklog(String connectName) {
    return managing(connectName).flatMap(found -> SourceBacklogs.of(found.getSpec(), connectName));
  }

  /** The KafkaConnector of this cluster that manages the connector of that name in Connect. */
  private Optional<KafkaConnector> managing(String connectName) {
    for (ResourceID id : ClusterPoller.kafkaConnectorsNamed(connectName, cluster.namespace())) {
      var found = connectors.apply(id);
      if (found.isPresent()
          && cluster.cluster().equals(found.get().getSpec().clusterRef.name)
          && ClusterNames.connectorName(found.get()).equals(connectName)) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** Says once why a source's backlog is not read, until the reason changes. */
  private void logUnread(Map<String, String> unread) {
    unread.forEach(
        (name, why) -> {
          if (!why.equals(lastUnread.get(name))) {
            LOG.info("not sizing source {} of {} at this look: {}", name, nameFor(cluster), why);
          }
        });
    lastUnread.clear();
    lastUnread.putAll(unread);
  }

  private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
    java.util.Set<String> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return all;
  }

  private String secretValue(SecretKeyRef ref) {
    Secret secret =
        services.client().secrets().inNamespace(cluster.namespace()).withName(ref.secretName).get();
    if (secret == null) {
      throw new IllegalStateException("Secret '" + ref.secretName + "' does not exist");
    }
    String value = SecretDigests.plainValueOf(secret, ref.key);
    if (value != null) {
      return value;
    }
    throw new IllegalStateException("Secret '" + ref.secretName + "' has no key '" + ref.key + "'");
  }

  static Duration flushInterval(Map<String, String> workerConfig) {
    String value = workerConfig == null ? null : workerConfig.get("offset.flush.interval.ms");
    if (value == null) {
      value = WorkerConfig.FAST_RECOVERY_DEFAULTS.get("offset.flush.interval.ms");
    }
    try {
      return Duration.ofMillis(Math.max(1000, Long.parseLong(value.trim())));
    } catch (NumberFormatException e) {
      return Duration.ofSeconds(10);
    }
  }

  private static boolean isSink(ConnectorOverview overview) {
    return overview.info() != null && "sink".equals(overview.info().type());
  }

  private static boolean isSource(ConnectorOverview overview) {
    return overview.info() != null && "source".equals(overview.info().type());
  }

  private static int tasksMax(ConnectorOverview overview) {
    try {
      return Integer.parseInt(overview.info().config().getOrDefault("tasks.max", "1").trim());
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private static int taskCount(ConnectorOverview overview) {
    return overview.info() == null || overview.info().tasks() == null
        ? 0
        : overview.info().tasks().size();
  }

  private static int tasksIn(ConnectorOverview overview, String state) {
    if (overview.status() == null || overview.status().tasks() == null) {
      return 0;
    }
    return (int)
        overview.status().tasks().stream().map(StateInfo::state).filter(state::equals).count();
  }

  private static String connectorState(ConnectorOverview overview) {
    return overview.status() == null || overview.status().connector() == null
        ? null
        : overview.status().connector().state();
  }
}
