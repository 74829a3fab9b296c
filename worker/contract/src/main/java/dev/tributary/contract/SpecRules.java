package dev.tributary.contract;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rules on KafkaConnect and KafkaConnector specs, each written once: the CRD's schema patterns and
 * CEL rules are built from these constants, and the operator and the worker check the same.
 */
public final class SpecRules {
  private SpecRules() {}

  /**
   * Worker properties Tributary sets itself, as a CEL list: users set them through dedicated
   * fields. Keys starting with {@link #OWNED_WORKER_KEY_PREFIX} are owned too.
   */
  public static final String OWNED_WORKER_KEYS_CEL =
      "['group.id', 'config.storage.topic', 'offset.storage.topic', 'status.storage.topic',"
          + " 'plugin.path', 'listeners', 'bootstrap.servers', 'offset.storage.file.filename',"
          + " 'exactly.once.source.support']";

  public static final String OWNED_WORKER_KEY_PREFIX = "rest.advertised.";

  /** The CEL rule on {@code spec.connectorDefaults}: no key a KafkaConnector sets, no ${...}. */
  public static final String CONNECTOR_DEFAULTS_RULE =
      "self.all(k, !(k in ['name', 'connector.class', 'tasks.max', 'connector.plugin.version'])"
          + " && !self[k].contains('${'))";

  public static final String CONNECTOR_DEFAULTS_MESSAGE =
      "connectorDefaults may not set name, connector.class, tasks.max or connector.plugin.version"
          + " (each KafkaConnector sets them), nor hold ${...} references (Secrets go in each"
          + " connector's config)";

  /** The CEL rule on {@code spec.autoscaling}: a range that holds at least one worker. */
  public static final String AUTOSCALING_RANGE_RULE =
      "!has(self.minReplicas) || !has(self.maxReplicas) || self.minReplicas <= self.maxReplicas";

  public static final String AUTOSCALING_RANGE_MESSAGE =
      "autoscaling.minReplicas must not be above autoscaling.maxReplicas";

  /** The CEL rule on a KafkaConnect's spec: the autoscaler runs distributed clusters only. */
  public static final String AUTOSCALING_DISTRIBUTED_RULE =
      "!has(self.autoscaling) || !has(self.autoscaling.enabled) || !self.autoscaling.enabled"
          + " || !has(self.mode) || self.mode == 'distributed'";

  public static final String AUTOSCALING_DISTRIBUTED_MESSAGE =
      "autoscaling needs mode: distributed (a standalone worker cannot be scaled out)";

  /** The CEL rule on {@code spec.config} of a KafkaConnect. */
  public static final String OWNED_WORKER_KEYS_RULE =
      "self.all(k, !(k in "
          + OWNED_WORKER_KEYS_CEL
          + " || k.startsWith('"
          + OWNED_WORKER_KEY_PREFIX
          + "')))";

  public static final String OWNED_WORKER_KEYS_MESSAGE =
      "group.id, *.storage.topic, plugin.path, listeners, bootstrap.servers,"
          + " offset.storage.file.filename, exactly.once.source.support and rest.advertised.* are"
          + " set by Tributary: use spec.groupId, spec.storage, spec.plugins,"
          + " spec.bootstrapServers and spec.exactlyOnceSource instead";

  /** The same keys as a set, read from the CEL list so the two cannot differ. */
  public static final Set<String> OWNED_WORKER_KEYS = celStrings(OWNED_WORKER_KEYS_CEL);

  public static boolean isOwnedWorkerKey(String key) {
    return OWNED_WORKER_KEYS.contains(key) || key.startsWith(OWNED_WORKER_KEY_PREFIX);
  }

  /**
   * Client security settings that spec.tls and spec.authentication set, for the worker and its
   * producer, consumer and admin clients: in spec.config they would conflict.
   */
  public static final String SECURITY_KEYS_RULE =
      "!(has(self.tls) || has(self.authentication)) || !has(self.config) || self.config.all(k,"
          + " !(k == 'security.protocol' || k.startsWith('ssl.') || k.startsWith('sasl.')"
          + " || k == 'producer.security.protocol' || k.startsWith('producer.ssl.')"
          + " || k.startsWith('producer.sasl.')"
          + " || k == 'consumer.security.protocol' || k.startsWith('consumer.ssl.')"
          + " || k.startsWith('consumer.sasl.')"
          + " || k == 'admin.security.protocol' || k.startsWith('admin.ssl.')"
          + " || k.startsWith('admin.sasl.')))";

