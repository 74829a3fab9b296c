package dev.tributary.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a custom resource against our generated CRD the way an API server and {@code kubectl
 * apply} (strict field validation) would: schema defaults applied, OpenAPI schema, unknown fields,
 * and the CEL rules in {@code x-kubernetes-validations}. The mock API server checks none of this,
 * so this is how the tests prove the CRDs themselves.
 */
public final class CrdValidator {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final CelCompiler CEL =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("self", SimpleType.DYN)
          .build();
  private static final CelRuntime CEL_RUNTIME =
      CelRuntimeFactory.standardCelRuntimeBuilder().build();

  private final JsonNode openApiSchema;
  private final JsonSchema jsonSchema;

  private CrdValidator(JsonNode openApiSchema) {
    this.openApiSchema = openApiSchema;
    ObjectNode strict = strict(openApiSchema.deepCopy(), true);
    this.jsonSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(strict);
  }

  /** The validator for the CRD of {@code kind} in crds/. */
  public static CrdValidator forKind(String kind) throws IOException {
    for (Path file : MockApi.crdFiles()) {
      JsonNode crd = YAML.readTree(file.toFile());
      if (crd.at("/spec/names/kind").asText().equals(kind)) {
        return new CrdValidator(crd.at("/spec/versions/0/schema/openAPIV3Schema"));
      }
    }
    throw new IllegalArgumentException("no CRD for kind " + kind);
  }

  /** Problems with a resource given as YAML; empty when an API server would accept it. */
  public List<String> problems(String yaml) throws IOException {
    JsonNode resource = YAML.readTree(yaml);
    applyDefaults(openApiSchema, resource);
    List<String> problems = new ArrayList<>();
    for (ValidationMessage message : jsonSchema.validate(resource)) {
      problems.add(message.getMessage());
    }
    if (problems.isEmpty()) {
      celProblems(openApiSchema, resource, "$", problems);
    }
    return problems;
  }

  /**
   * Unknown fields are errors (kubectl's strict validation), except where the schema allows them.
   */
  private static ObjectNode strict(ObjectNode schema, boolean root) {
    if (root) {
      ObjectNode properties = (ObjectNode) schema.with("properties");
      properties.putObject("apiVersion").put("type", "string");
      properties.putObject("kind").put("type", "string");
      properties.putObject("metadata").put("type", "object");
    }
    if (schema.has("properties")
        && !schema.has("additionalProperties")
        && !schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
      schema.put("additionalProperties", false);
    }
    for (String key : List.of("properties")) {
      if (schema.has(key)) {
        schema.get(key).fields().forEachRemaining(e -> strict((ObjectNode) e.getValue(), false));
      }
    }
    for (String key : List.of("items", "additionalProperties")) {
      if (schema.get(key) instanceof ObjectNode child) {
        strict(child, false);
      }
    }
    return schema;
  }

  private static void applyDefaults(JsonNode schema, JsonNode value) {
    if (!(value instanceof ObjectNode object)) {
      if (value instanceof ArrayNode array && schema.has("items")) {
        array.forEach(item -> applyDefaults(schema.get("items"), item));
      }
      return;
    }
    JsonNode properties = schema.path("properties");
    for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
      var property = it.next();
      if (!object.has(property.getKey()) && property.getValue().has("default")) {
        object.set(property.getKey(), property.getValue().get("default").deepCopy());
      }
      if (object.has(property.getKey())) {
        applyDefaults(property.getValue(), object.get(property.getKey()));
      }
    }
  }

  private static void celProblems(
      JsonNode schema, JsonNode value, String path, List<String> problems) {
    for (JsonNode rule : schema.path("x-kubernetes-validations")) {
      if (!evaluates(rule.get("rule").asText(), value)) {
        String field = path + rule.path("fieldPath").asText("");
        problems.add(
            field
                + ": "
                + rule.path("message").asText("failed rule: " + rule.get("rule").asText()));
      }
    }
    if (value.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        var field = it.next();
        JsonNode child = schema.path("properties").path(field.getKey());
        if (!child.isMissingNode()) {
          celProblems(child, field.getValue(), path + "." + field.getKey(), problems);
        }
      }
    } else if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        celProblems(schema.get("items"), value.get(i), path + "[" + i + "]", problems);
      }
    }
  }

  private static boolean evaluates(String rule, JsonNode self) {
    try {
      CelRuntime.Program program = CEL_RUNTIME.createProgram(CEL.compile(rule).getAst());
      return Boolean.TRUE.equals(program.eval(Map.of("self", toCel(self))));
    } catch (Exception e) {
      throw new IllegalStateException(
          "CEL rule '" + rule + "' cannot be evaluated: " + e.getMessage(), e);
    }
  }

  /** JSON as CEL sees it: maps, lists, strings, booleans, 64-bit integers and doubles. */
  private static Object toCel(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> map.put(e.getKey(), toCel(e.getValue())));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(item -> list.add(toCel(item)));
      return list;
    }
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    return node.asText();
  }
}
