package dev.tributary.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerPropertiesTest {

  @Test
  void environmentVariableNamesMapToPropertyNames() {
    assertThat(WorkerProperties.propertyNameOf("CONNECT_REST_ADVERTISED_HOST_NAME"))
        .isEqualTo("rest.advertised.host.name");
    assertThat(WorkerProperties.propertyNameOf("CONNECT_BOOTSTRAP_SERVERS"))
        .isEqualTo("bootstrap.servers");
    assertThat(WorkerProperties.propertyNameOf("CONNECT_CONFIG_PROVIDERS_FILE_CLASS"))
        .isEqualTo("config.providers.file.class");
    assertThat(WorkerProperties.propertyNameOf("CONNECT_SOME__UNDERSCORED_KEY"))
        .isEqualTo("some_underscored.key");
    assertThat(WorkerProperties.propertyNameOf("CONNECT_A___HYPHEN")).isEqualTo("a-hyphen");
  }

  @Test
  void environmentOverridesTheFileAndIgnoresOtherVariables() {
    var merged =
        WorkerProperties.withEnvironmentOverrides(
            Map.of("group.id", "a", "rest.advertised.host.name", "file-host"),
            Map.of(
                "CONNECT_REST_ADVERTISED_HOST_NAME", "pipeline-0.pipeline-workers",
                "HOME", "/root",
                "CONNECT_", "ignored"));

    assertThat(merged)
        .containsExactly(
            Map.entry("group.id", "a"),
            Map.entry("rest.advertised.host.name", "pipeline-0.pipeline-workers"));
  }

  @Test
  void resolvedPropertiesDefaultThePluginPathToTheDistributionAndKeepUserChoices(@TempDir Path home)
      throws Exception {
    Files.createDirectories(home.resolve("plugins"));
    Path file = home.resolve("worker.properties");
    Files.writeString(file, "bootstrap.servers=k:9092\n");

    var props = WorkerMain.resolveWorkerProperties(file, Map.of(), home);

    assertThat(props).containsEntry("plugin.path", home.resolve("plugins").toString());
    assertThat(props).containsEntry("plugin.discovery", "service_load");

    Files.writeString(file, "plugin.path=/elsewhere\nplugin.discovery=only_scan\n");
    assertThat(WorkerMain.resolveWorkerProperties(file, Map.of(), home))
        .containsEntry("plugin.path", "/elsewhere")
        .containsEntry("plugin.discovery", "only_scan");
  }

  @Test
  void aMissingPropertiesFileIsAUserError(@TempDir Path home) {
    assertThatThrownBy(
            () -> WorkerMain.resolveWorkerProperties(home.resolve("nope"), Map.of(), home))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("nope");
  }
}
