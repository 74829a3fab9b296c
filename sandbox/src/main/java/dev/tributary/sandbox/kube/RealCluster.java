package dev.tributary.sandbox.kube;

import dev.tributary.operator.OperatorConfig;
import dev.tributary.operator.OperatorMain;
import dev.tributary.operator.connectapi.HttpConnectClients;
import dev.tributary.sandbox.apiserver.OperatorHarness;
import dev.tributary.sandbox.cluster.ClusterSimulation;
import dev.tributary.sandbox.cluster.HostsFileDns;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Tributary installed on a real control plane as a user installs it: the CRDs from {@code crds/},
 * the namespace and RBAC from {@code deploy/}, and the operator running with its own
 * ServiceAccount's token, so RBAC decides what it may do. The operator runs in this JVM rather than
 * as a pod; one node stand-in runs the worker pods the scheduler binds to it.
 */
public final class RealCluster implements AutoCloseable {

  public static final String OPERATOR_NAMESPACE = "tributary";
  public static final String OPERATOR_ACCOUNT = "tributary-operator";
  public static final String OPERATOR_USER =
      "system:serviceaccount:" + OPERATOR_NAMESPACE + ":" + OPERATOR_ACCOUNT;
  public static final String NODE = "tributary-node-1";

  private final ControlPlane plane;
  private final KubernetesClient admin;
  private final KubernetesClient operatorClient;
  private final ClusterSimulation node;
  private final Path hostsFile;
  private final OperatorConfig config;
  private OperatorMain operator;

  private RealCluster(
      ControlPlane plane,
      KubernetesClient admin,
      KubernetesClient operatorClient,
      ClusterSimulation node,
      Path hostsFile,
      OperatorConfig config)
      throws IOException {
    this.plane = plane;
    this.admin = admin;
    this.operatorClient = operatorClient;
    this.node = node;
    this.hostsFile = hostsFile;
    this.config = config;
    startOperator();
  }

  /**
   * Starts the control plane afresh, installs Tributary, registers the node and starts the
   * operator; {@code staticHosts} are names every pod resolves (the broker's alias).
   */
  public static RealCluster start(
      Path repo, Path workerHome, Path dir, Map<String, String> staticHosts) throws Exception {
    ControlPlane plane = ControlPlane.start(repo);
    KubernetesClient admin = plane.adminClient();
    KubernetesClient operatorClient = clientWithToken(admin, install(admin, repo));
    Files.createDirectories(dir);
    Path hosts = dir.resolve("hosts");
    Files.writeString(hosts, "");
    var node = ClusterSimulation.asNode(admin, NODE, workerHome, dir, hosts, staticHosts);
    node.start();
    var config =
        OperatorConfig.defaults()
            .withWorkerImage("tributary/worker:sandbox")
            .withLeaderElection(OPERATOR_NAMESPACE)
            .withAnyHttpPort()
            .withPollIntervals(Duration.ofSeconds(5), Duration.ofSeconds(2));
    return new RealCluster(plane, admin, operatorClient, node, hosts, config);
  }

  /**
   * Installs Tributary as docs/install.md says (the CRDs, then {@code deploy/}'s namespace and
   * RBAC), all but the operator's Deployment; returns the operator's ServiceAccount token.
   */
  public static String install(KubernetesClient admin, Path repo) throws Exception {
    installCrds(admin, repo.resolve("crds"));
    for (String file : List.of("namespace.yaml", "rbac.yaml")) {
      try (InputStream in = Files.newInputStream(repo.resolve("deploy").resolve(file))) {
        for (HasMetadata object : admin.load(in).items()) {
          admin.resource(object).createOr(NonDeletingOperation::update);
        }
      }
    }
    return serviceAccountToken(admin);
  }

  /**
   * The CRDs as {@code kubectl create} sends them (a server-side apply of a CRD with CEL rules is
   * refused before Kubernetes 1.25; a create keeps everything but the rules).
   */
  private static void installCrds(KubernetesClient admin, Path folder) throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(folder)) {
      files = listing.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
    }
    for (Path file : files) {
      CustomResourceDefinition crd;
      try (InputStream in = Files.newInputStream(file)) {
        crd = admin.apiextensions().v1().customResourceDefinitions().load(in).item();
      }
      admin.resource(crd).createOr(NonDeletingOperation::update);
      admin
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName(crd.getMetadata().getName())
          .waitUntilCondition(
              c ->
                  c != null
                      && c.getStatus() != null
                      && c.getStatus().getConditions() != null
                      && c.getStatus().getConditions().stream()
                          .anyMatch(
                              s ->
                                  "Established".equals(s.getType())
                                      && "True".equals(s.getStatus())),
              60,
              java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  /**
   * The operator's ServiceAccount token, from the Secret the token controller writes for it
   * (Kubernetes before 1.24 writes one for every ServiceAccount).
   */
  private static String serviceAccountToken(KubernetesClient admin) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<Secret> token =
          admin.secrets().inNamespace(OPERATOR_NAMESPACE).list().getItems().stream()
              .filter(s -> "kubernetes.io/service-account-token".equals(s.getType()))
              .filter(
                  s ->
                      OPERATOR_ACCOUNT.equals(
                          s.getMetadata()
                              .getAnnotations()
                              .get("kubernetes.io/service-account.name")))
              .filter(s -> s.getData() != null && s.getData().containsKey("token"))
              .findFirst();
      if (token.isPresent()) {
        return new String(
            Base64.getDecoder().decode(token.get().getData().get("token")), StandardCharsets.UTF_8);
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("no token Secret for ServiceAccount " + OPERATOR_USER);
  }

  private static KubernetesClient clientWithToken(KubernetesClient admin, String token) {
    Config admins = admin.getConfiguration();
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(admins.getMasterUrl())
            .withCaCertData(admins.getCaCertData())
            .withOauthToken(token)
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private void startOperator() throws IOException {
    operator =
        new OperatorMain(
            config,
            operatorClient,
            new HttpConnectClients(new HostsFileDns(hostsFile)),
            OperatorHarness.kafkaProbe(hostsFile),
            OperatorHarness.kafkaAdmins(hostsFile));
    operator.start();
  }

  /** Stops the operator and starts a new one, as when its pod is replaced. */
  public void restartOperator() throws IOException {
    operator.stop();
    startOperator();
  }

  /** The cluster-admin's client: what a user with kubectl does. */
  public KubernetesClient admin() {
    return admin;
  }

  public ControlPlane controlPlane() {
    return plane;
  }

  public ClusterSimulation node() {
    return node;
  }

  public String operatorUrl() {
    return "http://127.0.0.1:" + operator.httpPort();
  }

  @Override
  public void close() {
    try {
      operator.stop();
      node.close();
    } finally {
      operatorClient.close();
      admin.close();
      plane.close();
    }
  }
}
