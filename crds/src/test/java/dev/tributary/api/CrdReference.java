package dev.tributary.api;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The field reference of both CRDs, as Markdown, from the CRD YAML itself: every field of spec and
 * status with its type, bounds, default and description, so the reference cannot say what the API
 * does not.
 */
final class CrdReference {

  private CrdReference() {}

  /**
   * Fields whose schema is a Kubernetes type: one row each, naming the type, rather than the
   * hundreds of rows of its own fields, which the Kubernetes API reference documents.
   */
  static final Map<String, String> KUBERNETES_TYPES =
      Map.of(
          "spec.resources", "ResourceRequirements",
          "spec.connectorNamespaceSelector", "LabelSelector",
          "spec.template.affinity", "Affinity",
          "spec.template.env", "EnvVar",
          "spec.template.tolerations", "Toleration",
          "spec.template.volumeMounts", "VolumeMount",
          "spec.template.volumes", "Volume");

  private static final String KUBERNETES_API =
      "https://kubernetes.io/docs/reference/kubernetes-api/";

  static String markdown(List<Path> crdFiles) throws IOException {
    StringBuilder out = new StringBuilder();
    out.append("# CRD field reference\n\n")
        .append("Generated from the CRDs in `crds/` by `CrdReferenceTest`, which fails when this")
        .append(" page is stale; regenerate it with\n")
        .append("`mvn -pl crds test -Dtest=CrdReferenceTest -Dtributary.docs.update=true`.")
        .append(" How the fields work together:\n")
        .append("[KafkaConnect](../kafka-connect.md), [KafkaConnector](../kafka-connector.md).\n");
    for (Path file : crdFiles) {
      CustomResourceDefinition crd;
      try (var in = Files.newInputStream(file)) {
        crd = Serialization.unmarshal(in, CustomResourceDefinition.class);
      }
      for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
        out.append("\n## ")
            .append(crd.getSpec().getNames().getKind())
            .append(" (`")
            .append(crd.getSpec().getGroup())
            .append('/')
            .append(version.getName())
            .append("`, short names ")
            .append(String.join(", ", crd.getSpec().getNames().getShortNames()))
            .append(")\n\n| field | type | default | description |\n| --- | --- | --- | --- |\n");
        JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
        for (String top : List.of("spec", "status")) {
          JSONSchemaProps props = root.getProperties().get(top);
          if (props != null) {
            rows(top, props, Set.of(), out);
          }
        }
      }
    }
    return out.toString();
  }

  private static void rows(
      String path, JSONSchemaProps schema, Set<String> requiredHere, StringBuilder out) {
    String kubernetesType = KUBERNETES_TYPES.get(path);
    if (!path.equals("spec") && !path.equals("status")) {
      out.append("| `")
          .append(path)
          .append("` | ")
          .append(
              kubernetesType == null
                  ? type(schema)
                  : type(schema) + " (Kubernetes [" + kubernetesType + "](" + KUBERNETES_API + "))")
          .append(requiredHere.contains(last(path)) ? ", required" : "")
          .append(" | ")
          .append(schema.getDefault() == null ? "" : "`" + schema.getDefault() + "`")
          .append(" | ")
          .append(cell(schema.getDescription()))
          .append(rules(schema))
          .append(" |\n");
    }
    if (kubernetesType != null) {
      return;
    }
    Map<String, JSONSchemaProps> properties = schema.getProperties();
    if (properties != null) {
      Set<String> required =
          schema.getRequired() == null ? Set.of() : Set.copyOf(schema.getRequired());
      for (var entry : new java.util.TreeMap<>(properties).entrySet()) {
        rows(path + "." + entry.getKey(), entry.getValue(), required, out);
      }
    }
    if (schema.getItems() != null && schema.getItems().getSchema() != null) {
      JSONSchemaProps items = schema.getItems().getSchema();
      if (items.getProperties() != null) {
        rows(path + "[]", items, Set.of(), out);
      }
    }
  }

  /** The last segment of a path, for the parent's required list. */
  private static String last(String path) {
    String segment = path.substring(path.lastIndexOf('.') + 1);
    return segment.endsWith("[]") ? segment.substring(0, segment.length() - 2) : segment;
  }

  static String type(JSONSchemaProps schema) {
    String type = schema.getType();
    if (type == null) {
      return Boolean.TRUE.equals(schema.getXKubernetesIntOrString()) ? "int or string" : "any";
    }
    List<String> bounds = new ArrayList<>();
    if (schema.getMinimum() != null) {
      bounds.add("≥ " + number(schema.getMinimum()));
    }
    if (schema.getMaximum() != null) {
      bounds.add("≤ " + number(schema.getMaximum()));
    }
    if (schema.getMaxItems() != null) {
      bounds.add("at most " + schema.getMaxItems() + " items");
    }
    if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
      List<String> values = new ArrayList<>();
      schema.getEnum().forEach(v -> values.add(v.asText()));
      bounds.add("one of " + String.join(", ", values));
    }
    if (schema.getPattern() != null) {
      bounds.add("matching `" + schema.getPattern().replace("|", "\\|") + "`");
    }
    String shown =
        switch (type) {
          case "array" ->
              "array of "
                  + (schema.getItems() == null || schema.getItems().getSchema() == null
                      ? "any"
                      : itemType(schema.getItems().getSchema()));
          case "object" ->
              schema.getAdditionalProperties() != null
                      && schema.getAdditionalProperties().getSchema() != null
                  ? "map of " + schema.getAdditionalProperties().getSchema().getType()
                  : "object";
          default -> type;
        };
    return bounds.isEmpty() ? shown : shown + " (" + String.join("; ", bounds) + ")";
  }

  private static String number(Double value) {
    return value == Math.rint(value) ? String.valueOf(value.longValue()) : String.valueOf(value);
  }

  private static String itemType(JSONSchemaProps items) {
    return items.getProperties() != null ? "objects" : items.getType() + "s";
  }

  private static String rules(JSONSchemaProps schema) {
    if (schema.getXKubernetesValidations() == null
        || schema.getXKubernetesValidations().isEmpty()) {
      return "";
    }
    List<String> messages = new ArrayList<>();
    schema.getXKubernetesValidations().forEach(rule -> messages.add(rule.getMessage()));
    return " Checked on apply: " + cell(String.join("; ", messages)) + ".";
  }

  private static String cell(String text) {
    return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
  }
}
