package dev.tributary.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * The Argo CD health checks in deploy/argocd, run as Argo CD runs them (a Lua 5.1 engine with the
 * resource as {@code obj}) against statuses the operator writes.
 */
class ArgoCdHealthTest {

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static JsonNode checks() throws Exception {
    return YAML.readTree(
        Files.readString(MockApi.repo().resolve("deploy/argocd/argocd-cm-health.yaml")));
  }

  /** Argo CD's status and message for a resource given as YAML. */
  static String health(String resource) throws Exception {
    String script =
        checks().at("/data/resource.customizations.health.tributary.dev_KafkaConnector").asText();
    Globals globals = JsePlatform.standardGlobals();
    globals.set("obj", toLua(YAML.readTree(resource)));
    LuaTable result = (LuaTable) globals.load(script).call();
    return result.get("status").tojstring() + ": " + result.get("message").tojstring();
  }

  static LuaValue toLua(JsonNode node) {
    if (node.isObject()) {
      LuaTable table = new LuaTable();
      node.fields().forEachRemaining(e -> table.set(e.getKey(), toLua(e.getValue())));
      return table;
    }
    if (node.isArray()) {
      LuaTable table = new LuaTable();
      for (int i = 0; i < node.size(); i++) {
        table.set(i + 1, toLua(node.get(i)));
      }
      return table;
    }
    if (node.isNumber()) {
      return LuaValue.valueOf(node.asDouble());
    }
    if (node.isBoolean()) {
      return LuaValue.valueOf(node.asBoolean());
    }
    return node.isNull() ? LuaValue.NIL : LuaValue.valueOf(node.asText());
  }

  static String connector(int generation, String status) {
    return """
        apiVersion: tributary.dev/v1alpha1
        kind: KafkaConnector
        metadata: {name: file-source, generation: %d}
        """
            .formatted(generation)
        + status;
  }

  static String conditions(int observed, String ready, String reason, String degraded) {
    return """
        status:
          observedGeneration: %d
          conditions:
            - {type: Ready, status: "%s", reason: %s, message: "the message"}
            - {type: Degraded, status: "%s", reason: %s, message: "what is wrong"}
        """
        .formatted(observed, ready, reason, degraded, reason);
  }

  @Test
  void bothKindsHaveTheSameCheck() throws Exception {
    assertThat(checks().at("/data/resource.customizations.health.tributary.dev_KafkaConnect"))
        .isEqualTo(
            checks().at("/data/resource.customizations.health.tributary.dev_KafkaConnector"));
  }

  @Test
  void healthyOnlyWhenTheLatestGenerationIsObservedAndReady() throws Exception {
    assertThat(health(connector(1, "")))
        .as("no status yet")
        .startsWith("Progressing: Waiting for the operator");
    assertThat(health(connector(2, conditions(1, "True", "Ready", "False"))))
        .as("a just-edited connector is not Healthy on the old status")
        .isEqualTo("Progressing: Waiting for the operator to observe generation 2");
    assertThat(health(connector(2, conditions(2, "True", "Ready", "False"))))
        .isEqualTo("Healthy: the message");
  }

  @Test
  void failuresAreDegradedAndWaitsProgressing() throws Exception {
    assertThat(health(connector(1, conditions(1, "False", "InvalidSpec", "True"))))
        .isEqualTo("Degraded: InvalidSpec: what is wrong");
    assertThat(health(connector(1, conditions(1, "False", "Starting", "False"))))
        .isEqualTo("Progressing: Starting: the message");
    assertThat(health(connector(1, conditions(1, "True", "Paused", "False"))))
        .isEqualTo("Suspended: the message");
    assertThat(health(connector(1, conditions(1, "False", "ScaledToZero", "False"))))
        .isEqualTo("Suspended: the message");
  }
}
