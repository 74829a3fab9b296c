package dev.tributary.sandbox.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Cluster DNS as a hosts file: each pod's {@code <pod>.<subdomain>.<ns>.svc} and each ClusterIP
 * Service's {@code <service>.<ns>.svc}, rewritten atomically when it changes. Workers read it with
 * {@code -Djdk.net.hosts.file}, the operator through {@link HostsFileDns}.
 */
final class ClusterDns {

  private final KubernetesClient client;
  private final Path hostsFile;
  private final Map<String, String> staticHosts;
  private String written = "";

  ClusterDns(KubernetesClient client, Path hostsFile, Map<String, String> staticHosts) {
    this.client = client;
    this.hostsFile = hostsFile;
    this.staticHosts = staticHosts;
  }

  void tick(List<Pod> pods, Function<Pod, String> addressOf) throws IOException {
    var lines = new TreeMap<String, String>();
    lines.put("localhost", "127.0.0.1");
    lines.putAll(staticHosts);
    for (Pod pod : pods) {
      String address = addressOf.apply(pod);
      if (address != null && pod.getSpec().getSubdomain() != null) {
        lines.put(
            pod.getMetadata().getName()
                + "."
                + pod.getSpec().getSubdomain()
                + "."
                + pod.getMetadata().getNamespace()
                + ".svc",
            address);
      }
    }
    // A ClusterIP Service resolves to one of its ready endpoints.
    for (var service : client.services().inAnyNamespace().list().getItems()) {
      if ("None".equals(service.getSpec().getClusterIP())
          || service.getSpec().getSelector() == null) {
        continue;
      }
      pods.stream()
          .filter(p -> p.getMetadata().getNamespace().equals(service.getMetadata().getNamespace()))
          .filter(
              p ->
                  p.getMetadata()
                      .getLabels()
                      .entrySet()
                      .containsAll(service.getSpec().getSelector().entrySet()))
          .filter(StatefulSetController::isReady)
          .map(addressOf)
          .filter(Objects::nonNull)
          .sorted()
          .findFirst()
          .ifPresent(
              a ->
                  lines.put(
                      service.getMetadata().getName()
                          + "."
                          + service.getMetadata().getNamespace()
                          + ".svc",
                      a));
    }
    StringBuilder text = new StringBuilder();
    lines.forEach((name, address) -> text.append(address).append(' ').append(name).append('\n'));
    if (!text.toString().equals(written)) {
      Path temp = hostsFile.resolveSibling(hostsFile.getFileName() + ".tmp");
      Files.writeString(temp, text.toString());
      Files.move(
          temp, hostsFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      written = text.toString();
    }
  }
}
