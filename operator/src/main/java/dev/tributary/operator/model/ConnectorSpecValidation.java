package dev.tributary.operator.model;

import dev.tributary.api.v1alpha1.KafkaConnectorSpec;
import dev.tributary.contract.SpecRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The operator's own check of a KafkaConnector spec, as the CRD's schema and CEL rules say it on a
 * real API server: what reaches the operator anyway (an object stored before a rule existed, an API
 * server without CEL) is refused before anything is sent to Connect.
 */
public final class ConnectorSpecValidation {

  private static final Map<String, String> FIELD_FOR_OWNED_KEY =
      Map.of(
          "connector.class", "spec.class",
          "tasks.max", "spec.tasksMax",
          "name", "metadata.name");

  /**
   * What fits in one record of Connect's config topic, which holds a connector's whole config: the
   * producer's and broker's default limits are 1 MiB, less the record's own overhead.
   */
  static final int MAX_CONFIG_BYTES = 1_000_000;

  private ConnectorSpecValidation() {}

  /** Problems with the spec, each naming the field and the fix; empty when it is valid. */
  public static List<String> problems(KafkaConnectorSpec spec) {
    List<String> problems = new ArrayList<>();
    if (spec == null) {
      problems.add("spec is required");
      return problems;
    }
    if (spec.unreadable != null) {
      problems.add(spec.unreadable);
      return problems;
    }
    if (spec.clusterRef == null || spec.clusterRef.name == null || spec.clusterRef.name.isBlank()) {
      problems.add("spec.clusterRef.name is required: the KafkaConnect that runs this connector");
    }
    if (spec.connectorClass == null || spec.connectorClass.isBlank()) {
      problems.add(
          "spec.class is required: the connector class, e.g."
              + " org.apache.kafka.connect.file.FileStreamSourceConnector");
    }
    if (spec.tasksMax != null && spec.tasksMax < 1) {
      problems.add("spec.tasksMax must be 1 or more, not " + spec.tasksMax);
    }
    if (spec.offsets != null
        && spec.offsets.listInto != null
        && spec.offsets.alter != null
        && spec.offsets.listInto.equals(spec.offsets.alter.fromConfigMap)) {
      problems.add(
          "spec.offsets.listInto and spec.offsets.alter.fromConfigMap name the same ConfigMap:"
              + " the listing would overwrite the offsets to set; copy the listing into another"
              + " ConfigMap and edit that");
    }
    SourceBacklogs.problem(spec.sourceBacklog).ifPresent(problems::add);
    if (spec.config != null) {
      for (String key : new java.util.TreeSet<>(SpecRules.OWNED_CONNECTOR_KEYS)) {
        SpecValidation.refuseKeys(
            spec.config,
            key::equals,
            " is not allowed: set " + FIELD_FOR_OWNED_KEY.get(key) + " instead",
            problems);
      }
      tooLarge(spec.config).ifPresent(problems::add);
    }
    return problems;
  }

  /** Why a config is too large for Connect's config topic, naming its largest value, if it is. */
  static java.util.Optional<String> tooLarge(Map<String, String> config) {
    long bytes = 0;
    Map.Entry<String, String> largest = null;
    for (Map.Entry<String, String> entry : config.entrySet()) {
      bytes += utf8(entry.getKey()) + utf8(entry.getValue()) + 6; // quotes, colon, comma
      if (largest == null || utf8(entry.getValue()) > utf8(largest.getValue())) {
        largest = entry;
      }
    }
    if (bytes <= MAX_CONFIG_BYTES) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        "spec.config is "
            + bytes
            + " bytes, more than Connect can store ("
            + MAX_CONFIG_BYTES
            + "): a connector's config is one record in the config topic; the largest value is"
            + " spec.config."
            + largest.getKey()
            + " ("
            + utf8(largest.getValue())
            + " bytes): keep large values in a file on the workers and reference it");
  }

  private static int utf8(String text) {
    return text == null ? 0 : text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }
}
