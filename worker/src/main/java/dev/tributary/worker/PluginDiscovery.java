package dev.tributary.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Chooses Connect's {@code plugin.discovery} mode. {@code service_load} skips the full classpath
 * scan and starts workers seconds faster, but only sees plugins that declare ServiceLoader
 * manifests; a plugin path holding any plugin without them gets {@code hybrid_warn}, which scans.
 */
public final class PluginDiscovery {

  static final String MANIFEST_PREFIX = "META-INF/services/org.apache.kafka.connect.";

  private PluginDiscovery() {}

  /** The discovery mode the given comma-separated plugin path allows. */
  public static String modeFor(String pluginPath) {
    List<Path> locations = new ArrayList<>();
    for (String entry : pluginPath.split(",")) {
      Path dir = Path.of(entry.trim());
      if (!entry.isBlank() && Files.isDirectory(dir)) {
        locations.addAll(childrenOf(dir));
      }
    }
    return locations.stream().allMatch(PluginDiscovery::declaresManifests)
        ? "service_load"
        : "hybrid_warn";
  }

  static boolean declaresManifests(Path location) {
    if (Files.isDirectory(location)) {
      if (Files.isDirectory(location.resolve("META-INF/services"))) {
        return hasConnectManifest(location.resolve("META-INF/services"));
      }
      List<Path> jars = childrenOf(location).stream().filter(PluginDiscovery::isJar).toList();
      return !jars.isEmpty() && jars.stream().anyMatch(PluginDiscovery::jarDeclaresManifests);
    }
    return isJar(location) && jarDeclaresManifests(location);
  }

  private static boolean hasConnectManifest(Path servicesDir) {
    try (Stream<Path> files = Files.list(servicesDir)) {
      return files.anyMatch(
          f -> ("META-INF/services/" + f.getFileName()).startsWith(MANIFEST_PREFIX));
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean jarDeclaresManifests(Path jar) {
    try (var zip = new ZipFile(jar.toFile())) {
      return zip.stream().anyMatch(e -> e.getName().startsWith(MANIFEST_PREFIX));
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean isJar(Path path) {
    String name = path.getFileName().toString();
    return Files.isRegularFile(path) && (name.endsWith(".jar") || name.endsWith(".zip"));
  }

  private static List<Path> childrenOf(Path dir) {
    try (Stream<Path> children = Files.list(dir)) {
      return children.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
