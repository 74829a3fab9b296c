package dev.tributary.operator;

import com.sun.net.httpserver.HttpServer;
import dev.tributary.operator.cluster.KafkaConnectReconciler;
import dev.tributary.operator.connect.ConnectClients;
import dev.tributary.operator.connector.KafkaConnectorReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
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

  private final Operator operator;
  private final HttpServer http;
  private final KafkaConnectorReconciler connectors;

  /**
   * Builds, but does not start, the operator. Primary resources and status are patched with JSON
   * Patch, not server-side apply: the same on a real cluster and on the test API server, which has
   * no server-side apply.
   */
  public OperatorMain(OperatorConfig config, KubernetesClient client) throws IOException {
    this(config, client, new ConnectClients(ConnectClients.dns(config.hostsFile())));
  }

  /** As above, with the given Connect REST clients (tests count their calls). */
  public OperatorMain(OperatorConfig config, KubernetesClient client, ConnectClients connectClients)
      throws IOException {
    var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withUseSSAToPatchPrimaryResource(false)
                  .withSSABasedCreateUpdateMatchForDependentResources(false)
                  .withCloseClientOnStop(false)
                  .withReconciliationTerminationTimeout(Duration.ofSeconds(10))
                  .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry));
              if (config.leaderElection()) {
                o.withLeaderElectionConfiguration(
                    new LeaderElectionConfiguration(
                        "tributary-operator",
                        config.leaseNamespace(),
                        LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
                        LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
                        LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
                        null,
                        null,
                        config.exitOnLostLease()));
              }
            });
    var clusters =
        new KafkaConnectReconciler(
            config.workerImage(), connectClients, config.clusterPollInterval(), Clock.systemUTC());
    operator.register(
        clusters,
        o -> {
          if (!config.watchNamespaces().isEmpty()) {
            o.settingNamespaces(config.watchNamespaces());
          }
        });

    this.connectors =
        new KafkaConnectorReconciler(
            connectClients, config.connectorPollInterval(), Clock.systemUTC());
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
    connectors.close();
    http.stop(0);
  }

  public int httpPort() {
    return http.getAddress().getPort();
  }

  public static void main(String[] args) throws IOException {
    OperatorConfig config = OperatorConfig.fromEnvironment(System.getenv());
    KubernetesClient client = new KubernetesClientBuilder().build();
    var main = new OperatorMain(config, client);
    Runtime.getRuntime().addShutdownHook(new Thread(main::stop, "operator-stop"));
    main.start();
  }
}
