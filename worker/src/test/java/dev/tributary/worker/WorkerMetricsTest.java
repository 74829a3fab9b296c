package dev.tributary.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class WorkerMetricsTest {

  static final Map<String, String> LABELS =
      Map.of("cluster", "pipeline", "worker", "pipeline-connect-0");

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> rulesOf(String config) {
    return (List<Map<String, Object>>) ((Map<String, Object>) new Yaml().load(config)).get("rules");
  }

  @Test
  void everyNamedRuleCarriesTheClusterAndWorkerLabelsBesideItsOwn() throws Exception {
    var rules = rulesOf(WorkerMetrics.rules(WorkerMetrics.defaultRules(), null, LABELS));

    assertThat(rules).isNotEmpty();
    assertThat(rules)
        .allSatisfy(
            rule ->
                assertThat((Map<String, Object>) rule.get("labels"))
                    .containsEntry("cluster", "pipeline")
                    .containsEntry("worker", "pipeline-connect-0"));
    assertThat(rules.get(0).get("labels"))
        .isEqualTo(
            Map.of(
                "cluster",
                "pipeline",
                "worker",
                "pipeline-connect-0",
                "connector",
                "$1",
                "status",
                "$2"));
  }

  @Test
  void extraRulesComeFirstSoTheyWin() throws Exception {
    String extra =
        "- pattern: 'kafka.connect<type=connector-metrics, connector=(.+)><>status'\n  name: mine\n";

    var rules = rulesOf(WorkerMetrics.rules(WorkerMetrics.defaultRules(), extra, LABELS));

    assertThat(rules.get(0)).containsEntry("name", "mine");
    assertThat(rules.get(1)).containsEntry("name", "kafka_connect_connector_status");
    assertThat(
            rulesOf(
                    WorkerMetrics.rules(
                        WorkerMetrics.defaultRules(), "rules:\n" + extra.indent(2), LABELS))
                .get(0))
        .as("a whole config's rules are taken too")
        .containsEntry("name", "mine");
  }

  @Test
  void rulesThatAreNotAListAreRefusedNamingTheSetting() {
    assertThatThrownBy(() -> WorkerMetrics.rules("rules: []", "just: text", LABELS))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("TRIBUTARY_METRICS_RULES");
  }

  @Test
  void withoutAPortThereIsNoEndpoint() throws Exception {
    assertThat(WorkerMetrics.startIfEnabled(Map.of())).isEmpty();
  }
}
