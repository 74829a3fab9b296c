package dev.tributary.operator.kafkaconnect;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Which API versions the API server serves, asked once per group and version. */
final class ServedApis {
  private final Map<String, Boolean> known = new ConcurrentHashMap<>();

  /** The first of {@code versions} (newest first) the server serves, or null when none is. */
  String newest(KubernetesClient client, String group, String... versions) {
    for (String version : versions) {
      if (serves(client, group, version)) {
        return version;
      }
    }
    return null;
  }

  private boolean serves(KubernetesClient client, String group, String version) {
    return known.computeIfAbsent(
        group + "/" + version,
        key -> {
          // The list of every group (/apis) is what every authenticated user may read. A server
          // that lists no such group (a test's mock) is taken to be a current one.
          var groups = client.getApiGroups();
          var listed =
              groups == null
                  ? Optional.<APIGroup>empty()
                  : groups.getGroups().stream().filter(g -> g.getName().equals(group)).findFirst();
          return listed
              .map(g -> g.getVersions().stream().anyMatch(v -> v.getVersion().equals(version)))
              .orElse(!version.matches(".*(alpha|beta).*"));
        });
  }
}
