package dev.tributary.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
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
 * Checks a custom resource against our generated CRD the way an API server does: schema defaults
 * applied, unknown fields pruned (or refused, as with {@code kubectl}'s strict field validation),
 * the OpenAPI schema, and the CEL rules in {@code x-kubernetes-validations}. The CRD tests prove
 * the CRDs with it, and the sandbox's API stand-in validates every write with it.
 */
public final class CrdValidator {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final CelCompiler CEL =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("self", SimpleType.DYN)
          .addVar("oldSelf", SimpleType.DYN)
          .build();
  private static final CelRuntime CEL_RUNTIME =
      CelRuntimeFactory.standardCelRuntimeBuilder().build();

  /** One field an API server refuses, and why: what a {@code 422 Invalid} lists as causes. */
  public record Problem(String field, String message) {
    @Override
    public String toString() {
      return field + ": " + message;
    }
  }

  /**
   * What an API server makes of a write: the resource as it would be stored (defaults applied,
   * unknown fields pruned), the unknown fields it pruned, and the problems that refuse it.
   */
  public record Verdict(ObjectNode stored, List<String> unknownFields, List<Problem> problems) {}

  /**
   * JSON Schema draft 4, knowing Kubernetes' own keywords as annotations: they are checked
   * elsewhere (CEL, int-or-string, preserved fields), and the library warns of every unknown one.
   */
  private static final JsonSchemaFactory SCHEMAS =
      JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4))
          .metaSchema(
              JsonMetaSchema.builder(JsonMetaSchema.getV4())
                  .keywords(
                      java.util.stream.Stream.of(
                              "x-kubernetes-validations",
                              "x-kubernetes-preserve-unknown-fields",
                              "x-kubernetes-int-or-string",
                              "x-kubernetes-embedded-resource",
                              "x-kubernetes-list-type",
                              "x-kubernetes-list-map-keys",
                              "x-kubernetes-map-type")
                          .map(NonValidationKeyword::new)
                          .toList())
                  .build())
          .build();

  private final JsonNode openApiSchema;
  private final JsonSchema jsonSchema;

  private CrdValidator(JsonNode openApiSchema) {
    this.openApiSchema = openApiSchema;
    ObjectNode strict = strict(openApiSchema.deepCopy(), true);
    this.jsonSchema = SCHEMAS.getSchema(strict);
  }

  /** The validator for a CRD (its first version's schema). */
  public static CrdValidator of(JsonNode crd) {
    return new CrdValidator(crd.at("/spec/versions/0/schema/openAPIV3Schema"));
  }

  /** The validator for the CRD of {@code kind} among the CRD files in {@code crdFolder}. */
  public static CrdValidator forKind(Path crdFolder, String kind) throws IOException {
    try (var files = java.nio.file.Files.list(crdFolder)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
        JsonNode crd = YAML.readTree(file.toFile());
        if (crd.at("/spec/names/kind").asText().equals(kind)) {
          return of(crd);
        }
      }
    }
    throw new IllegalArgumentException("no CRD for kind " + kind + " in " + crdFolder);
  }

  /** Problems with a resource given as YAML, unknown fields included; empty when accepted. */
  public List<String> problems(String yaml) throws IOException {
    JsonNode resource = YAML.readTree(yaml);
    applyDefaults(openApiSchema, resource);
    List<String> problems = new ArrayList<>();
    for (ValidationMessage message : jsonSchema.validate(resource)) {
      problems.add(message.getMessage());
    }
    if (problems.isEmpty()) {
      celProblems(openApiSchema, resource, null, "$", problems);
    }
    return problems;
  }

  /**
   * What an API server does with a write of {@code resource}: apply defaults, prune fields the
   * schema does not know, then check the name, the schema and the CEL rules. The rest of the
   * metadata and the status are not checked here.
   */
  public Verdict review(ObjectNode resource) {
    return review(resource, null);
  }

  /**
   * What an API server does with an update of {@code old} to {@code resource}: as {@link
   * #review(ObjectNode)}, and the transition rules ({@code oldSelf}) checked where the old object
   * has a value, as an API server checks them.
   */
  public Verdict review(ObjectNode resource, ObjectNode old) {
    ObjectNode stored = resource.deepCopy();
    List<String> unknown = new ArrayList<>();
    if (stored.has("spec")) {
      prune(openApiSchema.path("properties").path("spec"), stored.get("spec"), "spec", unknown);
    }
    applyDefaults(openApiSchema, stored);
    ObjectNode checked = stored.deepCopy();
    checked.remove("status");
    List<Problem> problems = new ArrayList<>();
    String name = resource.at("/metadata/name").asText("");
    if (!name.isEmpty() && !isDnsSubdomain(name)) {
      problems.add(new Problem("metadata.name", invalidName(name)));
    }
    for (ValidationMessage message : jsonSchema.validate(checked)) {
      String field = message.getInstanceLocation().toString().replaceFirst("^\\$\\.?", "");
      problems.add(new Problem(field.isEmpty() ? "<root>" : field, detail(message)));
    }
    if (problems.isEmpty()) {
      List<String> celProblems = new ArrayList<>();
      celProblems(openApiSchema, checked, old, "$", celProblems);
      for (String problem : celProblems) {
        int colon = problem.indexOf(": ");
        problems.add(
            new Problem(
                problem.substring(0, colon).replaceFirst("^\\$\\.?", ""),
                problem.substring(colon + 2)));
      }
    }
    return new Verdict(stored, unknown, problems);
  }

  /** What an API server requires of a custom resource's name (RFC 1123 subdomain). */
  static boolean isDnsSubdomain(String name) {
    return name.length() <= 253
        && name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  }

  private static String invalidName(String name) {
    return "Invalid value: \""
        + name
        + "\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters,"
        + " '-' or '.', and must start and end with an alphanumeric character (at most 253"
        + " characters)";
  }

  private static String detail(ValidationMessage message) {
    String text = message.getMessage();
    String location = message.getInstanceLocation().toString();
    return text.startsWith(location + ": ") ? text.substring(location.length() + 2) : text;
  }

  /** Removes fields the schema does not define, as an API server prunes them; names each. */
  private static void prune(JsonNode schema, JsonNode value, String path, List<String> pruned) {
    if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
      return;
    }
    if (value instanceof ObjectNode object) {
      JsonNode properties = schema.path("properties");
      JsonNode additional = schema.path("additionalProperties");
      for (String name : new ArrayList<>(iterable(object.fieldNames()))) {
        if (properties.has(name)) {
          prune(properties.get(name), object.get(name), path + "." + name, pruned);
        } else if (additional.isObject()) {
          prune(additional, object.get(name), path + "." + name, pruned);
        } else if (!properties.isMissingNode()) {
          object.remove(name);
          pruned.add(path + "." + name);
        }
      }
    } else if (value instanceof ArrayNode array && schema.has("items")) {
      for (int i = 0; i < array.size(); i++) {
        prune(schema.get("items"), array.get(i), path + "[" + i + "]", pruned);
      }
    }
  }

  private static <T> List<T> iterable(Iterator<T> iterator) {
    List<T> list = new ArrayList<>();
    iterator.forEachRemaining(list::add);
    return list;
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

  /**
   * The CEL rules' problems under {@code value}; {@code old} is the value at the same place before
   * an update, or null (a create, or nothing there before), when transition rules are skipped.
   */
  private static void celProblems(
      JsonNode schema, JsonNode value, JsonNode old, String path, List<String> problems) {
    for (JsonNode rule : schema.path("x-kubernetes-validations")) {
      String text = rule.get("rule").asText();
      boolean transition = text.contains("oldSelf");
      if (transition && (old == null || old.isMissingNode())) {
        continue;
      }
      if (!evaluates(text, value, transition ? old : null)) {
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
          celProblems(
              child,
              field.getValue(),
              old == null ? null : old.path(field.getKey()),
              path + "." + field.getKey(),
              problems);
        }
      }
    } else if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        celProblems(schema.get("items"), value.get(i), null, path + "[" + i + "]", problems);
      }
    }
  }

  private static boolean evaluates(String rule, JsonNode self, JsonNode oldSelf) {
    try {
      CelRuntime.Program program = CEL_RUNTIME.createProgram(CEL.compile(rule).getAst());
      Map<String, Object> variables = new LinkedHashMap<>();
      variables.put("self", toCel(self));
      if (oldSelf != null) {
        variables.put("oldSelf", toCel(oldSelf));
      }
      return Boolean.TRUE.equals(program.eval(variables));
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
