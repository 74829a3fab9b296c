package dev.tributary.operator.model;

import dev.tributary.api.v1alpha1.ConnectMode;
import dev.tributary.api.v1alpha1.KafkaConnectSpec;
import dev.tributary.api.v1alpha1.Plugin;
import dev.tributary.api.v1alpha1.PluginArtifact;
import dev.tributary.api.v1alpha1.SecretKeyRef;
import dev.tributary.contract.SpecRules;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The operator's own check of a KafkaConnect spec. The CRD schema and its CEL rules say the same on
 * a real API server; this catches what reaches the operator anyway (an API server without CEL, or
 * the test stand-in), before anything is changed.
 */
public final class SpecValidation {

  private SpecValidation() {}

  /** Problems with the spec, each naming the field and the fix; empty when it is valid. */
  public static List<String> problems(KafkaConnectSpec spec) {
    List<String> problems = new ArrayList<>();
    if (spec == null) {
      problems.add("spec is required");
      return problems;
    }
    if (spec.unreadable != null) {
      problems.add(spec.unreadable);
      return problems;
    }
    if (spec.bootstrapServers == null || spec.bootstrapServers.isBlank()) {
      problems.add(
          "spec.bootstrapServers is required: set it to the Kafka bootstrap servers, e.g. kafka:9092");
    } else if (!spec.bootstrapServers.matches(SpecRules.BOOTSTRAP_SERVERS)) {
      problems.add(
          "spec.bootstrapServers must be host:port pairs separated by commas without spaces, e.g."
              + " kafka-0:9092,kafka-1:9092");
    }
    if (spec.replicas != null && spec.replicas < 0) {
      problems.add("spec.replicas must be 0 or more, not " + spec.replicas);
    }
    if (spec.mode == ConnectMode.STANDALONE && spec.replicas != null && spec.replicas > 1) {
      problems.add("spec.replicas: " + SpecRules.STANDALONE_REPLICAS_MESSAGE);
    }
    if (spec.mode == ConnectMode.STANDALONE && Boolean.TRUE.equals(spec.exactlyOnceSource)) {
      problems.add("spec.exactlyOnceSource: " + SpecRules.EXACTLY_ONCE_STANDALONE_MESSAGE);
    }
    if (spec.autoscaling != null) {
      var a = spec.autoscaling;
      if (a.minReplicas != null && a.maxReplicas != null && a.minReplicas > a.maxReplicas) {
        problems.add("spec.autoscaling: " + SpecRules.AUTOSCALING_RANGE_MESSAGE);
      }
      if (spec.mode == ConnectMode.STANDALONE && Boolean.TRUE.equals(a.enabled)) {
        problems.add("spec.autoscaling: " + SpecRules.AUTOSCALING_DISTRIBUTED_MESSAGE);
      }
    }
    if (spec.jvmOptions != null) {
      sizeProblem("spec.jvmOptions.xms", spec.jvmOptions.xms, problems);
      sizeProblem("spec.jvmOptions.xmx", spec.jvmOptions.xmx, problems);
    }
    heapAboveLimit(spec).ifPresent(problems::add);
    if (spec.connectorDefaults != null) {
      for (var entry : new TreeMap<>(spec.connectorDefaults).entrySet()) {
        if (CONNECTOR_OWNED_KEYS.contains(entry.getKey())) {
          problems.add(
              "spec.connectorDefaults."
                  + entry.getKey()
                  + ": each KafkaConnector's spec sets it (class, tasksMax, version); leave it out");
        } else if (entry.getValue() != null && entry.getValue().contains("${")) {
          problems.add(
              "spec.connectorDefaults."
                  + entry.getKey()
                  + ": no ${...} references here; reference Secrets in each KafkaConnector's"
                  + " spec.config");
        }
      }
    }
    refuseKeys(
        spec.config,
        SpecRules::isOwnedWorkerKey,
        " is set by Tributary: use spec.groupId, spec.storage, spec.plugins,"
            + " spec.bootstrapServers or spec.exactlyOnceSource instead",
        problems);
    securityProblems(spec, problems);
    repositoryProblems(spec, problems);
    if (spec.plugins != null) {
      Set<String> names = new HashSet<>();
      for (int i = 0; i < spec.plugins.size(); i++) {
        Plugin plugin = spec.plugins.get(i);
        String where = "spec.plugins[" + i + "]";
        if (plugin.name == null || !plugin.name.matches(SpecRules.PLUGIN_NAME)) {
          problems.add(where + ".name '" + plugin.name + "': " + SpecRules.PLUGIN_NAME_MESSAGE);
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

  private static final Set<String> CONNECTOR_OWNED_KEYS =
      Set.of("name", "connector.class", "tasks.max", "connector.plugin.version");

  /**
   * A heap at or above the container's memory limit: the kernel would kill the worker (OOMKilled)
   * once the heap fills, after it ran for a while; refused before any pod runs with it.
   */
  static Optional<String> heapAboveLimit(KafkaConnectSpec spec) {
    var limits = spec.resources == null ? null : spec.resources.getLimits();
    var limit = limits == null ? null : limits.get("memory");
    String xmx =
        spec.jvmOptions == null || spec.jvmOptions.xmx == null ? null : spec.jvmOptions.xmx;
    String heap = xmx == null ? WorkerResources.DEFAULT_XMX : xmx;
    if (limit == null || !heap.matches(SpecRules.JVM_SIZE)) {
      return Optional.empty();
    }
    long limitBytes;
    try {
      limitBytes = Quantity.getAmountInBytes(limit).longValue();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (jvmBytes(heap) < limitBytes) {
      return Optional.empty();
    }
    String field =
        xmx == null ? "the default heap (spec.jvmOptions.xmx unset) " : "spec.jvmOptions.xmx ";
    return Optional.of(
        field
            + heap
            + " does not fit in spec.resources.limits.memory "
            + limit
            + ": the JVM needs memory beyond its heap; set spec.jvmOptions.xmx to at most "
            + (limitBytes * 3 / 4 / (1024 * 1024))
            + "m (75% of the limit), or raise the limit");
  }

  /** A JVM size (512m, 2g, 1048576) in bytes. */
  static long jvmBytes(String size) {
    String lower = size.toLowerCase(Locale.ROOT);
    char unit = lower.charAt(lower.length() - 1);
    long multiplier =
        switch (unit) {
          case 'k' -> 1L << 10;
          case 'm' -> 1L << 20;
          case 'g' -> 1L << 30;
          case 't' -> 1L << 40;
          default -> 1L;
        };
    String digits = Character.isDigit(unit) ? lower : lower.substring(0, lower.length() - 1);
    return Long.parseLong(digits) * multiplier;
  }

  private static void sizeProblem(String field, String value, List<String> problems) {
    if (value != null && !value.matches(SpecRules.JVM_SIZE)) {
      problems.add(field + " '" + value + "' must be a size such as 512m or 2g");
    }
  }

  private static void artifactProblems(
      PluginArtifact artifact, String where, List<String> problems) {
    if (artifact.type == null) {
      problems.add(where + ".type is required: maven or url");
      return;
    }
    if (artifact.sha512 != null && !artifact.sha512.matches(SpecRules.SHA512)) {
      problems.add(where + ".sha512 must be 128 hexadecimal characters");
    }
    switch (artifact.type) {
      case MAVEN -> {
        if (artifact.group == null || artifact.artifact == null || artifact.version == null) {
          problems.add(where + ": " + SpecRules.MAVEN_ARTIFACT_MESSAGE);
        }
      }
      case URL -> {
        if (artifact.url == null || artifact.sha512 == null) {
          problems.add(where + ": " + SpecRules.URL_ARTIFACT_MESSAGE);
        } else if (!artifact.url.matches(SpecRules.ARTIFACT_URL)) {
          problems.add(where + ".url must be http(s) and end in .jar, .zip, .tar.gz or .tgz");
        }
      }
    }
    var auth = artifact.authentication;
    if (auth != null) {
      if (artifact.type == dev.tributary.api.v1alpha1.ArtifactType.MAVEN) {
        problems.add(
            where
                + ".authentication is for type url: give a Maven repository's credentials in"
                + " spec.pluginRepositories");
      }
      if (auth.type == dev.tributary.api.v1alpha1.ArtifactAuthentication.Type.BASIC
          && (auth.username == null || auth.username.isBlank())) {
        problems.add(where + ".authentication.username is required for type basic");
      }
      requireSecretKey(where + ".authentication.secret", auth.secret, problems);
    }
  }

  private static void repositoryProblems(KafkaConnectSpec spec, List<String> problems) {
    if (spec.pluginRepositories == null) {
      return;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < spec.pluginRepositories.size(); i++) {
      var repository = spec.pluginRepositories.get(i);
      String where = "spec.pluginRepositories[" + i + "]";
      if (repository.name == null || !names.add(repository.name)) {
        problems.add(where + ".name must be set and unique");
      }
      if (repository.url == null || !repository.url.matches("^https?://.+")) {
        problems.add(where + ".url must be an http(s) URL");
      }
      if (repository.password != null) {
        requireSecretKey(where + ".password", repository.password, problems);
      }
    }
  }

  /** One problem per key of {@code config} that {@code refused} matches, in key order. */
  static void refuseKeys(
      java.util.Map<String, String> config,
      java.util.function.Predicate<String> refused,
      String why,
      List<String> problems) {
    if (config != null) {
      config.keySet().stream()
          .filter(refused)
          .sorted()
          .forEach(key -> problems.add("spec.config." + key + why));
    }
  }

  /** spec.tls and spec.authentication: what each type needs, and no conflicting spec.config. */
  private static void securityProblems(KafkaConnectSpec spec, List<String> problems) {
    if (KafkaSecurity.configured(spec)) {
      refuseKeys(
          spec.config,
          SpecRules::isSecurityKey,
          " conflicts with spec.tls and spec.authentication: set it there",
          problems);
    }
    if (RestApiTls.enabled(spec)) {
      refuseKeys(
          spec.config,
          SpecRules::isRestTlsKey,
          " conflicts with spec.restApi.tls, which sets the REST API's TLS itself: remove it",
          problems);
    }
    if (spec.tls != null && spec.tls.trustedCertificates != null) {
      for (int i = 0; i < spec.tls.trustedCertificates.size(); i++) {
        requireSecretKey(
            "spec.tls.trustedCertificates[" + i + "]",
            spec.tls.trustedCertificates.get(i),
            problems);
      }
    }
    var auth = spec.authentication;
    if (auth == null) {
      return;
    }
    if (auth.type == null) {
      problems.add(
          "spec.authentication.type is required: tls, scram-sha-256, scram-sha-512, plain or oauth");
      return;
    }
    switch (auth.type) {
      case TLS -> {
        requireSecretKey("spec.authentication.certificate", auth.certificate, problems);
        requireSecretKey("spec.authentication.key", auth.key, problems);
      }
      case SCRAM_SHA_256, SCRAM_SHA_512, PLAIN -> {
        if (auth.username == null || auth.username.isBlank()) {
          problems.add(
              "spec.authentication.username is required for type "
                  + auth.type.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        requireSecretKey("spec.authentication.password", auth.password, problems);
      }
      case OAUTH -> {
        if (auth.tokenEndpointUri == null || !auth.tokenEndpointUri.matches("https?://.+")) {
          problems.add("spec.authentication.tokenEndpointUri must be an http(s) URL");
        }
        if (auth.clientId == null || auth.clientId.isBlank()) {
          problems.add("spec.authentication.clientId is required for type oauth");
        }
        requireSecretKey("spec.authentication.clientSecret", auth.clientSecret, problems);
      }
    }
  }

  private static void requireSecretKey(String field, SecretKeyRef ref, List<String> problems) {
    if (ref == null || ref.secretName == null || ref.secretName.isBlank()) {
      problems.add(field + ".secretName is required: the Secret holding it");
    } else if (ref.key == null || ref.key.isBlank()) {
      problems.add(field + ".key is required: the key in Secret '" + ref.secretName + "'");
    }
  }
}