  public static final String SECURITY_KEYS_MESSAGE =
      "security.protocol, ssl.* and sasl.* (also with producer., consumer. and admin.) come from"
          + " spec.tls and spec.authentication: set them there, not in spec.config";

  /** Whether {@code key} is one {@link #SECURITY_KEYS_RULE} refuses. */
  public static boolean isSecurityKey(String key) {
    String bare = key.replaceFirst("^(producer|consumer|admin)\\.", "");
    return bare.equals("security.protocol") || bare.startsWith("ssl.") || bare.startsWith("sasl.");
  }

  /**
   * With spec.restApi.tls, the REST API's TLS settings are Tributary's; an admin listener of its
   * own would also serve /admin/loggers without the client certificate check.
   */
  public static final String REST_TLS_KEYS_RULE =
      "!(has(self.restApi) && has(self.restApi.tls) && self.restApi.tls) || !has(self.config)"
          + " || self.config.all(k, !(k.startsWith('listeners.https.') || k == 'admin.listeners'"
          + " || k.startsWith('admin.listeners.')))";

  public static final String REST_TLS_KEYS_MESSAGE =
      "listeners.https.* and admin.listeners* conflict with spec.restApi.tls, which sets the REST"
          + " API's TLS itself: remove them from spec.config";

  /** Whether {@code key} is one {@link #REST_TLS_KEYS_RULE} refuses. */
  public static boolean isRestTlsKey(String key) {
    return key.startsWith("listeners.https.")
        || key.equals("admin.listeners")
        || key.startsWith("admin.listeners.");
  }

  /** Log4j's levels, as Connect's /admin/loggers takes them. */
  public static final String LOG_LEVEL = "^(TRACE|DEBUG|INFO|WARN|ERROR|FATAL|OFF)$";

  public static final String LOG_LEVELS_RULE = "self.all(k, self[k].matches('" + LOG_LEVEL + "'))";

  public static final String LOG_LEVELS_MESSAGE =
      "each level must be TRACE, DEBUG, INFO, WARN, ERROR, FATAL or OFF";

  /** What each authentication type needs, as CEL rules on spec.authentication. */
  public static final String AUTH_TLS_RULE =
      "self.type != 'tls' || (has(self.certificate) && has(self.key))";

  public static final String AUTH_TLS_MESSAGE =
      "type tls needs certificate and key (Secret keys of the client certificate and its key)";

  public static final String AUTH_PASSWORD_RULE =
      "!(self.type in ['scram-sha-256', 'scram-sha-512', 'plain'])"
          + " || (has(self.username) && has(self.password))";

  public static final String AUTH_PASSWORD_MESSAGE =
      "types scram-sha-256, scram-sha-512 and plain need username and password (a Secret key)";

  public static final String AUTH_OAUTH_RULE =
      "self.type != 'oauth'"
          + " || (has(self.tokenEndpointUri) && has(self.clientId) && has(self.clientSecret))";

  public static final String AUTH_OAUTH_MESSAGE =
      "type oauth needs tokenEndpointUri, clientId and clientSecret (a Secret key)";

  /** Connector config keys a KafkaConnector's own fields set, as a CEL list. */
  public static final String OWNED_CONNECTOR_KEYS_CEL = "['connector.class', 'tasks.max', 'name']";

  public static final Set<String> OWNED_CONNECTOR_KEYS = celStrings(OWNED_CONNECTOR_KEYS_CEL);

  /** Exactly-once source support is a distributed cluster's: standalone has no leader to fence. */
  public static final String EXACTLY_ONCE_STANDALONE_RULE =
      "!has(self.exactlyOnceSource) || !self.exactlyOnceSource || !has(self.mode)"
          + " || self.mode != 'standalone'";

