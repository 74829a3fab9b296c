package dev.tributary.worker;

import dev.tributary.contract.WorkerContract;
import io.prometheus.jmx.JmxCollector;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.Yaml;

/**
 * The worker's Prometheus endpoint, built into the distribution (no agent fetched at pod start):
 * Connect's MBeans through the JMX exporter's collector and rules, and the JVM's own metrics,
 * served by the Prometheus client's HTTP server on {@code /metrics}.
 */
final class WorkerMetrics {

  static final String DEFAULT_RULES = "/metrics/connect-rules.yaml";

  private WorkerMetrics() {}

  /** Starts the endpoint when {@code TRIBUTARY_METRICS_PORT} is set; empty when it is not. */
  static Optional<HTTPServer> startIfEnabled(Map<String, String> environment) throws Exception {
    String port = environment.get(WorkerContract.ENV_METRICS_PORT);
    if (port == null || port.isBlank()) {
      return Optional.empty();
    }
    String extra = null;
    String extraFile = environment.get(WorkerContract.ENV_METRICS_RULES);
    if (extraFile != null && Files.isRegularFile(Path.of(extraFile))) {
      extra = Files.readString(Path.of(extraFile));
    }
    String rules =
        rules(
            defaultRules(),
            extra,
            Map.of(
                "cluster", environment.getOrDefault(WorkerContract.ENV_CLUSTER, ""),
                "worker", environment.getOrDefault(WorkerContract.ENV_POD_NAME, "")));
    PrometheusRegistry registry = new PrometheusRegistry();
    new JmxCollector(rules).register(registry);
    JvmMetrics.builder().register(registry);
    return Optional.of(
        HTTPServer.builder()
            .hostname(environment.getOrDefault(WorkerContract.ENV_METRICS_BIND_ADDRESS, "0.0.0.0"))
            .port(Integer.parseInt(port.trim()))
            .registry(registry)
            .buildAndStart());
  }

  static String defaultRules() throws IOException {
    try (InputStream in = WorkerMetrics.class.getResourceAsStream(DEFAULT_RULES)) {
      if (in == null) {
        throw new IllegalStateException("the distribution lacks " + DEFAULT_RULES);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * The JMX exporter config the worker runs: the extra rules (a list, or a config with {@code
   * rules}) before the distribution's, so they win where both match, and {@code labels} added to
   * every rule that names its metric.
   */
  @SuppressWarnings("unchecked")
  static String rules(String defaults, String extra, Map<String, String> labels) {
    Yaml yaml = new Yaml();
    Map<String, Object> config = new LinkedHashMap<>((Map<String, Object>) yaml.load(defaults));
    List<Object> rules = new ArrayList<>();
    if (extra != null && !extra.isBlank()) {
      Object loaded = yaml.load(extra);
      if (loaded instanceof List<?> list) {
        rules.addAll(list);
      } else if (loaded instanceof Map<?, ?> map && map.get("rules") instanceof List<?> list) {
        rules.addAll(list);
      } else {
        throw new UserError(
            "metrics rules must be a list of JMX exporter rules, or a config with `rules`: "
                + WorkerContract.ENV_METRICS_RULES);
      }
    }
    rules.addAll((List<Object>) config.getOrDefault("rules", List.of()));
    List<Object> labelled = new ArrayList<>();
    for (Object rule : rules) {
      if (rule instanceof Map<?, ?> map && map.containsKey("name")) {
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
        Map<String, Object> ruleLabels = new LinkedHashMap<>();
        labels.forEach(
            (k, v) -> {
              if (!v.isEmpty()) ruleLabels.put(k, v);
            });
        if (map.get("labels") instanceof Map<?, ?> own) {
          ruleLabels.putAll((Map<String, Object>) own);
        }
        if (!ruleLabels.isEmpty()) {
          copy.put("labels", ruleLabels);
        }
        labelled.add(copy);
      } else {
        labelled.add(rule);
      }
    }
    config.put("rules", labelled);
    return yaml.dump(config);
  }
}
