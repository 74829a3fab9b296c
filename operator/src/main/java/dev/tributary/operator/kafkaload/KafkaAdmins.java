package dev.tributary.operator.kafkaload;

import dev.tributary.api.v1alpha1.AuthenticationType;
import dev.tributary.api.v1alpha1.KafkaConnectSpec;
import dev.tributary.api.v1alpha1.SecretKeyRef;
import dev.tributary.operator.model.ClusterNames;
import dev.tributary.operator.model.KafkaSecurity;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * One Kafka admin client per cluster, with the cluster's own bootstrap servers, TLS and
 * credentials, made again when any of them changes. The credentials are read from the Secrets the
 * spec names and live only inside the client. The Secrets are read again only when the spec's
 * references change, a look failed, or {@link #SECRETS_REREAD} has passed: a rotated password
 * reaches the client within that time, without a read of every Secret at every look.
 */
public final class KafkaAdmins {

  public static final Duration SECRETS_REREAD = Duration.ofMinutes(1);

  private record Held(
      Map<String, String> references,
      Instant resolved,
      Map<String, String> settings,
      Admin admin) {}

  private final Map<ClusterNames, Held> admins = new ConcurrentHashMap<>();
  private final Function<Map<String, Object>, Admin> create;
  private final UnaryOperator<String> bootstrapServers;

  /** Clients that reach the bootstrap servers by the names the spec gives. */
  public KafkaAdmins() {
    this(Admin::create, UnaryOperator.identity());
  }

  /**
   * Clients that reach the bootstrap servers at the addresses {@code bootstrapServers} maps the
   * spec's to: the sandbox resolves cluster DNS names itself.
   */
  public KafkaAdmins(UnaryOperator<String> bootstrapServers) {
    this(Admin::create, bootstrapServers);
  }

  KafkaAdmins(Function<Map<String, Object>, Admin> create, UnaryOperator<String> bootstrapServers) {
    this.create = create;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * The cluster's admin client at {@code now}; {@code secretValues} gives each referenced Secret
   * key's value, and is called only when the Secrets are due to be read.
   */
  public Admin adminFor(
      ClusterNames cluster,
      KafkaConnectSpec spec,
      Function<SecretKeyRef, String> secretValues,
      Instant now) {
    Map<String, String> references = new TreeMap<>(KafkaSecurity.properties(spec));
    references.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, spec.bootstrapServers);
    Held held = admins.get(cluster);
    if (held != null
        && held.references().equals(references)
        && held.resolved().plus(SECRETS_REREAD).isAfter(now)) {
      return held.admin();
    }
    if (spec.authentication != null
        && spec.authentication.type == AuthenticationType.OAUTH
        && spec.authentication.tokenEndpointUri != null
        && !OAuthTokenUrls.allowed(spec.authentication.tokenEndpointUri)) {
      throw new IllegalStateException(OAuthTokenUrls.refusal(spec.authentication.tokenEndpointUri));
    }
    Map<String, String> settings = settings(cluster, spec, secretValues);
    settings.put(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers.apply(spec.bootstrapServers));
    if (held != null && held.settings().equals(settings)) {
      admins.put(cluster, new Held(references, now, settings, held.admin()));
      return held.admin();
    }
    if (held != null) {
      held.admin().close(Duration.ZERO);
    }
    Admin admin = create.apply(new HashMap<>(settings));
    admins.put(cluster, new Held(references, now, settings, admin));
    return admin;
  }

  /** The next {@link #adminFor} reads the Secrets again: a look with this client failed. */
  public void reread(ClusterNames cluster) {
    admins.computeIfPresent(
        cluster,
        (c, held) -> new Held(held.references(), Instant.EPOCH, held.settings(), held.admin()));
  }

  /** Closes the cluster's client, if it has one. */
  public void forget(ClusterNames cluster) {
    Held held = admins.remove(cluster);
    if (held != null) {
      held.admin().close(Duration.ZERO);
    }
  }

  static Map<String, String> settings(
      ClusterNames cluster, KafkaConnectSpec spec, Function<SecretKeyRef, String> secretValues) {
    Map<String, String> settings =
        new TreeMap<>(KafkaSecurity.resolvedClientProperties(spec, secretValues));
    settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, spec.bootstrapServers);
    settings.put(
        AdminClientConfig.CLIENT_ID_CONFIG,
        "tributary-operator-" + cluster.namespace() + "-" + cluster.cluster());
    settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "8000");
    settings.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "10000");
    settings.put(AdminClientConfig.METADATA_MAX_AGE_CONFIG, "30000");
    return settings;
  }
}
