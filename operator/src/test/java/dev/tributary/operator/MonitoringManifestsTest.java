package dev.tributary.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tributary.api.v1alpha1.KafkaConnectSpec;
import dev.tributary.operator.model.ClusterNames;
import dev.tributary.operator.model.WorkerMetricsSettings;
import dev.tributary.operator.model.WorkerResources;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * deploy/monitoring fits what the operator creates: the worker PodMonitor selects the labels and
 * port the workers get, the operator's the port its Deployment names; the kustomization names files
 * that exist; every alert has a summary and a severity; the dashboard is one Grafana JSON.
 */
class MonitoringManifestsTest {

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final Path MONITORING = MockApi.repo().resolve("deploy/monitoring");

  static List<JsonNode> documents(Path file) throws Exception {
    List<JsonNode> documents = new ArrayList<>();
    try (var parser = YAML.getFactory().createParser(file.toFile())) {
      YAML.readValues(parser, JsonNode.class).forEachRemaining(documents::add);
    }
    return documents;
  }

  JsonNode podMonitor(String name) throws Exception {
    return documents(MONITORING.resolve("podmonitors.yaml")).stream()
        .filter(d -> d.at("/metadata/name").asText().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theWorkerPodMonitorSelectsWorkerPodsOnTheirMetricsPort() throws Exception {
    var names = new ClusterNames("pipeline", "data");
    var spec = new KafkaConnectSpec();
    spec.bootstrapServers = "kafka:9092";
    var pod = WorkerResources.statefulSet(names, spec, "image", "hash").getSpec().getTemplate();
    JsonNode monitor = podMonitor("tributary-connect-workers");

    Map<String, String> selector =
        YAML.convertValue(monitor.at("/spec/selector/matchLabels"), Map.class);
    assertThat(pod.getMetadata().getLabels()).containsAllEntriesOf(selector);
    assertThat(monitor.at("/spec/podMetricsEndpoints/0/port").asText())
        .isEqualTo(WorkerMetricsSettings.PORT_NAME);
    assertThat(pod.getSpec().getContainers().get(0).getPorts())
        .anyMatch(p -> p.getName().equals(WorkerMetricsSettings.PORT_NAME));
    assertThat(monitor.at("/spec/podMetricsEndpoints/0/relabelings/0/sourceLabels/0").asText())
        .as("Prometheus' name for the pod label tributary.dev/cluster")
        .isEqualTo("__meta_kubernetes_pod_label_tributary_dev_cluster");
  }

  @Test
  void theOperatorPodMonitorUsesThePortTheDeploymentNames() throws Exception {
    Deployment operator =
        DeployManifestsTest.manifests("deploy").stream()
            .filter(o -> o instanceof Deployment)
            .map(o -> (Deployment) o)
            .findFirst()
            .orElseThrow();
    JsonNode monitor = podMonitor("tributary-operator");

    assertThat(operator.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(
            YAML.convertValue(monitor.at("/spec/selector/matchLabels"), Map.class));
    assertThat(operator.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts())
        .anyMatch(p -> p.getName().equals(monitor.at("/spec/podMetricsEndpoints/0/port").asText()));
  }

  @Test
  void theKustomizationNamesFilesThatExistAndEveryAlertSaysWhatAndHowBad() throws Exception {
    JsonNode kustomization = YAML.readTree(MONITORING.resolve("Kustomization").toFile());
    List<String> files = new ArrayList<>();
    kustomization.path("resources").forEach(r -> files.add(r.asText()));
    kustomization.at("/configMapGenerator/0/files").forEach(f -> files.add(f.asText()));
    assertThat(files).isNotEmpty().allMatch(f -> Files.isRegularFile(MONITORING.resolve(f)));

    JsonNode rule = documents(MONITORING.resolve("prometheusrule.yaml")).get(0);
    List<JsonNode> alerts = new ArrayList<>();
    rule.at("/spec/groups").forEach(g -> g.path("rules").forEach(alerts::add));
    assertThat(alerts)
        .hasSizeGreaterThanOrEqualTo(7)
        .allSatisfy(
            alert -> {
              assertThat(alert.path("alert").asText()).startsWith("Tributary");
              assertThat(alert.path("expr").asText()).isNotBlank();
              assertThat(alert.at("/labels/severity").asText()).isIn("warning", "critical");
              assertThat(alert.at("/annotations/summary").asText()).isNotBlank();
            });
  }

  @Test
  void theDashboardIsOneGrafanaDashboardWithUniquePanelsAndVariables() throws Exception {
    JsonNode dashboard =
        new ObjectMapper().readTree(MONITORING.resolve("tributary-dashboard.json").toFile());

    assertThat(dashboard.path("uid").asText()).isEqualTo("tributary-connect");
    var ids = new HashSet<Integer>();
    dashboard.path("panels").forEach(p -> assertThat(ids.add(p.path("id").asInt())).isTrue());
    List<String> variables = new ArrayList<>();
    dashboard.at("/templating/list").forEach(v -> variables.add(v.path("name").asText()));
    assertThat(variables).contains("datasource", "namespace", "cluster", "connector");
    dashboard
        .findValues("expr")
        .forEach(e -> assertThat(e.asText()).doesNotContain("$cluster}").isNotBlank());
  }
}
