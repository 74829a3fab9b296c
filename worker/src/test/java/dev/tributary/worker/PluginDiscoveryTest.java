package dev.tributary.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginDiscoveryTest {

  static void jar(Path file, String... entries) throws IOException {
    Files.createDirectories(file.getParent());
    try (var zip = new ZipOutputStream(Files.newOutputStream(file))) {
      for (String entry : entries) {
        zip.putNextEntry(new ZipEntry(entry));
        zip.write("x".getBytes());
        zip.closeEntry();
      }
    }
  }

  @Test
  void pluginsWithManifestsAllowServiceLoading(@TempDir Path path) throws IOException {
    jar(
        path.resolve("file/connect-file.jar"),
        "META-INF/services/org.apache.kafka.connect.source.SourceConnector",
        "a/B.class");
    jar(
        path.resolve("single.jar"),
        "META-INF/services/org.apache.kafka.connect.transforms.Transformation");

    assertThat(PluginDiscovery.modeFor(path.toString())).isEqualTo("service_load");
  }

  @Test
  void onePluginWithoutManifestsMeansScanning(@TempDir Path path) throws IOException {
    jar(
        path.resolve("file/connect-file.jar"),
        "META-INF/services/org.apache.kafka.connect.source.SourceConnector");
    jar(path.resolve("legacy/legacy-connector.jar"), "com/example/LegacyConnector.class");

    assertThat(PluginDiscovery.modeFor(path + ", /does/not/exist")).isEqualTo("hybrid_warn");
  }

  @Test
  void anEmptyOrMissingPluginPathNeedsNoScan(@TempDir Path path) {
    assertThat(PluginDiscovery.modeFor(path.toString())).isEqualTo("service_load");
    assertThat(PluginDiscovery.modeFor("/does/not/exist")).isEqualTo("service_load");
  }
}
