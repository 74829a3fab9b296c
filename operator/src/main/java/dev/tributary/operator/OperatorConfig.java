package dev.tributary.operator;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operator's configuration, read once from the environment.
 *
 * @param watchNamespaces namespaces to watch; empty means all
 * @param workerImage image of worker pods whose KafkaConnect names none
 * @param leaderElection whether to take a Lease before reconciling (two replicas can run)
 * @param operatorNamespace the operator's own namespace: its Lease, and the only namespace workers
 *     admit it from
 * @param exitOnLostLease exit the process when leadership is lost, so Kubernetes restarts it
 * @param httpPort port of /healthz, /readyz and /metrics
 * @param clusterPollInterval how often a ready cluster's REST API is asked again
 * @param connectorPollInterval how often each cluster's connectors are polled (one REST call)
 */
public record OperatorConfig(
    Set<String> watchNamespaces,
    String workerImage,
    boolean leaderElection,
    String operatorNamespace,
    boolean exitOnLostLease,
    int httpPort,
    Duration clusterPollInterval,
    Duration connectorPollInterval) {

  public static final String DEFAULT_WORKER_IMAGE = "ghcr.io/tributary-dev/worker:0.1.0";

  /** The configuration of an operator run with no environment set. */
  public static OperatorConfig defaults() {
    return fromEnvironment(Map.of());
  }

  public static OperatorConfig fromEnvironment(Map<String, String> env) {
    return new OperatorConfig(
        Arrays.stream(env.getOrDefault("WATCH_NAMESPACES", "").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toUnmodifiableSet()),
        env.getOrDefault("TRIBUTARY_WORKER_IMAGE", DEFAULT_WORKER_IMAGE),
        Boolean.parseBoolean(env.getOrDefault("LEADER_ELECTION", "true")),
        env.getOrDefault("OPERATOR_NAMESPACE", "tributary"),
        true,
        Integer.parseInt(env.getOrDefault("HTTP_PORT", "8080")),
        Duration.ofSeconds(Long.parseLong(env.getOrDefault("CLUSTER_POLL_SECONDS", "30"))),
        Duration.ofMillis(Long.parseLong(env.getOrDefault("CONNECTOR_POLL_MILLIS", "2000"))));
  }

  public OperatorConfig withWorkerImage(String image) {
    return new OperatorConfig(
        watchNamespaces,
        image,
        leaderElection,
        operatorNamespace,
        exitOnLostLease,
        httpPort,
        clusterPollInterval,
        connectorPollInterval);
  }

  /** Leader election in {@code namespace}, or none when it is null; never exits the process. */
  public OperatorConfig withLeaderElection(String namespace) {
    return new OperatorConfig(
        watchNamespaces,
        workerImage,
        namespace != null,
        namespace == null ? operatorNamespace : namespace,
        false,
        httpPort,
        clusterPollInterval,
        connectorPollInterval);
  }

  /** An ephemeral port for /healthz, /readyz and /metrics. */
  public OperatorConfig withAnyHttpPort() {
    return new OperatorConfig(
        watchNamespaces,
        workerImage,
        leaderElection,
        operatorNamespace,
        exitOnLostLease,
        0,
        clusterPollInterval,
        connectorPollInterval);
  }

  public OperatorConfig withPollIntervals(Duration cluster, Duration connectors) {
    return new OperatorConfig(
        watchNamespaces,
        workerImage,
        leaderElection,
        operatorNamespace,
        exitOnLostLease,
        httpPort,
        cluster,
        connectors);
  }
}
