package dev.tributary.operator;

import dev.tributary.operator.connectapi.HttpConnectClients;
import dev.tributary.operator.kafkaprobe.KafkaProbe;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** The test API server: fabric8's mock in CRUD mode, with our CRDs registered from crds/. */
public final class MockApi {
  private MockApi() {}

  public static Path repo() {
    return Path.of(System.getProperty("tributary.repo", "..")).toAbsolutePath().normalize();
  }

  public static List<Path> crdFiles() throws IOException {
    try (Stream<Path> files = Files.list(repo().resolve("crds"))) {
      return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
    }
  }

  /** A client for the operator: same server, its own connections, its calls recorded. */
  /**
   * Creates {@code resource} or replaces the stored one, trying again when the replace loses a race
   * with the operator's own writes (409): what a user re-running the command sees.
   */
  public static <T extends HasMetadata> T createOrReplace(
      KubernetesClient client, T resource, String namespace) {
    for (int attempt = 1; ; attempt++) {
      try {
        return client
            .resource(resource)
            .inNamespace(namespace)
            .createOr(existing -> existing.unlock().update());
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 10) {
          throw e;
        }
        try {
          Thread.sleep(100L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /**
   * The operator as the mock-API ITs run it, started: CRDs registered, no leader election, any HTTP
   * port, the connector poll every second.
   */
  public static OperatorMain startOperator(KubernetesClient client) throws IOException {
    registerCrds(client);
    var config =
        OperatorConfig.defaults()
            .withWorkerImage("tributary/worker:test")
            .withLeaderElection(null)
            .withAnyHttpPort()
            .withPollIntervals(Duration.ofSeconds(30), Duration.ofSeconds(1));
    var operator =
        new OperatorMain(
            config,
            operatorClient(client, new ApiCalls.Recorder()),
            new HttpConnectClients(),
            KafkaProbe.NEVER_UNREACHABLE);
    operator.start();
    return operator;
  }

  public static KubernetesClient operatorClient(
      KubernetesClient testClient, ApiCalls.Recorder recorder) {
    return new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder(testClient.getConfiguration()).build())
        .withHttpClientBuilderConsumer(
            builder -> builder.addOrReplaceInterceptor("api-calls", recorder))
        .build();
  }

  /**
   * Answers JOSDK's start-up check of Lease access (a SelfSubjectRulesReview, which every
   * authenticated user may create) the way an API server does for our RBAC. The mock's CRUD handler
   * rejects the review for its missing metadata.
   */
  public static void allowLeaseAccess(KubernetesMockServer server, String namespace) {
    var review =
        new SelfSubjectRulesReviewBuilder()
            .withNewSpec()
            .withNamespace(namespace)
            .endSpec()
            .withNewStatus()
            .withIncomplete(false)
            .addNewResourceRule()
            .withApiGroups("coordination.k8s.io")
            .withResources("leases")
            .withVerbs("get", "create", "update")
            .endResourceRule()
            .endStatus()
            .build();
    server
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(201, review)
        .always();
  }

  public static void registerCrds(KubernetesClient client) throws IOException {
    for (Path file : crdFiles()) {
      try (InputStream in = Files.newInputStream(file)) {
        CustomResourceDefinition crd =
            client.apiextensions().v1().customResourceDefinitions().load(in).item();
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
      }
    }
  }
}
