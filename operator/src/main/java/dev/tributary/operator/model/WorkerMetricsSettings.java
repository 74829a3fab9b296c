package dev.tributary.operator.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.api.v1alpha1.KafkaConnectSpec;
import dev.tributary.contract.WorkerContract;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a KafkaConnect's {@code spec.metrics} puts on its workers: the container port named {@code
 * metrics}, the environment that turns the worker's endpoint on, the conventional scrape
 * annotations, and the extra rules file in the ConfigMap.
 */
public record WorkerMetricsSettings(boolean enabled, Optional<String> extraRules) {

  public static final String PORT_NAME = "metrics";
  private static final ObjectMapper JSON = new ObjectMapper();

  public static WorkerMetricsSettings of(KafkaConnectSpec spec) {
    var metrics = spec.metrics;
    boolean enabled = metrics == null || metrics.enabled == null || metrics.enabled;
    Optional<String> rules = Optional.empty();
    if (enabled && metrics != null && metrics.rules != null && !metrics.rules.isEmpty()) {
      try {
        // JSON is YAML: the worker reads the list as JMX exporter rules.
        rules =
            Optional.of(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(metrics.rules));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("rules are plain data", e);
      }
    }
    return new WorkerMetricsSettings(enabled, rules);
  }

  /** The ConfigMap entries: the extra rules, when there are any. */
  public Map<String, String> configMapData() {
    return extraRules.map(r -> Map.of(WorkerContract.METRICS_RULES, r)).orElse(Map.of());
  }

  public List<EnvVar> env(ClusterNames names) {
    List<EnvVar> env = new ArrayList<>();
    if (!enabled) {
      return env;
    }
    env.add(
        new EnvVar(
            WorkerContract.ENV_METRICS_PORT, String.valueOf(WorkerContract.METRICS_PORT), null));
    env.add(new EnvVar(WorkerContract.ENV_CLUSTER, names.cluster(), null));
    if (extraRules.isPresent()) {
      env.add(
          new EnvVar(
              WorkerContract.ENV_METRICS_RULES,
              WorkerContract.CONFIG_DIR + "/" + WorkerContract.METRICS_RULES,
              null));
    }
    return env;
  }

  public List<ContainerPort> ports() {
    if (!enabled) {
      return List.of();
    }
    return List.of(
        new ContainerPortBuilder()
            .withName(PORT_NAME)
            .withContainerPort(WorkerContract.METRICS_PORT)
            .withProtocol("TCP")
            .build());
  }

  /** The annotations Prometheus' kubernetes_sd examples and many charts scrape by. */
  public Map<String, String> podAnnotations() {
    var annotations = new TreeMap<String, String>();
    if (enabled) {
      annotations.put("prometheus.io/scrape", "true");
      annotations.put("prometheus.io/port", String.valueOf(WorkerContract.METRICS_PORT));
      annotations.put("prometheus.io/path", "/metrics");
    }
    return annotations;
  }
}
