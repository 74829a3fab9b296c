package dev.tributary.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Argo CD health checks (deploy/argocd) and the Flux health expressions (deploy/flux) give the
 * same verdict on statuses the operator wrote in the sandbox (operator/src/test/resources/
 * health-fixtures, captured with kubectl get -o yaml), and on the moments just after an edit, with
 * no status yet, and while a delete waits on the finalizer.
 */
class GitOpsHealthTest {

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final Path FIXTURES =
      MockApi.repo().resolve("operator/src/test/resources/health-fixtures");

  /** A resource, and what Argo CD and Flux must say of it (null: Flux does not check it). */
  record Case(String name, ObjectNode resource, String argo, String flux) {
    @Override
    public String toString() {
      return name;
    }
  }

  static ObjectNode fixture(String file) throws Exception {
    return (ObjectNode) YAML.readTree(FIXTURES.resolve(file).toFile());
  }

  static Stream<Case> cases() throws Exception {
    ObjectNode edited = fixture("kafkaconnector-ready.yaml");
    ((ObjectNode) edited.get("metadata"))
        .put("generation", edited.at("/metadata/generation").asInt() + 1);
    ObjectNode unseen = fixture("kafkaconnect-ready.yaml");
    unseen.remove("status");
    ObjectNode deleting = fixture("kafkaconnector-ready.yaml");
    ((ObjectNode) deleting.get("metadata")).put("deletionTimestamp", "2026-12-01T10:00:00Z");
    return Stream.of(
        new Case("cluster ready", fixture("kafkaconnect-ready.yaml"), "Healthy", "Current"),
        new Case(
            "cluster scaling", fixture("kafkaconnect-scaling.yaml"), "Progressing", "InProgress"),
        new Case(
            "cluster whose plugin cannot be fetched",
            fixture("kafkaconnect-init-container-failed.yaml"),
            "Degraded",
            "Failed"),
        new Case(
            "cluster scaled to 0",
            fixture("kafkaconnect-scaled-to-zero.yaml"),
            "Suspended",
            "Current"),
        new Case("connector running", fixture("kafkaconnector-ready.yaml"), "Healthy", "Current"),
        new Case("connector paused", fixture("kafkaconnector-paused.yaml"), "Suspended", "Current"),
        new Case(
            "connector without its cluster",
            fixture("kafkaconnector-cluster-not-found.yaml"),
            "Degraded",
            "Failed"),
        new Case(
            "connector config rejected",
            fixture("kafkaconnector-invalid-config.yaml"),
            "Degraded",
            "Failed"),
        new Case(
            "connector task failed",
            fixture("kafkaconnector-task-failed.yaml"),
            "Degraded",
            "Failed"),
        new Case("connector just edited", edited, "Progressing", "InProgress"),
        new Case("cluster before any status", unseen, "Progressing", "InProgress"),
        new Case("connector being deleted", deleting, "Progressing", null));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void argoCdAndFluxAgreeOnWhatTheOperatorWrote(Case c) throws Exception {
    String argo = ArgoCdHealthTest.health(YAML.writeValueAsString(c.resource()));
    assertThat(argo).as("Argo CD").startsWith(c.argo() + ":");
    if (c.flux() != null) {
      assertThat(flux(c.resource())).as("Flux").isEqualTo(c.flux());
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void argoCdSaysWhyAndNamesAPendingFinalizer(Case c) throws Exception {
    String argo = ArgoCdHealthTest.health(YAML.writeValueAsString(c.resource()));
    if (c.resource().at("/metadata/deletionTimestamp").isTextual()) {
      assertThat(argo)
          .isEqualTo(
              "Progressing: Deleting: waiting for finalizer kafkaconnectors.tributary.dev/finalizer");
    } else if (c.argo().equals("Degraded")) {
      JsonNode degraded = null;
      for (JsonNode condition : c.resource().at("/status/conditions")) {
        if (condition.path("type").asText().equals("Degraded")) {
          degraded = condition;
        }
      }
      assertThat(argo)
          .isEqualTo(
              "Degraded: "
                  + degraded.path("reason").asText()
                  + ": "
                  + degraded.path("message").asText());
    }
  }

  @org.junit.jupiter.api.Test
  void everyCapturedStatusIsChecked() throws Exception {
    List<String> used = new ArrayList<>();
    cases().forEach(c -> used.add(c.resource().toString()));
    try (var files = Files.list(FIXTURES)) {
      for (Path file : files.toList()) {
        assertThat(used)
            .as(file.getFileName().toString())
            .contains(fixture(file.getFileName().toString()).toString());
      }
    }
  }

  /**
   * Flux's verdict from deploy/flux: {@code inProgress}, then {@code failed}, then {@code current},
   * else InProgress, each evaluated with the resource's top-level fields as variables.
   */
  static String flux(ObjectNode resource) throws Exception {
    JsonNode entry = null;
    for (JsonNode candidate :
        YAML.readTree(MockApi.repo().resolve("deploy/flux/health-check-exprs.yaml").toFile())
            .path("healthCheckExprs")) {
      if (candidate.path("kind").asText().equals(resource.path("kind").asText())) {
        entry = candidate;
      }
    }
    assertThat(entry).as("an entry for " + resource.path("kind").asText()).isNotNull();
    if (evaluates(entry.path("inProgress").asText(), resource)) {
      return "InProgress";
    }
    if (evaluates(entry.path("failed").asText(), resource)) {
      return "Failed";
    }
    return evaluates(entry.path("current").asText(), resource) ? "Current" : "InProgress";
  }

  static final List<String> TOP_LEVEL = List.of("apiVersion", "kind", "metadata", "spec", "status");

  static boolean evaluates(String expression, ObjectNode resource) throws Exception {
    var compiler =
        CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS);
    TOP_LEVEL.forEach(name -> compiler.addVar(name, SimpleType.DYN));
    CelCompiler cel = compiler.build();
    CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().build();
    Map<String, Object> variables = new LinkedHashMap<>();
    for (String name : TOP_LEVEL) {
      variables.put(
          name,
          YAML.convertValue(
              resource.path(name).isMissingNode() ? YAML.createObjectNode() : resource.get(name),
              Object.class));
    }
    Object result =
        runtime.createProgram(cel.compile(expression).getAst()).eval(normalise(variables));
    return Boolean.TRUE.equals(result);
  }

  /** JSON numbers as CEL's 64-bit integers and doubles. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> normalise(Map<String, Object> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(k, normaliseValue(v)));
    return out;
  }

  @SuppressWarnings("unchecked")
  static Object normaliseValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      return normalise((Map<String, Object>) map);
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(item -> out.add(normaliseValue(item)));
      return out;
    }
    if (value instanceof Integer i) {
      return i.longValue();
    }
    return value;
  }
}
