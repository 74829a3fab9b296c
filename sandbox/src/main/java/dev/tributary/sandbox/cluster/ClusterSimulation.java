package dev.tributary.sandbox.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a cluster does around the API server that the operator relies on, one step every half
 * second: garbage collection, the StatefulSet controller, the kubelet, cluster DNS. On a real
 * control plane ({@link #asNode}) its controllers and scheduler do the first two, and this is one
 * node: a kubelet for the pods bound to it, volumes for claims, and cluster DNS.
 */
public final class ClusterSimulation implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterSimulation.class);

  private final KubernetesClient client;
  private final GarbageCollector garbageCollector;
  private final StatefulSetControllerLoop statefulSets;
  private final NodeHeartbeat node;
  private final VolumeProvisioner volumes;
  private final Kubelet kubelet;
  private final ClusterDns dns;
  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();

  /**
   * @param staticHosts names every process must resolve regardless of pods (e.g. the broker)
   */
  public ClusterSimulation(
      KubernetesClient client,
      Path workerHome,
      Path dir,
      Path hostsFile,
      Map<String, String> staticHosts) {
    this(client, null, workerHome, dir, hostsFile, staticHosts);
  }

  private ClusterSimulation(
      KubernetesClient client,
      String nodeName,
      Path workerHome,
      Path dir,
      Path hostsFile,
      Map<String, String> staticHosts) {
    this.client = client;
    boolean standIn = nodeName == null;
    this.garbageCollector = standIn ? new GarbageCollector(client) : null;
    this.statefulSets = standIn ? new StatefulSetControllerLoop(client) : null;
    this.node = standIn ? null : new NodeHeartbeat(client, nodeName);
    this.volumes = standIn ? null : new VolumeProvisioner(client, dir.resolve("claims"));
    this.kubelet = new Kubelet(client, nodeName, workerHome, dir, hostsFile);
    this.dns = new ClusterDns(client, hostsFile, staticHosts);
  }

  /**
   * One node of a real control plane, registered as {@code nodeName}: it runs the pods the
   * scheduler binds to it; the API server's controllers do the rest.
   */
  public static ClusterSimulation asNode(
      KubernetesClient client,
      String nodeName,
      Path workerHome,
      Path dir,
      Path hostsFile,
      Map<String, String> staticHosts) {
    return new ClusterSimulation(client, nodeName, workerHome, dir, hostsFile, staticHosts);
  }

  public void start() {
    loop.scheduleWithFixedDelay(this::tickQuietly, 0, 500, TimeUnit.MILLISECONDS);
  }

  private void tickQuietly() {
    try {
      tick();
    } catch (Exception e) {
      LOG.warn("cluster simulation step failed: {}", e.toString());
    }
  }

  synchronized void tick() throws IOException {
    if (node != null) {
      node.tick();
      volumes.tick();
    } else {
      garbageCollector.tick();
      statefulSets.tick();
    }
    // One listing of pods per step, shared by the kubelet and DNS.
    List<Pod> pods = client.pods().inAnyNamespace().list().getItems();
    kubelet.sync(pods);
    dns.tick(pods, kubelet::addressOf);
  }

  /** Kills the main container of a pod with SIGKILL; the kubelet restarts it, as after a crash. */
  public void killContainer(String namespace, String pod) {
    kubelet.killMainContainer(namespace, pod);
  }

  /** A container's log as {@code kubectl logs} reads it; empty for an unknown pod or container. */
  public Optional<String> log(String namespace, String pod, String container, boolean previous) {
    return kubelet.log(namespace, pod, container, previous);
  }

  /** The loopback address of each pod ({@code namespace/name}). */
  public Map<String, String> podAddresses() {
    return kubelet.addresses();
  }

  @Override
  public void close() {
    loop.shutdownNow();
    kubelet.close();
  }
}
