package dev.tributary.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart in deploy/helm/tributary, through Helm itself (helm-java bundles it): it lints,
 * its default rendering is exactly what {@code kubectl apply -f crds/ -f deploy/} installs (so the
 * RBAC that RbacCoverageIT proves is the chart's too), and its values do what they say.
 */
class HelmChartTest {

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final Path CHART = MockApi.repo().resolve("deploy/helm/tributary");

  static Map<String, JsonNode> render(UnaryOperator<TemplateCommand> values) throws Exception {
    String manifests =
        values
            .apply(new Helm(CHART).template().withName("tributary").withNamespace("tributary"))
            .call();
    return byKey(manifests);
  }

  /** Objects by {@code kind/namespace/name}, comments and document markers aside. */
  static Map<String, JsonNode> byKey(String yaml) throws Exception {
    Map<String, JsonNode> objects = new TreeMap<>();
    try (var parser = YAML.getFactory().createParser(yaml)) {
      YAML.readValues(parser, JsonNode.class)
          .forEachRemaining(
              o -> {
                if (o != null && !o.isEmpty()) {
                  objects.put(key(o), o);
                }
              });
    }
    return objects;
  }

  static String key(JsonNode o) {
    return o.path("kind").asText()
        + "/"
        + o.at("/metadata/namespace").asText()
        + "/"
        + o.at("/metadata/name").asText();
  }

  static Map<String, JsonNode> folder(Path folder) throws Exception {
    Map<String, JsonNode> objects = new TreeMap<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.toString().matches(".*\\.ya?ml$")).sorted().toList()) {
        objects.putAll(byKey(Files.readString(file)));
      }
    }
    return objects;
  }

  @Test
  void theChartLints() {
    var lint = new Helm(CHART).lint().strict().call();
    assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
  }

  @Test
  void theDefaultRenderingIsWhatKubectlApplyInstalls() throws Exception {
    Map<String, JsonNode> deploy = folder(MockApi.repo().resolve("deploy"));
    deploy.keySet().removeIf(k -> k.startsWith("Namespace/"));

    assertThat(render(t -> t)).as("helm template, default values").isEqualTo(deploy);
  }

  @Test
  void theChartCarriesTheSameCrdsAndDashboardAsTheRepository() throws Exception {
    for (String crd :
        List.of("kafkaconnects.tributary.dev-v1.yml", "kafkaconnectors.tributary.dev-v1.yml")) {
      assertThat(CHART.resolve("crds").resolve(crd))
          .as("copy crds/%s into the chart's crds/ after regenerating them", crd)
          .hasSameTextualContentAs(MockApi.repo().resolve("crds").resolve(crd));
    }
    assertThat(CHART.resolve("files/tributary-dashboard.json"))
        .hasSameTextualContentAs(
            MockApi.repo().resolve("deploy/monitoring/tributary-dashboard.json"));
  }

  @Test
  void valuesChangeWhatTheySay(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path values =
        Files.writeString(
            dir.resolve("values.yaml"),
            "watchNamespaces: [team-a, team-b]\n"
                + "oauthTokenUrls: [https://idp.example/token, https://idp2.example/token]\n");
    Map<String, JsonNode> rendered =
        render(
            t ->
                t.withValuesFile(values)
                    .set("leaderElection", false)
                    .set("image.tag", "1.2.3")
                    .set("image.pullPolicy", "IfNotPresent")
                    .set("workerImage", "registry.example/worker:1.2.3")
                    .set("logLevel", "DEBUG")
                    .set("resources.limits.memory", "1Gi")
                    .set("metrics.podMonitors", true)
                    .set("metrics.prometheusRule", true)
                    .set("metrics.dashboard", true));

    JsonNode container =
        rendered
            .get("Deployment/tributary/tributary-operator")
            .at("/spec/template/spec/containers/0");
    assertThat(container.path("image").asText()).isEqualTo("ghcr.io/tributary-dev/operator:1.2.3");
    assertThat(container.path("imagePullPolicy").asText()).isEqualTo("IfNotPresent");
    assertThat(env(container))
        .containsEntry("WATCH_NAMESPACES", "team-a,team-b")
        .containsEntry("LEADER_ELECTION", "false")
        .containsEntry("TRIBUTARY_WORKER_IMAGE", "registry.example/worker:1.2.3")
        .containsEntry("LOG_LEVEL", "DEBUG")
        .containsEntry(
            "TRIBUTARY_OAUTH_TOKEN_URLS", "https://idp.example/token,https://idp2.example/token");
    assertThat(container.at("/resources/limits/memory").asText()).isEqualTo("1Gi");
    assertThat(rendered.keySet())
        .as("no Lease role without leader election")
        .noneMatch(k -> k.startsWith("Role/"));

    Map<String, JsonNode> monitoring = folder(MockApi.repo().resolve("deploy/monitoring"));
    assertThat(rendered)
        .as("the same PodMonitors and alerts as deploy/monitoring")
        .containsAllEntriesOf(monitoring);
    JsonNode dashboard = rendered.get("ConfigMap/tributary/tributary-grafana-dashboard");
    assertThat(dashboard.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
    assertThat(YAML.readTree(dashboard.at("/data/tributary-dashboard.json").asText()))
        .isEqualTo(
            new ObjectMapper()
                .readTree(
                    MockApi.repo().resolve("deploy/monitoring/tributary-dashboard.json").toFile()));
  }

  @Test
  void twoOperatorsWithoutLeaderElectionAreRefused() {
    assertThatThrownBy(() -> render(t -> t.set("replicas", 2).set("leaderElection", false)))
        .hasMessageContaining("replicas > 1 needs leaderElection: true");
  }

  static Map<String, String> env(JsonNode container) {
    Map<String, String> env = new TreeMap<>();
    container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
    return env;
  }
}
