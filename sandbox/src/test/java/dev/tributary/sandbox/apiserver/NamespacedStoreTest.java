package dev.tributary.sandbox.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stand-in answers as before with its store kept per namespace: whatever a request names, it
 * sees the objects it would have seen in one big store, no more and no fewer.
 */
class NamespacedStoreTest {

  static StandInApi api;
  static KubernetesClient client;

  @BeforeAll
  static void start() throws Exception {
    api = StandInApi.start(Path.of("..").toAbsolutePath().normalize());
    client = api.client();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  static ConfigMap configMap(String namespace, String name, String value) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(Map.of("app", "x"))
        .endMetadata()
        .withData(Map.of("v", value))
        .build();
  }

  @Test
  void sameNamesInTwoNamespacesStayApartThroughEveryVerb() {
    client.resource(configMap("ns-a", "same", "a")).create();
    client.resource(configMap("ns-b", "same", "b")).create();

    assertThat(client.configMaps().inNamespace("ns-a").withName("same").get().getData())
        .containsEntry("v", "a");
    assertThat(client.configMaps().inNamespace("ns-b").withName("same").get().getData())
        .containsEntry("v", "b");

    client
        .configMaps()
        .inNamespace("ns-a")
        .withName("same")
        .edit(c -> configMap("ns-a", "same", "a2"));
    assertThat(client.configMaps().inNamespace("ns-a").withName("same").get().getData())
        .containsEntry("v", "a2");
    assertThat(client.configMaps().inNamespace("ns-b").withName("same").get().getData())
        .as("an edit in one namespace leaves the other's object alone")
        .containsEntry("v", "b");

    assertThat(client.configMaps().inNamespace("ns-a").withLabel("app", "x").list().getItems())
        .extracting(c -> c.getMetadata().getNamespace())
        .containsOnly("ns-a");
    assertThat(client.configMaps().inAnyNamespace().withLabel("app", "x").list().getItems())
        .as("a request naming no namespace still sees every namespace")
        .extracting(c -> c.getMetadata().getNamespace())
        .contains("ns-a", "ns-b");

    client.configMaps().inNamespace("ns-a").withName("same").delete();
    assertThat(client.configMaps().inNamespace("ns-a").withName("same").get()).isNull();
    assertThat(client.configMaps().inNamespace("ns-b").withName("same").get()).isNotNull();
    assertThat(client.configMaps().inAnyNamespace().withLabel("app", "x").list().getItems())
        .as("a delete through a namespace leaves no trace in the cluster-wide view")
        .extracting(c -> c.getMetadata().getNamespace())
        .containsOnly("ns-b");
  }

  @Test
  void clusterScopedObjectsAreFoundAsBefore() {
    client
        .resource(new NamespaceBuilder().withNewMetadata().withName("team-z").endMetadata().build())
        .create();
    assertThat(client.namespaces().withName("team-z").get()).isNotNull();
    assertThat(client.namespaces().list().getItems())
        .extracting(n -> n.getMetadata().getName())
        .contains("team-z");
  }
}
