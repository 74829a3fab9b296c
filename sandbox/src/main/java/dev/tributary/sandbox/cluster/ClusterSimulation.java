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
 * second: garbage collection, the StatefulSet controller, the kubelet, cluster DNS.
 */
public final class ClusterSimulation implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterSimulation.class);

  private final KubernetesClient client;
  private final GarbageCollector garbageCollector;
  private final StatefulSetControllerLoop statefulSets;
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
    this.client = client;
    this.garbageCollector = new GarbageCollector(client);
    this.statefulSets = new StatefulSetControllerLoop(client);
    this.kubelet = new Kubelet(client, workerHome, dir, hostsFile);
    this.dns = new ClusterDns(client, hostsFile, staticHosts);
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
    garbageCollector.tick();
    statefulSets.tick();
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
