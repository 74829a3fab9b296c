package dev.tributary.sandbox.cluster;

import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.api.v1alpha1.Plugin;
import dev.tributary.api.v1alpha1.PluginArtifact;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cluster DNS as a hosts file: each pod's {@code <pod>.<subdomain>.<ns>.svc} and each ClusterIP
 * Service's {@code <service>.<ns>.svc}, rewritten atomically when it changes. Workers read it with
 * {@code -Djdk.net.hosts.file}, the operator through {@link HostsFileDns}. A JDK 17 hosts file has
 * no fallback to the machine's resolver, so the names pods are known to need outside the cluster
 * (the Maven repository {@code fetch-plugins} uses, the host of every {@code spec.plugins} URL, and
 * every host named in a KafkaConnect's or KafkaConnector's config or bootstrap servers) are
 * resolved with the machine's resolver and written in too.
 */
final class ClusterDns {

  private final KubernetesClient client;
  private final Path hostsFile;
  private final Map<String, String> staticHosts;
  private final Map<String, Resolved> external = new HashMap<>();
  private String written = "";

  /** The default repository of {@code fetch-plugins}: Maven Central. */
  static final String MAVEN_REPOSITORY_HOST = "repo1.maven.org";

  private static final Duration RESOLVE_AGAIN = Duration.ofMinutes(5);

  private record Resolved(String address, Instant at) {}

  ClusterDns(KubernetesClient client, Path hostsFile, Map<String, String> staticHosts) {
    this.client = client;
    this.hostsFile = hostsFile;
    this.staticHosts = staticHosts;
  }

  private static java.util.Optional<String> machineHostname() {
    try {
      String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
      return name.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(name);
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }

  void tick(List<Pod> pods, Function<Pod, String> addressOf) throws IOException {
    var lines = new TreeMap<String, String>();
    lines.put("localhost", "127.0.0.1");
    // A pod resolves its own hostname; here every pod's is the machine's (Java asks for it).
    machineHostname().ifPresent(name -> lines.put(name, "127.0.0.1"));
    for (String host : externalHosts()) {
      String address = resolve(host);
      if (address != null) {
        lines.put(host, address);
      }
    }
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
    // A hosts file names one address per line: the name comes after it.
    lines.forEach((name, address) -> text.append(address).append(' ').append(name).append('\n'));
    if (!text.toString().equals(written)) {
      Path temp = hostsFile.resolveSibling(hostsFile.getFileName() + ".tmp");
      Files.writeString(temp, text.toString());
      Files.move(
          temp, hostsFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      written = text.toString();
    }
  }

  /**
   * Names outside the cluster that pods are known to reach: the Maven repository, plugin URLs, and
   * every host a KafkaConnect or KafkaConnector names in its config or bootstrap servers.
   */
  private Set<String> externalHosts() {
    Set<String> hosts = new TreeSet<>();
    hosts.add(MAVEN_REPOSITORY_HOST);
    for (KafkaConnect cluster :
        client.resources(KafkaConnect.class).inAnyNamespace().list().getItems()) {
      if (cluster.getSpec() == null) {
        continue;
      }
      hosts.addAll(hostsNamedIn(cluster.getSpec().bootstrapServers));
      configValues(cluster.getSpec().config).forEach(v -> hosts.addAll(hostsNamedIn(v)));
      for (var plugin : Objects.requireNonNullElse(cluster.getSpec().plugins, List.<Plugin>of())) {
        for (var artifact :
            Objects.requireNonNullElse(plugin.artifacts, List.<PluginArtifact>of())) {
          hosts.addAll(hostsNamedIn(artifact.url));
        }
      }
    }
    for (KafkaConnector connector :
        client.resources(KafkaConnector.class).inAnyNamespace().list().getItems()) {
      if (connector.getSpec() != null) {
        configValues(connector.getSpec().config).forEach(v -> hosts.addAll(hostsNamedIn(v)));
      }
    }
    hosts.removeIf(host -> host.endsWith(".svc") || host.endsWith(".cluster.local"));
    return hosts;
  }

  private static java.util.Collection<String> configValues(Map<String, String> config) {
    return config == null ? List.of() : config.values();
  }

  private static final String HOST =
      "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*";

  /** A host after a URL's scheme, or before a port: never a class name, which has neither. */
  private static final Pattern HOST_IN_TEXT =
      Pattern.compile(
          "://(?:[^@/\\s]*@)?(?<url>"
              + HOST
              + ")|(?:^|[\\s,;=(/@])(?<hostport>"
              + HOST
              + "):\\d{1,5}\\b");

  /** The host names (not addresses) in a config value: URLs and {@code host:port} pairs. */
  static Set<String> hostsNamedIn(String value) {
    Set<String> hosts = new TreeSet<>();
    if (value == null) {
      return hosts;
    }
    Matcher matcher = HOST_IN_TEXT.matcher(value);
    while (matcher.find()) {
      String host = matcher.group("url") != null ? matcher.group("url") : matcher.group("hostport");
      if (!host.matches("[0-9.]+") && !host.equals("localhost")) {
        hosts.add(host.toLowerCase(java.util.Locale.ROOT));
      }
    }
    return hosts;
  }

  /** The machine's answer for {@code host}, an IPv4 address first, asked again every 5 minutes. */
  private String resolve(String host) {
    Instant now = Instant.now();
    Resolved known = external.get(host);
    if (known != null && known.at().plus(RESOLVE_AGAIN).isAfter(now)) {
      return known.address();
    }
    String address = null;
    try {
      var all = InetAddress.getAllByName(host);
      address =
          Arrays.stream(all)
              .filter(a -> a instanceof Inet4Address)
              .findFirst()
              .orElse(all[0])
              .getHostAddress();
    } catch (UnknownHostException e) {
      // Not resolvable from here either: pods get the same answer, no entry.
    }
    external.put(host, new Resolved(address, now));
    return address;
  }
}
