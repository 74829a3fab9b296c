package dev.tributary.sandbox;

import dev.tributary.sandbox.kube.RealCluster;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The sandbox on a real Kubernetes control plane ({@code sandbox/control-plane/}) instead of the
 * API stand-in: the same broker, quick start and show, with Tributary installed from {@code crds/}
 * and {@code deploy/} and the operator running as its ServiceAccount. Run it with {@code mvn -B
 * package -DskipTests -Prun -Dsandbox.main=dev.tributary.sandbox.RealClusterSandbox}.
 */
public final class RealClusterSandbox {
  private RealClusterSandbox() {}

  public static void main(String[] args) throws Exception {
    var paths = SandboxPaths.fromSystemProperties("target/sandbox");
    Path dir = paths.dir();
    say("starting a KRaft broker at " + Sandbox.BROKER_ALIAS + " (" + Sandbox.BROKER_ADDRESS + ")");
    try (var kafka = Sandbox.startBroker(dir.resolve("kafka"), paths.runtimeClasspath())) {
      say("starting the control plane (the first run builds it: 10-16 minutes, once)");
      try (var cluster =
          RealCluster.start(
              paths.repo(),
              paths.workerHome(),
              dir.resolve("real"),
              Map.of(Sandbox.BROKER_ALIAS, Sandbox.BROKER_ADDRESS))) {
        var kube = cluster.admin();
        kube.namespaces()
            .resource(
                new NamespaceBuilder()
                    .withNewMetadata()
                    .withName(Sandbox.NAMESPACE)
                    .endMetadata()
                    .build())
            .createOr(NonDeletingOperation::update);
        Sandbox.createKafkaSecrets(kube, kafka);
        say("Kubernetes 1.20 control plane, operator and node running (logs under " + dir + ")");
        Path kubeconfig = dir.resolve("real-kubeconfig");
        writeKubeconfig(cluster.controlPlane().adminKubeconfig(), kubeconfig);
        QuickStartShow.run(
            kube, paths.repo(), kubeconfig, cluster.controlPlane().kubectl().toString(), dir);
      }
    }
  }

  /** The cluster-admin's kubeconfig with the sandbox's namespace as the default. */
  private static void writeKubeconfig(Path admin, Path file) throws Exception {
    Config config = Serialization.unmarshal(Files.readString(admin), Config.class);
    config.getContexts().forEach(c -> c.getContext().setNamespace(Sandbox.NAMESPACE));
    Files.writeString(file, Serialization.asYaml(config));
  }

  private static void say(String message) {
    System.out.println("[sandbox] " + message);
  }
}
