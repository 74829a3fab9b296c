package dev.tributary.operator;

import com.sun.net.httpserver.HttpServer;
import dev.tributary.operator.connectapi.ConnectClients;
import dev.tributary.operator.connectapi.HttpConnectClients;
import dev.tributary.operator.connectpoll.ClusterPollers;
import dev.tributary.operator.connectpoll.ClusterSnapshots;
import dev.tributary.operator.events.KubernetesEvents;
import dev.tributary.operator.kafkaconnect.KafkaConnectReconciler;
import dev.tributary.operator.kafkaconnector.KafkaConnectorReconciler;
import dev.tributary.operator.kafkaload.ClusterLoads;
import dev.tributary.operator.kafkaload.KafkaAdmins;
import dev.tributary.operator.kafkaload.LoadPoller;
import dev.tributary.operator.kafkaload.LoadPollers;
import dev.tributary.operator.kafkaprobe.KafkaProbe;
import dev.tributary.operator.kafkaprobe.TcpKafkaProbe;
import dev.tributary.operator.metrics.AutoscalingMetrics;
import dev.tributary.operator.metrics.ConnectorMetrics;
import dev.tributary.operator.metrics.ReconcileWatch;
import dev.tributary.operator.metrics.TimedConnectClients;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * Wires the operator together: one client, one JOSDK Operator, the reconcilers, an HTTP endpoint.
 */
public final class OperatorMain {

  /** How often each cluster's sinks are looked at in Kafka. */
  private static final Duration LOAD_POLL_INTERVAL = Duration.ofSeconds(5);

  private final Operator operator;
  private final HttpServer http;

  /** Builds, but does not start, the operator. */
  public OperatorMain(OperatorConfig config, KubernetesClient client) throws IOException {
    this(config, client, new HttpConnectClients());
  }

  /** As above, with the given Connect REST clients (tests count their calls). */
  public OperatorMain(OperatorConfig config, KubernetesClient client, ConnectClients untimed)
      throws IOException {
    this(config, client, untimed, new TcpKafkaProbe());
  }

  /** As above, with the given way to tell whether a cluster's Kafka can be reached. */
  public OperatorMain(
      OperatorConfig config, KubernetesClient client, ConnectClients untimed, KafkaProbe kafkaProbe)
      throws IOException {
    this(config, client, untimed, kafkaProbe, new KafkaAdmins());
  }

  /** As above, with the given Kafka admin clients for the sinks' lag and partitions. */
  public OperatorMain(
      OperatorConfig config,
      KubernetesClient client,
      ConnectClients untimed,
      KafkaProbe kafkaProbe,
      KafkaAdmins kafkaAdmins)
      throws IOException {
    var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    var reconciles =
        new ReconcileWatch(
            MicrometerMetrics.withoutPerResourceMetrics(registry), Clock.systemUTC());
    Gauge.builder(
            "tributary.reconcile.oldest.age", reconciles, r -> r.oldestAge().toMillis() / 1000.0)
        .description("How long the oldest reconcile still in progress has run (0: none runs)")
        .baseUnit("seconds")
        .register(registry);
    var connectorMetrics = new ConnectorMetrics(Clock.systemUTC());
    registry.getPrometheusRegistry().register(connectorMetrics);
    var autoscalingMetrics = new AutoscalingMetrics();
    registry.getPrometheusRegistry().register(autoscalingMetrics);
    ConnectClients connectClients = new TimedConnectClients(untimed, registry);
    // Primary resources and status are patched with JSON Patch, and dependents matched by JOSDK's
    // generic matcher, not server-side apply: the sandbox's API stand-in has no server-side apply,
    // and one behaviour for both is what its tests can vouch for. To revisit once tests run
    // against a real API server.
    this.operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withUseSSAToPatchPrimaryResource(false)
                  .withSSABasedCreateUpdateMatchForDependentResources(false)
                  .withCloseClientOnStop(false)
                  .withReconciliationTerminationTimeout(Duration.ofSeconds(10))
                  .withMetrics(reconciles);
              if (config.leaderElection()) {
                o.withLeaderElectionConfiguration(
                    new LeaderElectionConfiguration(
                        "tributary-operator",
                        config.operatorNamespace(),
                        LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
                        LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
                        LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
                        null,
                        null,
                        config.exitOnLostLease()));
              }
            });
    var snapshots = new ClusterSnapshots();
    var loads = new ClusterLoads();
    var events = new KubernetesEvents(client, Clock.systemUTC());
    var clusters =
        new KafkaConnectReconciler(
            config.workerImage(),
            config.operatorNamespace(),
            connectClients,
            kafkaProbe,
            snapshots,
            loads,
            events,
            config.clusterPollInterval(),
            Clock.systemUTC());
    operator.register(
        clusters,
        o -> {
          if (!config.watchNamespaces().isEmpty()) {
            o.settingNamespaces(config.watchNamespaces());
          }
        });

    var loadPollers =
        new LoadPollers(
            new LoadPoller.Services(
                kafkaAdmins,
                connectClients,
                snapshots,
                loads,
                events,
                client,
                autoscalingMetrics,
                Clock.systemUTC()),
            LOAD_POLL_INTERVAL);
    var connectors =
        new KafkaConnectorReconciler(
            new ClusterPollers(connectClients, config.connectorPollInterval(), snapshots),
            events,
            Clock.systemUTC(),
            connectorMetrics,
            loadPollers);
    operator.register(
        connectors,
        o -> {
          if (!config.watchNamespaces().isEmpty()) {
            o.settingNamespaces(config.watchNamespaces());
          }
        });

    this.http = HttpServer.create(new InetSocketAddress(config.httpPort()), 0);
    http.createContext("/healthz", exchange -> respond(exchange, 200, "ok"));
    http.createContext(
        "/readyz",
        exchange -> {
          boolean ready = operator.getRuntimeInfo().allEventSourcesAreHealthy();
          respond(exchange, ready ? 200 : 503, ready ? "ready" : "event sources not healthy");
        });
    http.createContext("/metrics", exchange -> respond(exchange, 200, registry.scrape()));
  }

  private static void respond(com.sun.net.httpserver.HttpExchange exchange, int code, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(code, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  public void start() {
    http.start();
    operator.start();
  }

  public void stop() {
    operator.stop();
    http.stop(0);
  }

  public int httpPort() {
    return http.getAddress().getPort();
  }

  public static void main(String[] args) throws IOException {
    OperatorConfig config = OperatorConfig.fromEnvironment(System.getenv());
    dev.tributary.operator.kafkaload.OAuthTokenUrls.allow(
        System.getenv(dev.tributary.operator.kafkaload.OAuthTokenUrls.ENV));
    KubernetesClient client = new KubernetesClientBuilder().build();
    var main = new OperatorMain(config, client);
    Runtime.getRuntime().addShutdownHook(new Thread(main::stop, "operator-stop"));
    main.start();
  }
}
