package dev.tributary.operator.model;

import dev.tributary.api.v1alpha1.KafkaConnectSpec;
import dev.tributary.api.v1alpha1.SecretKeyRef;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * spec.restApi.tls: the workers serve their REST API over HTTPS with a certificate of the cluster's
 * own CA and answer only clients presenting a certificate of that CA (the operator, and each other
 * when forwarding to the leader); the kubelet's probes reach {@code /health} alone. The CA's key
 * stays in a Secret only the operator reads; the workers mount the other one.
 */
public final class RestApiTls {

  /**
   * Secret keys of the workers' Secret (besides PEM copies in {@code tls.crt}, {@code tls.key}).
   */
  public static final String KEYSTORE = "keystore.p12";

  public static final String TRUSTSTORE = "truststore.p12";
  public static final String STORE_PASSWORD = "keystore.password";
  public static final String CA_BUNDLE = "ca.crt";

  /** The worker REST extension that turns away requests without a client certificate. */
  public static final String EXTENSION = "dev.tributary.worker.rest.ClientCertificateRequired";

  private static final String VOLUME = "rest-tls";

  private RestApiTls() {}

  public static boolean enabled(KafkaConnectSpec spec) {
    return spec.restApi != null && Boolean.TRUE.equals(spec.restApi.tls);
  }

  /** The Secret with the CA's certificate and key: the operator's alone. */
  public static String caSecret(ClusterNames names) {
    return names.cluster() + ConnectorSecrets.REST_CA_SUFFIX;
  }

  /** The Secret the workers mount: their certificate, key stores and the CAs they trust. */
  public static String workerSecret(ClusterNames names) {
    return names.cluster() + "-connect-rest-tls";
  }

  /** The REST API's URL as users and status see it. */
  public static String url(ClusterNames names, KafkaConnectSpec spec) {
    return enabled(spec) ? names.restUrl().replaceFirst("^http:", "https:") : names.restUrl();
  }

  /** The names the workers' certificate holds: every pod's, and the API Service's. */
  public static List<String> dnsNames(ClusterNames names) {
    String pods = names.headlessService() + "." + names.namespace() + ".svc";
    String api = names.apiService();
    return List.of(
        "*." + pods,
        "*." + pods + ".cluster.local",
        api,
        api + "." + names.namespace(),
        names.apiHost(),
        names.apiHost() + ".cluster.local");
  }

  /** The worker Secret's key whose change rolls the workers. */
  public static Map<String, SecretKeyRef> references(ClusterNames names, KafkaConnectSpec spec) {
    Map<String, SecretKeyRef> refs = new TreeMap<>();
    if (enabled(spec)) {
      // Rebuilt as a whole: a new keystore comes with any new truststore.
      refs.put("spec.restApi.tls", new SecretKeyRef(workerSecret(names), KEYSTORE));
    }
    return refs;
  }

  /** The worker properties of an HTTPS REST API requiring client certificates. */
  public static Map<String, String> properties(ClusterNames names, KafkaConnectSpec spec) {
    Map<String, String> props = new TreeMap<>();
    if (!enabled(spec)) {
      return props;
    }
    String dir = KafkaSecurity.mountPath(workerSecret(names));
    String password = "${" + KafkaSecurity.PROVIDER + ":" + dir + ":" + STORE_PASSWORD + "}";
    props.putAll(KafkaSecurity.directoryProvider());
    props.put("listeners", "https://0.0.0.0:" + ClusterNames.REST_PORT);
    props.put("rest.advertised.listener", "https");
    // One set for the server and for requests forwarded to the leader, which present the same
    // certificate as a client and check the leader's name against it.
    String prefix = "listeners.https.";
    props.put(prefix + "ssl.keystore.type", "PKCS12");
    props.put(prefix + "ssl.keystore.location", dir + "/" + KEYSTORE);
    props.put(prefix + "ssl.keystore.password", password);
    props.put(prefix + "ssl.key.password", password);
    props.put(prefix + "ssl.truststore.type", "PKCS12");
    props.put(prefix + "ssl.truststore.location", dir + "/" + TRUSTSTORE);
    props.put(prefix + "ssl.truststore.password", password);
    props.put(prefix + "ssl.endpoint.identification.algorithm", "HTTPS");
    // Requested, not required: the kubelet's probes have no certificate and may read /health,
    // which the extension lets through; every other path needs a certificate the truststore
    // verified in the handshake.
    props.put(prefix + "ssl.client.auth", "requested");
    return props;
  }

  public static List<Volume> volumes(ClusterNames names, KafkaConnectSpec spec) {
    if (!enabled(spec)) {
      return List.of();
    }
    return List.of(
        new VolumeBuilder()
            .withName(VOLUME)
            .withNewSecret()
            .withSecretName(workerSecret(names))
            .withDefaultMode(0440)
            .endSecret()
            .build());
  }

  public static List<VolumeMount> mounts(ClusterNames names, KafkaConnectSpec spec) {
    if (!enabled(spec)) {
      return List.of();
    }
    return List.of(
        new VolumeMountBuilder()
            .withName(VOLUME)
            .withMountPath(KafkaSecurity.mountPath(workerSecret(names)))
            .withReadOnly(true)
            .build());
  }

  /**
   * HTTPS probes (the kubelet checks no certificate), or the default (null) for HTTP, so pod
   * templates of clusters without TLS stay as they were.
   */
  public static String probeScheme(KafkaConnectSpec spec) {
    return enabled(spec) ? "HTTPS" : null;
  }

  /** Connect checks the Host a request names against its certificate: the API Service's name. */
  public static List<HTTPHeader> probeHeaders(ClusterNames names, KafkaConnectSpec spec) {
    return enabled(spec) ? List.of(new HTTPHeader("Host", names.apiHost())) : null;
  }
}