  public static final String EXACTLY_ONCE_STANDALONE_MESSAGE =
      "exactly-once source support needs a distributed cluster: Connect offers it in distributed"
          + " mode only";

  /** The CEL rule on a standalone KafkaConnect's replicas, and its message. */
  public static final String STANDALONE_REPLICAS_RULE =
      "self.mode != 'standalone' || self.replicas <= 1";

  /**
   * The CEL transition rule that keeps a KafkaConnect's group and storage topics: changing either
   * makes the workers a new, empty Connect cluster (the old topics hold the source offsets).
   */
  public static final String GROUP_UNCHANGED_RULE =
      "(has(self.groupId) ? self.groupId : '') == (has(oldSelf.groupId) ? oldSelf.groupId : '')"
          + " && ["
          + "(has(self.storage) && has(self.storage.configTopic) ? self.storage.configTopic : ''),"
          + " (has(self.storage) && has(self.storage.offsetTopic) ? self.storage.offsetTopic : ''),"
          + " (has(self.storage) && has(self.storage.statusTopic) ? self.storage.statusTopic : '')]"
          + " == ["
          + "(has(oldSelf.storage) && has(oldSelf.storage.configTopic)"
          + " ? oldSelf.storage.configTopic : ''),"
          + " (has(oldSelf.storage) && has(oldSelf.storage.offsetTopic)"
          + " ? oldSelf.storage.offsetTopic : ''),"
          + " (has(oldSelf.storage) && has(oldSelf.storage.statusTopic)"
          + " ? oldSelf.storage.statusTopic : '')]";

  public static final String GROUP_UNCHANGED_MESSAGE =
      "groupId and the storage topics cannot change on an existing KafkaConnect: its workers would"
          + " form a new, empty Connect cluster and source connectors would lose their offsets;"
          + " create a new KafkaConnect instead";

  /** The CEL transition rule that keeps a KafkaConnector on its cluster, and its message. */
  public static final String CLUSTER_REF_UNCHANGED_RULE = "self == oldSelf";

  public static final String CLUSTER_REF_UNCHANGED_MESSAGE =
      "clusterRef cannot change: a connector's offsets and state stay with its cluster; delete"
          + " this KafkaConnector and create it again naming the other cluster";

  public static final String STANDALONE_REPLICAS_MESSAGE =
      "a standalone KafkaConnect runs one worker: set replicas to 0 or 1, or use mode: distributed";

  /** A plugin's name: its folder in the plugin path. */
  public static final String PLUGIN_NAME = "^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$";

  public static final String PLUGIN_NAME_MESSAGE =
      "use lower-case letters, digits, '.', '_' and '-', starting and ending with a letter or"
          + " digit, at most 63";

  public static final String SHA512 = "^[0-9a-fA-F]{128}$";

  /** Packaging a Maven artifact may come in. */
  public static final String MAVEN_EXTENSION = "^(jar|zip|tar\\.gz|tgz)$";

  /** A URL artifact: http or https, a jar or an archive. */
  public static final String ARTIFACT_URL = "^https?://.+\\.(jar|zip|tar\\.gz|tgz)$";

  public static final String MAVEN_ARTIFACT_RULE =
      "self.type != 'maven' || (has(self.group) && has(self.artifact) && has(self.version))";

  public static final String MAVEN_ARTIFACT_MESSAGE =
      "a maven artifact needs group, artifact and version";

  public static final String URL_ARTIFACT_RULE =
      "self.type != 'url' || (has(self.url) && has(self.sha512))";

  public static final String URL_ARTIFACT_MESSAGE = "a url artifact needs url and sha512";

  /** Kafka bootstrap servers: host:port pairs, comma-separated, no spaces. */
  public static final String BOOTSTRAP_SERVERS = "^[^\\s,]+(,[^\\s,]+)*$";

  /** A JVM heap size as -Xms/-Xmx take it, e.g. 512m or 2g. */
  public static final String JVM_SIZE = "^[0-9]+[kKmMgG]?$";

  private static Set<String> celStrings(String celList) {
    return Arrays.stream(celList.replaceAll("[\\[\\]' ]", "").split(","))
        .collect(Collectors.toUnmodifiableSet());
  }
}
