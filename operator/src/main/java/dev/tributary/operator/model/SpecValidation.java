package dev.tributary.operator.model;

import dev.tributary.api.v1alpha1.ConnectMode;
import dev.tributary.api.v1alpha1.KafkaConnectSpec;
import dev.tributary.api.v1alpha1.Plugin;
import dev.tributary.api.v1alpha1.PluginArtifact;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The operator's own check of a KafkaConnect spec. The CRD schema and its CEL rules say the same on
 * a real API server; this catches what reaches the operator anyway (an API server without CEL, or
 * the test stand-in), before anything is changed.
 */
public final class SpecValidation {

  static final Set<String> OWNED_KEYS =
      Set.of(
          "group.id",
          "config.storage.topic",
          "offset.storage.topic",
          "status.storage.topic",
          "plugin.path",
          "listeners",
          "bootstrap.servers",
          "offset.storage.file.filename");

  private SpecValidation() {}

  /** Problems with the spec, each naming the field and the fix; empty when it is valid. */
  public static List<String> problems(KafkaConnectSpec spec) {
    List<String> problems = new ArrayList<>();
    if (spec == null) {
      problems.add("spec is required");
      return problems;
    }
    if (spec.bootstrapServers == null || spec.bootstrapServers.isBlank()) {
      problems.add(
          "spec.bootstrapServers is required: set it to the Kafka bootstrap servers, e.g. kafka:9092");
    }
    if (spec.replicas != null && spec.replicas < 0) {
      problems.add("spec.replicas must be 0 or more, not " + spec.replicas);
    }
    if (spec.mode == ConnectMode.STANDALONE && spec.replicas != null && spec.replicas > 1) {
      problems.add(
          "spec.replicas: a standalone KafkaConnect runs one worker: set replicas to 0 or 1, or use mode: distributed");
    }
    if (spec.config != null) {
      spec.config.keySet().stream()
          .filter(key -> OWNED_KEYS.contains(key) || key.startsWith("rest.advertised."))
          .sorted()
          .forEach(
              key ->
                  problems.add(
                      "spec.config."
                          + key
                          + " is set by Tributary: use spec.groupId, spec.storage, spec.plugins or"
                          + " spec.bootstrapServers instead"));
    }
    if (spec.plugins != null) {
      Set<String> names = new HashSet<>();
      for (int i = 0; i < spec.plugins.size(); i++) {
        Plugin plugin = spec.plugins.get(i);
        String where = "spec.plugins[" + i + "]";
        if (plugin.name == null || !plugin.name.matches("[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?")) {
          problems.add(where + ".name must be lower-case letters, digits, '.', '_' or '-'");
        } else if (!names.add(plugin.name)) {
          problems.add(where + ".name '" + plugin.name + "' is used by another plugin");
        }
        if (plugin.artifacts == null || plugin.artifacts.isEmpty()) {
          problems.add(where + ".artifacts needs at least one artifact");
          continue;
        }
        for (int j = 0; j < plugin.artifacts.size(); j++) {
          artifactProblems(plugin.artifacts.get(j), where + ".artifacts[" + j + "]", problems);
        }
      }
    }
    return problems;
  }

  private static void artifactProblems(
      PluginArtifact artifact, String where, List<String> problems) {
    if (artifact.type == null) {
      problems.add(where + ".type is required: maven or url");
      return;
    }
    switch (artifact.type) {
      case MAVEN -> {
        if (artifact.group == null || artifact.artifact == null || artifact.version == null) {
          problems.add(where + ": a maven artifact needs group, artifact and version");
        }
      }
      case URL -> {
        if (artifact.url == null || artifact.sha512 == null) {
          problems.add(where + ": a url artifact needs url and sha512");
        }
      }
    }
  }
}
