package dev.tributary.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.api.v1alpha1.KafkaConnect;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Objects no CRD rule let through, written past the typed client as raw JSON (as objects stored
 * before a rule existed reach the operator): each is reported on its own status, and the operator
 * keeps reconciling everything else.
 */
@EnableKubernetesMockClient(crud = true)
class UnreadableObjectsIT {

  static final String NS = "data";

  KubernetesClient client;
  KubernetesMockServer server;
  OperatorMain operator;

  @BeforeEach
  void startOperator() throws Exception {
    operator = MockApi.startOperator(client);
  }

  @AfterEach
  void stopOperator() {
    operator.stop();
  }

  GenericKubernetesResource raw(String yaml) {
    var resource = Serialization.unmarshal(yaml, GenericKubernetesResource.class);
    return client
        .genericKubernetesResources(resource.getApiVersion(), resource.getKind())
        .inNamespace(NS)
        .resource(resource)
        .create();
  }

  GenericKubernetesResource read(String kind, String name) {
    return client
        .genericKubernetesResources("tributary.dev/v1alpha1", kind)
        .inNamespace(NS)
        .withName(name)
        .get();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> ready(GenericKubernetesResource resource) {
    var status = (Map<String, Object>) resource.getAdditionalProperties().get("status");
    if (status == null || status.get("conditions") == null) {
      return Map.of();
    }
    return ((List<Map<String, Object>>) status.get("conditions"))
        .stream().filter(c -> "Ready".equals(c.get("type"))).findFirst().orElse(Map.of());
  }

  @Test
  void objectsThatCannotBeReadAreReportedAndEverythingElseKeepsReconciling() {
    raw(
        """
        apiVersion: tributary.dev/v1alpha1
        kind: KafkaConnector
        metadata: {name: shouting, namespace: data}
        spec: {clusterRef: {name: pipeline}, class: org.example.Source, state: PAUSED}
        """);
    raw(
        """
        apiVersion: tributary.dev/v1alpha1
        kind: KafkaConnect
        metadata: {name: wordy, namespace: data}
        spec: {bootstrapServers: "kafka:9092", replicas: three}
        """);

    client
        .resource(
            Serialization.unmarshal(
                """
                apiVersion: tributary.dev/v1alpha1
                kind: KafkaConnect
                metadata: {name: pipeline, namespace: data}
                spec: {bootstrapServers: "kafka:9092"}
                """,
                KafkaConnect.class))
        .inNamespace(NS)
        .create();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(
                      client
                          .apps()
                          .statefulSets()
                          .inNamespace(NS)
                          .withName("pipeline-connect")
                          .get())
                  .as("a valid KafkaConnect created afterwards is reconciled")
                  .isNotNull();
              assertThat(ready(read("KafkaConnector", "shouting")))
                  .containsEntry("status", "False")
                  .containsEntry("reason", "InvalidSpec")
                  .containsEntry(
                      "message", "spec.state: 'PAUSED' is not one of running, paused, stopped");
              assertThat(ready(read("KafkaConnect", "wordy")))
                  .containsEntry("status", "False")
                  .containsEntry("reason", "InvalidSpec");
              assertThat((String) ready(read("KafkaConnect", "wordy")).get("message"))
                  .startsWith("spec.replicas:");
            });
    assertThat(read("KafkaConnector", "shouting").getAdditionalProperties().get("spec"))
        .as("the stored spec is left as the user wrote it")
        .isEqualTo(
            Map.of(
                "clusterRef", Map.of("name", "pipeline"),
                "class", "org.example.Source",
                "state", "PAUSED"));
    assertThat(client.apps().statefulSets().inNamespace(NS).withName("wordy-connect").get())
        .as("nothing is created for an unreadable KafkaConnect")
        .isNull();
  }
}
