package dev.tributary.operator;

import static dev.tributary.operator.Fixtures.kafkaConnect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.api.Tributary;
import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.operator.connectapi.HttpConnectClients;
import dev.tributary.operator.kafkaload.LoadPoller;
import dev.tributary.operator.kafkaprobe.KafkaProbe;
import dev.tributary.operator.model.ClusterNames;
import dev.tributary.operator.model.RollPlan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every API call the operator makes is granted by deploy/rbac.yaml, and deploy/ grants nothing the
 * operator never uses: a least-privilege role that a real cluster would not refuse.
 */
@EnableKubernetesMockClient(crud = true)
class RbacCoverageIT {

  KubernetesClient client;
  KubernetesMockServer server;

  static Set<ApiCalls.Call> granted() throws Exception {
    Set<ApiCalls.Call> granted = new TreeSet<>();
    try (InputStream in = Files.newInputStream(MockApi.repo().resolve("deploy/rbac.yaml"))) {
      List<HasMetadata> objects = Serialization.unmarshal(in);
      for (HasMetadata object : objects) {
        List<PolicyRule> rules =
            object instanceof ClusterRole role
                ? role.getRules()
                : object instanceof Role role ? role.getRules() : List.of();
        for (PolicyRule rule : rules) {
          for (String group : rule.getApiGroups()) {
            for (String resource : rule.getResources()) {
              for (String verb : rule.getVerbs()) {
                granted.add(new ApiCalls.Call(group, resource, verb));
              }
            }
          }
        }
      }
    }
    return granted;
  }

