package dev.tributary.operator.model;

import dev.tributary.api.v1alpha1.AuthenticationType;
import dev.tributary.api.v1alpha1.KafkaAuthentication;
import dev.tributary.api.v1alpha1.KafkaConnectSpec;
import dev.tributary.api.v1alpha1.SecretKeyRef;
import dev.tributary.contract.WorkerContract;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The worker properties that spec.tls and spec.authentication stand for, for the worker and for its
 * producer, consumer and admin clients (which every connector's clients inherit). Secret values
 * never appear in them: each is a {@code ${directory:<mounted secret>:<key>}} reference that
 * Connect's DirectoryConfigProvider reads from the Secret mounted into the pod, so the ConfigMap,
 * the pod spec and Connect's config topic hold only the reference.
 */
public final class KafkaSecurity {

  /** The config provider Tributary adds, and the only folder it may read. */
  static final String PROVIDER = "directory";

  static final List<String> CLIENT_PREFIXES = List.of("", "producer.", "consumer.", "admin.");

  private KafkaSecurity() {}

  /** Whether the spec asks for anything beyond plaintext without authentication. */
  public static boolean configured(KafkaConnectSpec spec) {
    return spec.tls != null || spec.authentication != null;
  }

  /** The folder a Secret is mounted at in every worker. */
  public static String mountPath(String secretName) {
    return WorkerContract.SECRETS_DIR + "/" + secretName;
  }

  /** The reference Connect resolves to the value of a Secret key. */
  public static String reference(SecretKeyRef ref) {
    return "${" + PROVIDER + ":" + mountPath(ref.secretName) + ":" + ref.key + "}";
  }

  /** Every Secret key the spec references, by the field that names it. */
  public static Map<String, SecretKeyRef> references(KafkaConnectSpec spec) {
    Map<String, SecretKeyRef> refs = new TreeMap<>();
    if (spec.tls != null && spec.tls.trustedCertificates != null) {
      for (int i = 0; i < spec.tls.trustedCertificates.size(); i++) {
        refs.put("spec.tls.trustedCertificates[" + i + "]", spec.tls.trustedCertificates.get(i));
      }
    }
    KafkaAuthentication auth = spec.authentication;
    if (auth != null) {
      putIfSet(refs, "spec.authentication.certificate", auth.certificate);
      putIfSet(refs, "spec.authentication.key", auth.key);
      putIfSet(refs, "spec.authentication.password", auth.password);
      putIfSet(refs, "spec.authentication.clientSecret", auth.clientSecret);
    }
    return refs;
  }

  private static void putIfSet(Map<String, SecretKeyRef> refs, String field, SecretKeyRef ref) {
    if (ref != null && ref.secretName != null) {
      refs.put(field, ref);
    }
  }

  /** Every Secret the workers need mounted, by name. */
  public static SortedSet<String> secretNames(KafkaConnectSpec spec) {
    SortedSet<String> names = new TreeSet<>();
    references(spec).values().forEach(ref -> names.add(ref.secretName));
    return names;
  }

  /**
   * The worker properties for spec.tls and spec.authentication, and the {@code directory} config
   * provider they read Secrets with; empty when neither is set.
   */
  public static Map<String, String> properties(KafkaConnectSpec spec) {
    Map<String, String> props = new TreeMap<>();
    if (!configured(spec)) {
      return props;
    }
    Map<String, String> client = clientProperties(spec);
    for (String prefix : CLIENT_PREFIXES) {
      client.forEach((key, value) -> props.put(prefix + key, value));
    }
    if (!secretNames(spec).isEmpty()) {
      props.putAll(directoryProvider());
    }
    return props;
  }

  /** The {@code directory} config provider, reading only the folder Secrets are mounted under. */
  static Map<String, String> directoryProvider() {
    return Map.of(
        "config.providers." + PROVIDER + ".class",
        "org.apache.kafka.common.config.provider.DirectoryConfigProvider",
        "config.providers." + PROVIDER + ".param.allowed.paths",
        WorkerContract.SECRETS_DIR);
  }

  /** One client's security settings, without a prefix. */
  static Map<String, String> clientProperties(KafkaConnectSpec spec) {
    Map<String, String> props = new TreeMap<>();
    KafkaAuthentication auth = spec.authentication;
    boolean sasl = auth != null && auth.type != AuthenticationType.TLS;
    boolean tls = spec.tls != null || (auth != null && auth.type == AuthenticationType.TLS);
    props.put("security.protocol", sasl ? (tls ? "SASL_SSL" : "SASL_PLAINTEXT") : "SSL");
    if (spec.tls != null) {
      if (spec.tls.trustedCertificates != null && !spec.tls.trustedCertificates.isEmpty()) {
        props.put("ssl.truststore.type", "PEM");
        List<String> certificates = new ArrayList<>();
        spec.tls.trustedCertificates.forEach(ref -> certificates.add(reference(ref)));
        props.put("ssl.truststore.certificates", String.join("\n", certificates));
      }
      if (Boolean.FALSE.equals(spec.tls.hostnameVerification)) {
        props.put("ssl.endpoint.identification.algorithm", "");
      }
    }
    if (auth == null) {
      return props;
    }
    switch (auth.type) {
      case TLS -> {
        props.put("ssl.keystore.type", "PEM");
        props.put("ssl.keystore.certificate.chain", reference(auth.certificate));
        props.put("ssl.keystore.key", reference(auth.key));
      }
      case SCRAM_SHA_256, SCRAM_SHA_512, PLAIN -> {
        props.put("sasl.mechanism", mechanism(auth.type));
        String module =
            auth.type == AuthenticationType.PLAIN
                ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        props.put(
            "sasl.jaas.config",
            module
                + " required username=\""
                + jaasEscape(auth.username)
                + "\" password=\""
                + reference(auth.password)
                + "\";");
      }
      case OAUTH -> {
        props.put("sasl.mechanism", "OAUTHBEARER");
        props.put(
            "sasl.login.callback.handler.class",
            "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler");
        props.put("sasl.oauthbearer.token.endpoint.url", auth.tokenEndpointUri);
        // Kafka 4.1+ takes the client credentials as configs (KIP-1139); its JAAS options for
        // them are deprecated.
        props.put(
            "sasl.jaas.config",
            "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;");
        props.put("sasl.oauthbearer.client.credentials.client.id", auth.clientId);
        props.put(
            "sasl.oauthbearer.client.credentials.client.secret", reference(auth.clientSecret));
        if (auth.scope != null) {
          props.put("sasl.oauthbearer.scope", auth.scope);
        }
      }
    }
    return props;
  }

  /**
   * One client's security settings for a client of the operator's own, which has no Secret mounted:
   * each reference replaced by the value {@code values} gives for its Secret key. The result holds
   * secrets: it goes only to the client, never to a log or an object.
   */
  public static Map<String, String> resolvedClientProperties(
      KafkaConnectSpec spec, Function<SecretKeyRef, String> values) {
    if (!configured(spec)) {
      return new TreeMap<>();
    }
    Map<String, String> props = clientProperties(spec);
    for (SecretKeyRef ref : references(spec).values()) {
      String reference = reference(ref);
      String value = values.apply(ref);
      props.replaceAll(
          (key, setting) ->
              setting.contains(reference)
                  ? setting.replace(
                      reference, key.equals("sasl.jaas.config") ? jaasEscape(value) : value)
                  : setting);
    }
    return props;
  }

  /** One read-only Secret volume per Secret the workers need, named by position. */
  public static List<Volume> volumes(KafkaConnectSpec spec) {
    List<Volume> volumes = new ArrayList<>();
    int i = 0;
    for (String secret : secretNames(spec)) {
      volumes.add(
          new VolumeBuilder()
              .withName("kafka-secret-" + i++)
              .withNewSecret()
              .withSecretName(secret)
              .withDefaultMode(0440)
              .endSecret()
              .build());
    }
    return volumes;
  }

  /** Where each of {@link #volumes} is mounted: {@link #mountPath} of its Secret. */
  public static List<VolumeMount> mounts(KafkaConnectSpec spec) {
    List<VolumeMount> mounts = new ArrayList<>();
    int i = 0;
    for (String secret : secretNames(spec)) {
      mounts.add(
          new VolumeMountBuilder()
              .withName("kafka-secret-" + i++)
              .withMountPath(mountPath(secret))
              .withReadOnly(true)
              .build());
    }
    return mounts;
  }

  /**
   * JVM options the workers need: Kafka 4 fetches OAuth tokens only from URLs a system property
   * allows.
   */
  public static Optional<String> javaOptions(KafkaConnectSpec spec) {
    if (spec.authentication != null
        && spec.authentication.type == AuthenticationType.OAUTH
        && spec.authentication.tokenEndpointUri != null) {
      return Optional.of(
          "-Dorg.apache.kafka.sasl.oauthbearer.allowed.urls="
              + spec.authentication.tokenEndpointUri);
    }
    return Optional.empty();
  }

  private static String mechanism(AuthenticationType type) {
    return switch (type) {
      case SCRAM_SHA_256 -> "SCRAM-SHA-256";
      case SCRAM_SHA_512 -> "SCRAM-SHA-512";
      default -> "PLAIN";
    };
  }

  /** A value inside a JAAS option's double quotes. */
  static String jaasEscape(String value) {
    return value == null ? "" : value.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
