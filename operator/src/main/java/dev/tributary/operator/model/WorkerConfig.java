package dev.tributary.operator.model;

import dev.tributary.api.v1alpha1.ConnectMode;
import dev.tributary.api.v1alpha1.KafkaConnectSpec;
import dev.tributary.contract.WorkerContract;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The worker properties of a cluster, rendered deterministically so a hash can roll pods. */
public final class WorkerConfig {

  public static final String JSON_CONVERTER = "org.apache.kafka.connect.json.JsonConverter";

  /**
   * Connect waits this long for a departed worker before moving its tasks; its 5-minute default
   * leaves tasks idle that long whenever a pod restarts.
   */
  public static final int DEFAULT_REBALANCE_DELAY_MS = 0;

  /**
   * Where Tributary departs from Connect's defaults so a crashed worker costs seconds, not minutes
   * (measured in docs/benchmarks/scaling.md): offsets are committed every 10 s instead of every 60
   * s, which bounds what a crash replays; a sink task's consumer on a crashed worker is given up
   * after 10 s instead of 45 s, during which every sink task of the connector waits. Sink consumers
   * heartbeat every second, not every 3: in a rebalance the group waits for every member to rejoin,
   * and a member learns of the rebalance only from its next heartbeat. spec.config overrides each.
   */
  public static final Map<String, String> FAST_RECOVERY_DEFAULTS =
      Map.of(
          "offset.flush.interval.ms", "10000",
          "consumer.session.timeout.ms", "10000",
          "consumer.heartbeat.interval.ms", "1000");

  /**
   * The worker group's heartbeat, 1 s rather than 3: a task moving between workers waits for a
   * second rebalance round that completes only when every worker has rejoined, and the workers that
   * gave nothing up rejoin when their next heartbeat tells them to (the timeline in
   * docs/benchmarks/scaling.md). Distributed mode only; spec.config overrides it.
   */
  public static final Map<String, String> GROUP_DEFAULTS = Map.of("heartbeat.interval.ms", "1000");

  private WorkerConfig() {}

  /** The properties every worker of the cluster gets; per-pod values come from the environment. */
  public static SortedMap<String, String> properties(ClusterNames names, KafkaConnectSpec spec) {
    var props = new TreeMap<String, String>();
    props.put("key.converter", JSON_CONVERTER);
    props.put("value.converter", JSON_CONVERTER);
    props.putAll(FAST_RECOVERY_DEFAULTS);
    if (spec.config != null) {
      props.putAll(spec.config);
    }
    props.putAll(KafkaSecurity.properties(spec));
    props.put(
        "config.providers",
        providers(
            spec.config == null ? null : spec.config.get("config.providers"),
            !KafkaSecurity.secretNames(spec).isEmpty() || RestApiTls.enabled(spec)));
    props.put(
        "config.providers." + ConnectorSecrets.PROVIDER + ".class",
        ConnectorSecrets.PROVIDER_CLASS);
    props.put("bootstrap.servers", spec.bootstrapServers);
    props.put("listeners", "http://0.0.0.0:" + ClusterNames.REST_PORT);
    props.put("rest.advertised.listener", "http");
    props.put("rest.advertised.port", String.valueOf(ClusterNames.REST_PORT));
    props.putAll(RestApiTls.properties(names, spec));
    props.put(
        "rest.extension.classes",
        extensions(
            spec.config == null ? null : spec.config.get("rest.extension.classes"),
            RestApiTls.enabled(spec)));
    props.put("plugin.path", WorkerContract.BUNDLED_PLUGINS + "," + WorkerContract.FETCHED_PLUGINS);
    if (spec.mode == ConnectMode.STANDALONE) {
      props.put("offset.storage.file.filename", WorkerContract.OFFSETS_DIR + "/connect.offsets");

    } else {
      String groupId = spec.groupId != null ? spec.groupId : names.defaultGroupId();
      var storage = spec.storage;
      String replication =
          String.valueOf(
              storage != null && storage.replicationFactor != null
                  ? storage.replicationFactor
                  : -1);
      GROUP_DEFAULTS.forEach(props::putIfAbsent);
      props.put("group.id", groupId);
      props.put(
          "config.storage.topic",
          topic(storage == null ? null : storage.configTopic, groupId, "configs"));
      props.put(
          "offset.storage.topic",
          topic(storage == null ? null : storage.offsetTopic, groupId, "offsets"));
      props.put(
          "status.storage.topic",
          topic(storage == null ? null : storage.statusTopic, groupId, "status"));
      props.put("config.storage.replication.factor", replication);
      props.put("offset.storage.replication.factor", replication);
      props.put("status.storage.replication.factor", replication);
      props.put("scheduled.rebalance.max.delay.ms", String.valueOf(rebalanceDelayMs(spec)));
    }
    return props;
  }

