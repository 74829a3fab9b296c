package dev.tributary.sandbox;

import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.sandbox.process.Records;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Searches everything a user, a log reader or Connect can see for the credentials the sandbox's
 * Secrets hold: ConfigMaps, pods, StatefulSets, KafkaConnects and KafkaConnectors with their
 * status, Events, every container log (deleted pods included), the operator's log and every
 * cluster's config topic. A credential is a Secret value stored under a key that names one
 * (password, key, secret, token, JAAS config); certificates and plain settings are not secret.
 */
final class SecretLeaks {

  private static final Pattern CREDENTIAL_KEY =
      Pattern.compile("(?i).*(password|secret|token|jaas|(^|[.-])key)$");

  private static final Pattern CONFIG_TOPIC =
      Pattern.compile("(?m)^config\\.storage\\.topic=(\\S+)$");

  private SecretLeaks() {}

  /** Every credential in the namespace's Secrets now, by where it came from. */
  static Map<String, String> credentials(KubernetesClient client, String namespace) {
    Map<String, String> found = new LinkedHashMap<>();
    for (Secret secret : client.secrets().inNamespace(namespace).list().getItems()) {
      Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
      data.forEach(
          (key, value) -> {
            if (CREDENTIAL_KEY.matcher(key).matches()) {
              found.put(
                  secret.getMetadata().getName() + "/" + key,
                  new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8));
            }
          });
    }
    return found;
  }

  /**
   * Where any of {@code credentials} shows in {@code places}, as "place: credential" lines; empty
   * when nowhere. Each value is also sought line by line, so a PEM key logged in part is found too.
   */
  static List<String> find(Map<String, String> places, Map<String, String> credentials) {
    List<String> leaks = new ArrayList<>();
    places.forEach(
        (place, text) ->
            credentials.forEach(
                (name, value) -> {
                  if (fragments(value).stream().anyMatch(text::contains)) {
                    leaks.add(place + ": " + name);
                  }
                }));
    return leaks;
  }

  /** Everything searched, by place: the objects, the logs and every cluster's config topic. */
  static Map<String, String> places(
      Sandbox sandbox, String namespace, Path dir, String operatorLog, String bootstrapServers)
      throws IOException {
    Map<String, String> places = places(sandbox.client(), namespace, dir, operatorLog);
    configTopics(places)
        .forEach(
            topic ->
                places.put(
                    "config topic " + topic,
                    String.join("\n", Records.valuesOf(bootstrapServers, topic))));
    return places;
  }

  private static Map<String, String> places(
      KubernetesClient client, String namespace, Path dir, String operatorLog) throws IOException {
    Map<String, String> places = new LinkedHashMap<>();
    var ns = client.configMaps().inNamespace(namespace);
    for (ConfigMap configMap : ns.list().getItems()) {
      places.put("ConfigMap " + configMap.getMetadata().getName(), json(configMap));
    }
    client
        .pods()
        .inNamespace(namespace)
        .list()
        .getItems()
        .forEach(p -> places.put("Pod " + p.getMetadata().getName(), json(p)));
    client
        .apps()
        .statefulSets()
        .inNamespace(namespace)
        .list()
        .getItems()
        .forEach(s -> places.put("StatefulSet " + s.getMetadata().getName(), json(s)));
    client
        .resources(KafkaConnect.class)
        .inNamespace(namespace)
        .list()
        .getItems()
        .forEach(c -> places.put("KafkaConnect " + c.getMetadata().getName(), json(c)));
    client
        .resources(KafkaConnector.class)
        .inNamespace(namespace)
        .list()
        .getItems()
        .forEach(c -> places.put("KafkaConnector " + c.getMetadata().getName(), json(c)));
    client
        .v1()
        .events()
        .inNamespace(namespace)
        .list()
        .getItems()
        .forEach(e -> places.put("Event " + e.getMetadata().getName(), json(e)));
    places.put("operator log", operatorLog);
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path log : files.filter(f -> f.toString().endsWith(".log")).toList()) {
        places.put("log " + dir.relativize(log), Files.readString(log));
      }
    }
    return places;
  }

  private static Set<String> configTopics(Map<String, String> places) {
    Set<String> topics = new TreeSet<>();
    places.forEach(
        (place, text) -> {
          if (place.startsWith("ConfigMap ")) {
            Matcher matcher =
                CONFIG_TOPIC.matcher(text.replace("\\n", "\n").replace("\\u003d", "="));
            while (matcher.find()) {
              topics.add(matcher.group(1));
            }
          }
        });
    return topics;
  }

  /** The value, and each line of it long enough to be telling (the body lines of a PEM key). */
  static List<String> fragments(String value) {
    List<String> fragments = new ArrayList<>();
    fragments.add(value.strip());
    for (String line : value.split("\n")) {
      if (line.strip().length() >= 16 && !line.startsWith("-----")) {
        fragments.add(line.strip());
      }
    }
    return fragments;
  }

  private static String json(Object o) {
    return Serialization.asJson(o);
  }
}
