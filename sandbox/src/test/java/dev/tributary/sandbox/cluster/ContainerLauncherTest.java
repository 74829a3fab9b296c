package dev.tributary.sandbox.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ContainerLauncherTest {

  @Test
  void containerPathsMapToLocalFoldersOnceEvenWhenThoseLieUnderAMountedPath() {
    var runner =
        new ContainerLauncher(
            new PodBuilder()
                .withNewMetadata()
                .withName("p")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("connect")
                .endContainer()
                .endSpec()
                .build(),
            "127.0.1.9",
            Path.of("/tmp/x"),
            Path.of("/tmp/dist"),
            Path.of("/tmp/claims"),
            Path.of("/tmp/hosts"));
    runner.mapPath("/opt/tributary", "/tmp/dist");
    runner.mapPath("/tmp", "/tmp/pod/volumes/tmp");
    runner.mapPath("/etc/tributary", "/tmp/pod/volumes/config");
    runner.mapPath("/opt/tributary-plugins", "/tmp/pod/volumes/plugins");

    assertThat(runner.translate("/etc/tributary/worker.properties"))
        .isEqualTo("/tmp/pod/volumes/config/worker.properties");
    assertThat(runner.translate("plugin.path=/opt/tributary/plugins,/opt/tributary-plugins"))
        .isEqualTo("plugin.path=/tmp/dist/plugins,/tmp/pod/volumes/plugins");
    assertThat(runner.translate("--cache /tmp/maven-cache"))
        .isEqualTo("--cache /tmp/pod/volumes/tmp/maven-cache");
    assertThat(runner.translate("/srv/opt/tributary"))
        .as("only whole paths")
        .isEqualTo("/srv/opt/tributary");
  }

  @Test
  void aPodsHeapIsKeptWhenItFitsTheSandboxAndCappedOtherwise() {
    assertThat(ContainerLauncher.sandboxHeap("-Xms16m -Xmx24m")).isEqualTo("-Xms16m -Xmx24m");
    assertThat(ContainerLauncher.sandboxHeap("-Xms256m -Xmx1g")).isEqualTo("-Xms64m -Xmx384m");
    assertThat(ContainerLauncher.sandboxHeap(null)).isEqualTo("-Xms64m -Xmx384m");
  }
}