  /** How long Connect holds a departed worker's tasks before it moves them (distributed mode). */
  public static long rebalanceDelayMs(KafkaConnectSpec spec) {
    return spec.mode == ConnectMode.STANDALONE
        ? 0
        : spec.rebalanceDelayMs != null ? spec.rebalanceDelayMs : DEFAULT_REBALANCE_DELAY_MS;
  }

  /**
   * A user's own config providers, then {@code secrets} (connector configs' Secret references) and,
   * when spec.tls or spec.authentication mounts Secrets, {@code directory}.
   */
  static String providers(String configured, boolean directory) {
    List<String> providers = new ArrayList<>();
    if (configured != null && !configured.isBlank()) {
      providers.addAll(List.of(configured.trim().split("\\s*,\\s*")));
    }
    for (String ours :
        directory
            ? List.of(ConnectorSecrets.PROVIDER, KafkaSecurity.PROVIDER)
            : List.of(ConnectorSecrets.PROVIDER)) {
      if (!providers.contains(ours)) {
        providers.add(ours);
      }
    }
    return String.join(",", providers);
  }

  /**
   * A user's own REST extensions, then the task-load endpoint the autoscaler reads and, with a
   * locked REST API, the client-certificate check.
   */
  static String extensions(String configured, boolean locked) {
    List<String> extensions = new ArrayList<>();
    if (configured != null && !configured.isBlank()) {
      extensions.addAll(List.of(configured.trim().split("\\s*,\\s*")));
    }
    List<String> ours =
        locked
            ? List.of(WorkerContract.TASK_LOAD_EXTENSION, RestApiTls.EXTENSION)
            : List.of(WorkerContract.TASK_LOAD_EXTENSION);
    for (String extension : ours) {
      if (!extensions.contains(extension)) {
        extensions.add(extension);
      }
    }
    return String.join(",", extensions);
  }

  private static String topic(String configured, String groupId, String suffix) {
    return configured != null ? configured : groupId + "-" + suffix;
  }

  /** Java properties text, one sorted line per key, no timestamp: same input, same bytes. */
  public static String render(Map<String, String> properties) {
    var text =
        new StringBuilder("# Rendered by the Tributary operator; edit the KafkaConnect instead.\n");
    new TreeMap<>(properties)
        .forEach(
            (key, value) ->
                text.append(escape(key, true))
                    .append('=')
                    .append(escape(value, false))
                    .append('\n'));
    return text.toString();
  }

  private static String escape(String text, boolean isKey) {
    var escaped = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> escaped.append("\\\\");
        case '\n' -> escaped.append("\\n");
        case '\r' -> escaped.append("\\r");
        case '\t' -> escaped.append("\\t");
        case '=', ':', '#', '!' -> escaped.append(isKey || i == 0 ? "\\" + c : String.valueOf(c));
        case ' ' -> escaped.append(isKey || i == 0 ? "\\ " : " ");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  /** SHA-256 of the given texts, for the pod-template annotation that rolls workers on change. */
  public static String hash(String... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String part : parts) {
        digest.update(part.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
