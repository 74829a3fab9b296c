package dev.tributary.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What {@code kubectl apply -f crds/ -f deploy/} would send is well-formed and fits together. */
class DeployManifestsTest {

  static List<HasMetadata> manifests(String folder) throws Exception {
    List<HasMetadata> objects = new ArrayList<>();
    try (Stream<Path> files = Files.list(MockApi.repo().resolve(folder))) {
      for (Path file :
          files.filter(f -> f.toString().matches(".*\\.(ya?ml|json)$")).sorted().toList()) {
        Object parsed = Serialization.unmarshal(Files.newInputStream(file));
        if (parsed instanceof List<?> list) {
          list.forEach(o -> objects.add((HasMetadata) o));
        } else {
          objects.add((HasMetadata) parsed);
        }
      }
    }
    return objects;
  }

  @Test
  void crdsFolderHoldsOnlyTheTwoCrds() throws Exception {
    assertThat(manifests("crds"))
        .allMatch(o -> o instanceof CustomResourceDefinition)
        .extracting(o -> o.getMetadata().getName())
        .containsExactlyInAnyOrder("kafkaconnects.tributary.dev", "kafkaconnectors.tributary.dev");
  }

  @Test
  void theOperatorDeploymentIsHardenedAndUsesTheServiceAccountAndEndpointsThatExist()
      throws Exception {
    List<HasMetadata> deploy = manifests("deploy");
    Deployment operator =
        deploy.stream()
            .filter(o -> o instanceof Deployment)
            .map(o -> (Deployment) o)
            .findFirst()
            .orElseThrow();
    var pod = operator.getSpec().getTemplate().getSpec();
    var container = pod.getContainers().get(0);

    assertThat(deploy)
        .filteredOn(o -> o instanceof ServiceAccount)
        .extracting(o -> o.getMetadata().getName())
        .contains(pod.getServiceAccountName());
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(container.getPorts().get(0).getContainerPort())
        .isEqualTo(OperatorConfig.fromEnvironment(java.util.Map.of()).httpPort());
    assertThat(operator.getSpec().getTemplate().getMetadata().getLabels())
        .as("the worker NetworkPolicy admits pods with this label")
        .containsEntry("app.kubernetes.io/name", "tributary-operator");
    assertThat(pod.getVolumes()).anyMatch(v -> v.getEmptyDir() != null);
  }
}