  @Test
  void theOperatorUsesExactlyWhatDeployGrantsAndPutsBackDrift() throws Exception {
    MockApi.registerCrds(client);
    MockApi.allowLeaseAccess(server, "tributary");
    var config =
        OperatorConfig.defaults()
            .withWorkerImage("tributary/worker:test")
            .withLeaderElection("tributary")
            .withAnyHttpPort()
            .withPollIntervals(Duration.ofSeconds(30), Duration.ofSeconds(1));
    var recorder = new ApiCalls.Recorder();
    var operator =
        new OperatorMain(
            config,
            MockApi.operatorClient(client, recorder),
            new HttpConnectClients(),
            KafkaProbe.NEVER_UNREACHABLE);
    operator.start();
    try {
      String yaml =
          """
          apiVersion: tributary.dev/v1alpha1
          kind: KafkaConnect
          metadata: {name: pipeline, namespace: data}
          spec:
            replicas: 2
            bootstrapServers: "kafka:9093"
            tls: {trustedCertificates: [{secretName: kafka-ca, key: ca.crt}]}
            restApi: {tls: true}
            connectorNamespaceSelector: {matchLabels: {team: data}}
          """;
      client
          .resource(
              new io.fabric8.kubernetes.api.model.SecretBuilder()
                  .withNewMetadata()
                  .withName("kafka-ca")
                  .withNamespace("data")
                  .endMetadata()
                  .addToData("ca.crt", "LS0tLS1CRUdJTi0tLS0t")
                  .build())
          .create();
      client.resource(kafkaConnect(yaml)).inNamespace("data").create();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  client
                          .apps()
                          .statefulSets()
                          .inNamespace("data")
                          .withName("pipeline-connect")
                          .get()
                      != null);
      // A damaged REST TLS Secret is made whole again, with the next reconcile.
      client
          .secrets()
          .inNamespace("data")
          .withName("pipeline-connect-rest-tls")
          .edit(
              secret -> {
                secret.getData().remove("keystore.p12");
                return secret;
              });
      // An edit makes the operator update what it owns.
      MockApi.createOrReplace(
          client, kafkaConnect(yaml.replace("replicas: 2", "replicas: 3")), "data");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  client
                          .apps()
                          .statefulSets()
                          .inNamespace("data")
                          .withName("pipeline-connect")
                          .get()
                          .getSpec()
                          .getReplicas()
                      == 3);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                KafkaConnect cr =
                    client
                        .resources(KafkaConnect.class)
                        .inNamespace("data")
                        .withName("pipeline")
                        .get();
                return cr.getStatus() != null && cr.getStatus().observedGeneration == 2L;
              });
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  client
                      .secrets()
                      .inNamespace("data")
                      .withName("pipeline-connect-rest-tls")
                      .get()
                      .getData()
                      .containsKey("keystore.p12"));
      // Owned objects changed behind the operator's back are put back.
      client
          .services()
          .inNamespace("data")
          .withName("pipeline-connect-api")
          .edit(
              s -> {
                s.getSpec().getPorts().get(0).setPort(9999);
                return s;
              });
      client
          .services()
          .inNamespace("data")
          .withName("pipeline-connect-workers")
          .edit(
              s -> {
                s.getSpec().setPublishNotReadyAddresses(false);
                return s;
              });
      client
          .configMaps()
          .inNamespace("data")
          .withName("pipeline-connect-config")
          .edit(
              c -> {
                c.getData().put("worker.properties", "tampered");
                return c;
              });
      client
          .policy()
          .v1()
          .podDisruptionBudget()
          .inNamespace("data")
          .withName("pipeline-connect")
          .edit(
              p -> {
                p.getSpec().setMaxUnavailable(new IntOrString(3));
                return p;
              });
      client
          .network()
          .v1()
          .networkPolicies()
          .inNamespace("data")
          .withName("pipeline-connect")
          .edit(
              n -> {
                n.getSpec().getIngress().clear();
                return n;
              });
      client
          .serviceAccounts()
          .inNamespace("data")
          .withName("pipeline-connect")
          .edit(
              a -> {
                a.getMetadata().getLabels().clear();
                return a;
              });
      client
          .rbac()
          .roleBindings()
          .inNamespace("data")
          .withName("pipeline-connect-secrets")
          .edit(
              b -> {
                b.getSubjects().get(0).setName("someone-else");
                return b;
              });
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                assertThat(
                        client
                            .services()
                            .inNamespace("data")
                            .withName("pipeline-connect-api")
                            .get()
                            .getSpec()
                            .getPorts()
                            .get(0)
                            .getPort())
                    .isEqualTo(8083);
                assertThat(
                        client
                            .services()
                            .inNamespace("data")
                            .withName("pipeline-connect-workers")
                            .get()
                            .getSpec()
                            .getPublishNotReadyAddresses())
                    .isTrue();
                assertThat(
                        client
                            .configMaps()
                            .inNamespace("data")
                            .withName("pipeline-connect-config")
                            .get()
                            .getData()
                            .get("worker.properties"))
                    .contains("group.id=data.pipeline");
                assertThat(
                        client
                            .policy()
                            .v1()
                            .podDisruptionBudget()
                            .inNamespace("data")
                            .withName("pipeline-connect")
                            .get()
                            .getSpec()
                            .getMaxUnavailable()
                            .getIntVal())
                    .isEqualTo(1);
                assertThat(
                        client
                            .network()
                            .v1()
                            .networkPolicies()
                            .inNamespace("data")
                            .withName("pipeline-connect")
                            .get()
                            .getSpec()
                            .getIngress())
                    .as("the REST API rule and the metrics rule, put back")
                    .hasSize(2);
                assertThat(
                        client
                            .rbac()
                            .roleBindings()
                            .inNamespace("data")
                            .withName("pipeline-connect-secrets")
                            .get()
                            .getSubjects()
                            .get(0)
                            .getName())
                    .isEqualTo("pipeline-connect");
                assertThat(
                        client
                            .serviceAccounts()
                            .inNamespace("data")
                            .withName("pipeline-connect")
                            .get()
                            .getMetadata()
                            .getLabels())
                    .isNotEmpty();
              });
      // A connector on a cluster that is not Ready yet: finalizer added, status reported.
      client
          .resource(
              Fixtures.kafkaConnector(
                  """
                  apiVersion: tributary.dev/v1alpha1
                  kind: KafkaConnector
                  metadata: {name: source, namespace: data}
                  spec:
                    clusterRef: {name: pipeline}
                    class: org.example.Source
                    config: {ssl.truststore.certificates: "${secrets:kafka-ca:ca.crt}"}
                  """))
          .inNamespace("data")
          .create();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                var connector =
                    client
                        .resources(dev.tributary.api.v1alpha1.KafkaConnector.class)
                        .inNamespace("data")
                        .withName("source")
                        .get();
                assertThat(connector.getMetadata().getFinalizers()).isNotEmpty();
                assertThat(connector.getStatus()).isNotNull();
                assertThat(connector.getStatus().conditions)
                    .anyMatch(c -> "ClusterNotReady".equals(c.getReason()));
              });
      // A connector of another namespace: its Namespace's labels decide.
      client
          .resource(
              Fixtures.kafkaConnector(
                  """
                  apiVersion: tributary.dev/v1alpha1
                  kind: KafkaConnector
                  metadata: {name: visitor, namespace: other}
                  spec:
                    clusterRef: {name: pipeline, namespace: data}
                    class: org.example.Source
                  """))
          .inNamespace("other")
          .create();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(
                          client
                              .resources(dev.tributary.api.v1alpha1.KafkaConnector.class)
                              .inNamespace("other")
                              .withName("visitor")
                              .get()
                              .getStatus()
                              .conditions)
                      .anyMatch(c -> "NamespaceNotAllowed".equals(c.getReason())));
      // A connector whose cluster does not exist: a Warning Event on it.
      client
          .resource(
              Fixtures.kafkaConnector(
                  """
                  apiVersion: tributary.dev/v1alpha1
                  kind: KafkaConnector
                  metadata: {name: orphan, namespace: data}
                  spec: {clusterRef: {name: nowhere}, class: org.example.Source}
                  """))
          .inNamespace("data")
          .create();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  client.v1().events().inNamespace("data").list().getItems().stream()
                      .anyMatch(e -> "ClusterNotFound".equals(e.getReason())));
      // Workers on an older template, Ready long ago: the operator's own roll replaces one.
      for (int ordinal = 0; ordinal < 3; ordinal++) {
        client
            .resource(
                new io.fabric8.kubernetes.api.model.PodBuilder()
                    .withNewMetadata()
                    .withName("pipeline-connect-" + ordinal)
                    .withNamespace("data")
                    .addToLabels(Tributary.LABEL_CLUSTER, "pipeline")
                    .addToLabels(Tributary.LABEL_COMPONENT, "worker")
                    .addToLabels(RollPlan.REVISION_LABEL, "old")
                    .endMetadata()
                    .withNewStatus()
                    .addNewCondition()
                    .withType("Ready")
                    .withStatus("True")
                    .withLastTransitionTime("2026-01-01T00:00:00Z")
                    .endCondition()
                    .endStatus()
                    .build())
            .create();
      }
      var sts = client.apps().statefulSets().inNamespace("data").withName("pipeline-connect").get();
      sts.setStatus(
          new io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder()
              .withObservedGeneration(sts.getMetadata().getGeneration())
              .withReplicas(3)
              .withReadyReplicas(3)
              .withUpdatedReplicas(0)
              .withCurrentRevision("old")
              .withUpdateRevision("new")
              .build());
      client.resource(sts).updateStatus();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> client.pods().inNamespace("data").withName("pipeline-connect-2").get() == null);
    } finally {
      operator.stop();
    }
    // The autoscaler's one call of its own: deciding it needs Kafka, which this test has not
    // (AutoscalingIT shows the decision on real workers).
    LoadPoller.scaleWorkers(
        MockApi.operatorClient(client, recorder), new ClusterNames("pipeline", "data"), 4);
    assertThat(
            client
                .resources(KafkaConnect.class)
                .inNamespace("data")
                .withName("pipeline")
                .get()
                .getSpec()
                .replicas)
        .isEqualTo(4);

    Set<ApiCalls.Call> used = recorder.calls();
    // Kubernetes grants this one to every authenticated user (ClusterRole system:basic-user).
    used.remove(new ApiCalls.Call("authorization.k8s.io", "selfsubjectrulesreviews", "create"));
    // JOSDK refuses to start leader election unless that review shows get, create and update.
    used.add(new ApiCalls.Call("coordination.k8s.io", "leases", "update"));
    // The same Event again is counted on the first one (KubernetesEventsIT shows the patch), which
    // the client patches after reading it.
    used.add(new ApiCalls.Call("", "events", "get"));
    used.add(new ApiCalls.Call("", "events", "patch"));
    // When adding a KafkaConnector's finalizer conflicts with another write, JOSDK reads the latest
    // and patches again (ReconciliationDispatcher.conflictRetryingPatch): a race this test does not
    // provoke, which RealControlPlaneIT met on a real API server.
    used.add(new ApiCalls.Call("tributary.dev", "kafkaconnectors", "get"));
    Set<ApiCalls.Call> granted = granted();
    assertThat(granted)
        .as("deploy/rbac.yaml grants every call the operator made")
        .containsAll(used);
    assertThat(used)
        .as("deploy/rbac.yaml grants nothing the operator never uses")
        .containsAll(granted);
  }

  @Test
  void requestsMapToTheirRbacPermission() {
    assertThat(
            ApiCalls.of(
                "GET", "/apis/apps/v1/namespaces/data/statefulsets?watch=true&resourceVersion=1"))
        .hasToString("apps/statefulsets:watch");
    assertThat(ApiCalls.of("GET", "/api/v1/configmaps")).hasToString("/configmaps:list");
    assertThat(
            ApiCalls.of(
                "PATCH", "/apis/tributary.dev/v1alpha1/namespaces/data/kafkaconnects/p/status"))
        .hasToString("tributary.dev/kafkaconnects/status:patch");
    assertThat(ApiCalls.of("PUT", "/api/v1/namespaces/data/services/s"))
        .hasToString("/services:update");
    assertThat(ApiCalls.of("POST", "/apis/coordination.k8s.io/v1/namespaces/tributary/leases"))
        .hasToString("coordination.k8s.io/leases:create");
  }
}
