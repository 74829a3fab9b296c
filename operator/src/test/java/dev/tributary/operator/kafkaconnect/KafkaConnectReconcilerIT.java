package dev.tributary.operator.kafkaconnect;

import static dev.tributary.operator.Fixtures.kafkaConnect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.api.Tributary;
import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.operator.MockApi;
import dev.tributary.operator.OperatorMain;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The KafkaConnect reconciler against the mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class KafkaConnectReconcilerIT {

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

  KafkaConnect apply(String yaml) {
    return MockApi.createOrReplace(client, kafkaConnect(yaml), NS);
  }

  KafkaConnect current() {
    return client.resources(KafkaConnect.class).inNamespace(NS).withName("pipeline").get();
  }

  static Condition condition(KafkaConnect cr, String type) {
    return cr.getStatus().conditions.stream()
        .filter(c -> c.getType().equals(type))
        .findFirst()
        .orElseThrow();
  }

  StatefulSet statefulSet() {
    return client.apps().statefulSets().inNamespace(NS).withName("pipeline-connect").get();
  }

  String podTemplateHash() {
    return statefulSet()
        .getSpec()
        .getTemplate()
        .getMetadata()
        .getAnnotations()
        .get(Tributary.ANNOTATION_CONFIG_HASH);
  }

  static final String PIPELINE =
      """
      apiVersion: tributary.dev/v1alpha1
      kind: KafkaConnect
      metadata: {name: pipeline, namespace: data}
      spec:
        replicas: 2
        bootstrapServers: kafka:9092
        config: {value.converter: org.apache.kafka.connect.json.JsonConverter}
      """;

  @Test
  void aKafkaConnectGetsItsOwnedObjectsAndAStatus() {
    KafkaConnect cr = apply(PIPELINE);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> current().getStatus() != null && statefulSet() != null);
    for (HasMetadata child :
        new HasMetadata[] {
          client.configMaps().inNamespace(NS).withName("pipeline-connect-config").get(),
          client.services().inNamespace(NS).withName("pipeline-connect-workers").get(),
          client.services().inNamespace(NS).withName("pipeline-connect-api").get(),
          statefulSet(),
          client
              .policy()
              .v1()
              .podDisruptionBudget()
              .inNamespace(NS)
              .withName("pipeline-connect")
              .get(),
          client.network().v1().networkPolicies().inNamespace(NS).withName("pipeline-connect").get()
        }) {
      assertThat(child).as("owned objects exist").isNotNull();
      assertThat(child.getMetadata().getOwnerReferences())
          .as(child.getKind() + " is owned by the KafkaConnect")
          .anyMatch(
              o ->
                  o.getKind().equals("KafkaConnect")
                      && o.getUid().equals(cr.getMetadata().getUid()));
    }
    assertThat(statefulSet().getSpec().getReplicas()).isEqualTo(2);
    assertThat(
            client
                .configMaps()
                .inNamespace(NS)
                .withName("pipeline-connect-config")
                .get()
                .getData()
                .get("worker.properties"))
        .contains("group.id=data.pipeline");

    KafkaConnect observed = current();
    assertThat(observed.getStatus().observedGeneration)
        .isEqualTo(observed.getMetadata().getGeneration());
    assertThat(observed.getStatus().labelSelector)
        .isEqualTo("tributary.dev/cluster=pipeline,tributary.dev/component=worker");
    assertThat(observed.getStatus().restApiUrl)
        .isEqualTo("http://pipeline-connect-api.data.svc:8083");
    assertThat(condition(observed, "Ready").getStatus()).isEqualTo("False");
    assertThat(condition(observed, "Ready").getReason()).isEqualTo("WorkersStarting");
    assertThat(condition(observed, "Progressing").getStatus()).isEqualTo("True");
    assertThat(condition(observed, "Degraded").getStatus()).isEqualTo("False");
  }

  @Test
  void aConfigChangeRollsThePodsAndReplicasFollowTheSpec() {
    apply(PIPELINE);
    await().atMost(Duration.ofSeconds(30)).until(() -> statefulSet() != null);
    String before = podTemplateHash();

    apply(
        PIPELINE.replace(
            "JsonConverter}", "JsonConverter, value.converter.schemas.enable: \"false\"}"));
    await().atMost(Duration.ofSeconds(30)).until(() -> !podTemplateHash().equals(before));
    assertThat(
            client
                .configMaps()
                .inNamespace(NS)
                .withName("pipeline-connect-config")
                .get()
                .getData()
                .get("worker.properties"))
        .contains("value.converter.schemas.enable=false");

    String afterConfig = podTemplateHash();
    apply(
        PIPELINE
            .replace("replicas: 2", "replicas: 5")
            .replace(
                "JsonConverter}", "JsonConverter, value.converter.schemas.enable: \"false\"}"));
    await().atMost(Duration.ofSeconds(30)).until(() -> statefulSet().getSpec().getReplicas() == 5);
    assertThat(podTemplateHash()).as("scaling does not roll the pods").isEqualTo(afterConfig);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                current()
                    .getStatus()
                    .observedGeneration
                    .equals(current().getMetadata().getGeneration()));
  }

  @Test
  void readyWorkersWhoseRestApiDoesNotAnswerMakeTheClusterDegraded() {
    apply(PIPELINE);
    await().atMost(Duration.ofSeconds(30)).until(() -> statefulSet() != null);
    StatefulSet sts = statefulSet();
    sts.setStatus(
        new StatefulSetStatusBuilder()
            .withObservedGeneration(sts.getMetadata().getGeneration())
            .withReplicas(2)
            .withReadyReplicas(2)
            .withUpdatedReplicas(2)
            .withCurrentRevision("r1")
            .withUpdateRevision("r1")
            .build());
    client.resource(sts).updateStatus();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(condition(current(), "Degraded").getReason())
                    .isEqualTo("RestApiUnreachable"));
    KafkaConnect cr = current();
    assertThat(condition(cr, "Ready").getStatus()).isEqualTo("False");
    assertThat(condition(cr, "Degraded").getMessage())
        .contains("http://pipeline-connect-api.data.svc:8083");
    assertThat(cr.getStatus().readyReplicas).isEqualTo(2);
  }

  @Test
  void anInvalidEditIsReportedAndChangesNothingThatRuns() {
    apply(PIPELINE);
    await().atMost(Duration.ofSeconds(30)).until(() -> statefulSet() != null);
    String hash = podTemplateHash();
    String configBefore =
        client
            .configMaps()
            .inNamespace(NS)
            .withName("pipeline-connect-config")
            .get()
            .getData()
            .get("worker.properties");

    apply(
        PIPELINE
            .replace("replicas: 2", "replicas: 3")
            .replace("JsonConverter}", "JsonConverter, group.id: hijacked}"));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(condition(current(), "Ready").getReason()).isEqualTo("InvalidSpec"));
    KafkaConnect cr = current();
    assertThat(condition(cr, "Ready").getMessage())
        .contains("spec.config.group.id")
        .contains("spec.groupId");
    assertThat(condition(cr, "Degraded").getStatus()).isEqualTo("True");
    assertThat(cr.getStatus().observedGeneration).isEqualTo(cr.getMetadata().getGeneration());
    assertThat(statefulSet().getSpec().getReplicas())
        .as("nothing applied from the invalid spec")
        .isEqualTo(2);
    assertThat(podTemplateHash()).isEqualTo(hash);
    assertThat(
            client
                .configMaps()
                .inNamespace(NS)
                .withName("pipeline-connect-config")
                .get()
                .getData()
                .get("worker.properties"))
        .isEqualTo(configBefore);
  }
}
