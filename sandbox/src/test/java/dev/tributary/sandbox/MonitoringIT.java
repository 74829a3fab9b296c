package dev.tributary.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tributary.sandbox.process.Records;
import io.fabric8.kubernetes.api.model.Pod;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The metrics a platform team watches, scraped from a real worker and the real operator in the
 * sandbox while records flow: every metric name the shipped dashboard and alerts use is exported,
 * with the labels they group by.
 */
@ExtendWith(SharedKafka.class)
class MonitoringIT {

  static final Duration WITHIN = Duration.ofSeconds(120);
  static final Pattern METRIC = Pattern.compile("\\b((?:kafka_connect|tributary|jvm)_[a-z0-9_]+)");

  Sandbox sandbox;
  Path input;
  Path output;
  final String topic = "monitoring-lines-" + System.nanoTime();
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    Path dir = TestPaths.freshDir("monitoring");
    input = dir.resolve("in.txt");
    output = dir.resolve("out.txt");
    Files.createFile(input);
    sandbox = Sandbox.start(TestPaths.repo(), TestPaths.workerHome(), dir, SharedKafka.broker());
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void everyMetricTheDashboardAndAlertsUseIsExportedByAWorkerOrTheOperator() throws Exception {
    for (String file :
        List.of("kafka-connect.yaml", "file-source-connector.yaml", "file-sink-connector.yaml")) {
      sandbox.apply(Examples.example(file, input, output, topic));
    }
    List<String> lines = Records.numbered("metered-", 1, 20);
    Records.appendLines(input, lines);
    await()
        .atMost(WITHIN)
        .untilAsserted(() -> assertThat(Records.linesOf(output)).containsAll(lines));

    Set<String> used = new TreeSet<>();
    used.addAll(namesIn(alertExpressions()));
    used.addAll(namesIn(dashboardExpressions()));
    assertThat(used).as("the dashboard and alerts use metrics").hasSizeGreaterThan(20);

    await()
        .atMost(WITHIN)
        .untilAsserted(
            () -> {
              String scraped = scrapeEverything();
              Set<String> exported = namesIn(List.of(scraped));
              assertThat(exported).as("exported by a worker or the operator").containsAll(used);
              assertThat(scraped)
                  .as("a worker's series carry cluster, connector, task and worker")
                  .containsPattern(
                      "kafka_connect_task_status\\{cluster=\"pipeline\",connector=\"file-sink\","
                          + "status=\"running\",task=\"0\",worker=\"pipeline-connect-[01]\"\\} 1\\.0")
                  .containsPattern(
                      "kafka_connect_sink_task_records_lag_max\\{cluster=\"pipeline\","
                          + "connector=\"file-sink\",task=\"0\",worker=\"pipeline-connect-[01]\"\\}")
                  .containsPattern(
                      "tributary_connector_observed_state\\{cluster=\"pipeline\","
                          + "connector=\"file-source\",namespace=\"sandbox\",state=\"running\"\\} 1\\.0");
            });
  }

  String scrapeEverything() throws Exception {
    StringBuilder all = new StringBuilder(get(sandbox.harness().operatorUrl() + "/metrics"));
    for (Pod pod : sandbox.client().pods().inNamespace(Sandbox.NAMESPACE).list().getItems()) {
      if (pod.getStatus() != null && pod.getStatus().getPodIP() != null) {
        all.append(get("http://" + pod.getStatus().getPodIP() + ":9404/metrics"));
      }
    }
    return all.toString();
  }

  String get(String url) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url).isEqualTo(200);
    return response.body();
  }

  static Set<String> namesIn(List<String> texts) {
    Set<String> names = new TreeSet<>();
    for (String text : texts) {
      Matcher matcher = METRIC.matcher(text);
      while (matcher.find()) {
        names.add(matcher.group(1));
      }
    }
    return names;
  }

  static List<String> alertExpressions() throws Exception {
    JsonNode rule =
        new ObjectMapper(new YAMLFactory())
            .readTree(TestPaths.repo().resolve("deploy/monitoring/prometheusrule.yaml").toFile());
    List<String> expressions = new ArrayList<>();
    rule.at("/spec/groups")
        .forEach(g -> g.get("rules").forEach(r -> expressions.add(r.get("expr").asText())));
    return expressions;
  }

  static List<String> dashboardExpressions() throws Exception {
    JsonNode dashboard =
        new ObjectMapper()
            .readTree(
                TestPaths.repo().resolve("deploy/monitoring/tributary-dashboard.json").toFile());
    List<String> expressions = new ArrayList<>();
    dashboard.findValues("expr").forEach(e -> expressions.add(e.asText()));
    return expressions;
  }
}
