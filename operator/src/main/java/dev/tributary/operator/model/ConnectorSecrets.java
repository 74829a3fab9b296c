package dev.tributary.operator.model;

import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.api.v1alpha1.SecretKeyRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secret references in a KafkaConnector's config: {@code ${secrets:<secret>:<key>}}, resolved on
 * the worker at task start by Strimzi's KubernetesSecretConfigProvider with the cluster's own
 * ServiceAccount, so Connect stores and returns the reference, never the value. A reference may
 * name only a Secret of the connector's own namespace ({@code <namespace>/<secret>} is accepted
 * when it is that namespace).
 */
public final class ConnectorSecrets {

  /** The config provider's name in every worker's properties. */
  public static final String PROVIDER = "secrets";

  public static final String PROVIDER_CLASS = "io.strimzi.kafka.KubernetesSecretConfigProvider";

  /** The CA Secrets of spec.restApi.tls end so ({@link RestApiTls#caSecret}). */
  static final String REST_CA_SUFFIX = "-connect-rest-ca";

  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\{" + PROVIDER + ":(?:([^}:/]+)/)?([^}:/]+):([^}]+)}");

  /** The references of one config, each with the config key that holds it, and any problems. */
  public record References(Map<String, List<SecretKeyRef>> byConfigKey, List<String> problems) {
    public SortedSet<String> secretNames() {
      SortedSet<String> names = new TreeSet<>();
      byConfigKey.values().forEach(refs -> refs.forEach(ref -> names.add(ref.secretName)));
      return names;
    }
  }

  private ConnectorSecrets() {}

  public static References of(KafkaConnector connector) {
    Map<String, String> config =
        connector.getSpec() == null || connector.getSpec().config == null
            ? Map.of()
            : connector.getSpec().config;
    String namespace = connector.getMetadata().getNamespace();
    Map<String, List<SecretKeyRef>> byKey = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    new TreeMap<>(config)
        .forEach(
            (key, value) -> {
              Matcher matcher = REFERENCE.matcher(value == null ? "" : value);
              while (matcher.find()) {
                String otherNamespace = matcher.group(1);
                if (otherNamespace != null && !otherNamespace.equals(namespace)) {
                  problems.add(
                      "spec.config."
                          + key
                          + ": Secret '"
                          + otherNamespace
                          + "/"
                          + matcher.group(2)
                          + "' is in another namespace; reference Secrets of namespace "
                          + namespace
                          + " only");
                  continue;
                }
                if (matcher.group(2).endsWith(REST_CA_SUFFIX)) {
                  problems.add(
                      "spec.config."
                          + key
                          + ": Secret '"
                          + matcher.group(2)
                          + "' holds a Connect REST API CA key, which no connector may read;"
                          + " reference another Secret");
                  continue;
                }
                byKey
                    .computeIfAbsent(key, k -> new ArrayList<>())
                    .add(new SecretKeyRef(matcher.group(2), matcher.group(3)));
              }
            });
    return new References(byKey, problems);
  }

  /** Every Secret the connectors of one cluster reference: what its workers may read. */
  public static SortedSet<String> secretNames(Iterable<KafkaConnector> connectors) {
    SortedSet<String> names = new TreeSet<>();
    connectors.forEach(c -> names.addAll(of(c).secretNames()));
    return names;
  }
}
