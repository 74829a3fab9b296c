package dev.tributary.sandbox.cluster;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The node a kubelet registers and keeps alive: created once, its Ready condition renewed well
 * within the node lifecycle controller's grace period (40 s), so the scheduler binds pods to it and
 * nothing evicts them. Its capacity is generous: this machine's processes, not the node, are the
 * limit, and the tests care about Kubernetes' behaviour, not bin-packing.
 */
final class NodeHeartbeat {

  private static final Duration EVERY = Duration.ofSeconds(10);

  private final KubernetesClient client;
  private final String name;
  private final Instant since = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private Instant last = Instant.EPOCH;

  NodeHeartbeat(KubernetesClient client, String name) {
    this.client = client;
    this.name = name;
  }

  void tick() {
    Instant now = Instant.now();
    if (Duration.between(last, now).compareTo(EVERY) < 0) {
      return;
    }
    Node node = client.nodes().withName(name).get();
    if (node == null) {
      // A node may be created with its status, as a kubelet registers itself.
      client
          .nodes()
          .resource(
              new NodeBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .withLabels(Map.of("kubernetes.io/hostname", name, "kubernetes.io/os", "linux"))
                  .endMetadata()
                  .withStatus(status(now))
                  .build())
          .create();
    } else {
      node.setStatus(status(now));
      // Unconditional, as a kubelet's status writes are: the node controller writes the node too.
      node.getMetadata().setResourceVersion(null);
      client.nodes().resource(node).updateStatus();
    }
    last = now;
  }

  private NodeStatus status(Instant now) {
    Map<String, Quantity> capacity =
        Map.of(
            "cpu",
            new Quantity("64"),
            "memory",
            new Quantity("256Gi"),
            "pods",
            new Quantity("250"));
    String heartbeat = now.truncatedTo(ChronoUnit.SECONDS).toString();
    return new NodeStatusBuilder()
        .withCapacity(capacity)
        .withAllocatable(capacity)
        .addNewAddress()
        .withType("InternalIP")
        .withAddress("127.0.0.1")
        .endAddress()
        .addNewAddress()
        .withType("Hostname")
        .withAddress(name)
        .endAddress()
        .addNewCondition()
        .withType("Ready")
        .withStatus("True")
        .withReason("KubeletReady")
        .withMessage("the sandbox's kubelet stand-in is posting ready status")
        .withLastHeartbeatTime(heartbeat)
        .withLastTransitionTime(since.toString())
        .endCondition()
        .withNewNodeInfo()
        .withKubeletVersion("v1.20.2")
        .withOperatingSystem("linux")
        .withArchitecture("amd64")
        .withContainerRuntimeVersion("tributary-sandbox://processes")
        .withOsImage("the host's processes")
        .withKernelVersion("")
        .withKubeProxyVersion("")
        .withMachineID("")
        .withSystemUUID("")
        .withBootID("")
        .endNodeInfo()
        .build();
  }
}
