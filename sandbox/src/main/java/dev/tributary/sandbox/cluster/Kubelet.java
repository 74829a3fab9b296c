package dev.tributary.sandbox.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet: each pod becomes a worker process on its own loopback address ({@link PodRunner}),
 * started, restarted when it exits, stopped when the pod is deleted, and its status written back.
 * On a real API server a deleted pod stays, marked for deletion, until its kubelet has stopped it
 * and removes it for good; the API stand-in removes it at once.
 */
final class Kubelet implements AutoCloseable {

  /**
   * Pods get {@code 127.0.1.10}, {@code .11}, ...; tests that start workers themselves use others.
   */
  static final String POD_ADDRESS_PREFIX = "127.0.1.";

  private static final int FIRST_POD_ADDRESS = 10;
  private static final Logger LOG = LoggerFactory.getLogger(Kubelet.class);

  private final KubernetesClient client;

  /** Only pods bound to this node run here; null: every pod (the stand-in has no scheduler). */
  private final String nodeName;

  private final Path workerHome;
  private final Path dir;
  private final Path hostsFile;
  private final Map<String, PodRunner> runners = new ConcurrentHashMap<>();
  private final Map<String, String> addresses = new ConcurrentHashMap<>();
  private final Set<String> starting = ConcurrentHashMap.newKeySet();
  private final Set<String> busy = ConcurrentHashMap.newKeySet();
  private final Map<String, PodRunner> terminating = new ConcurrentHashMap<>();
  private final ExecutorService podWork = Executors.newCachedThreadPool();

  Kubelet(KubernetesClient client, String nodeName, Path workerHome, Path dir, Path hostsFile) {
    this.client = client;
    this.nodeName = nodeName;
    this.workerHome = workerHome;
    this.dir = dir;
    this.hostsFile = hostsFile;
  }

  /** Brings the processes in line with {@code all}, the API's pods of this step. */
  void sync(List<Pod> all) {
    List<Pod> bound =
        all.stream()
            .filter(p -> nodeName == null || nodeName.equals(p.getSpec().getNodeName()))
            .toList();
    List<Pod> pods = bound.stream().filter(p -> !deleting(p)).toList();
    Map<String, Pod> byUid = new HashMap<>();
    pods.forEach(p -> byUid.put(p.getMetadata().getUid(), p));
    // Pods deleted from the API or marked for deletion: stop their processes (SIGTERM, grace,
    // SIGKILL).
    for (var entry : runners.entrySet()) {
      if (!byUid.containsKey(entry.getValue().uid())) {
        PodRunner runner = runners.remove(entry.getKey());
        terminating.put(entry.getKey(), runner);
        podWork.submit(
            () -> {
              runner.stop();
              terminating.remove(entry.getKey(), runner);
            });
      }
    }
    bound.stream().filter(Kubelet::deleting).forEach(this::removeOnceStopped);
    for (Pod pod : pods) {
      String key = key(pod);
      PodRunner runner = runners.get(key);
      if (runner == null && !starting.contains(key) && noOlderProcessFor(key)) {
        start(key, pod);
      } else if (runner != null && busy.add(key)) {
        // One step per pod at a time; a probe may take up to its timeout.
        podWork.submit(
            () -> {
              try {
                runner.tick(System.currentTimeMillis());
                writeStatus(pod, runner);
              } catch (IOException | RuntimeException e) {
                LOG.warn("pod {}: {}", key, e.toString());
              } finally {
                busy.remove(key);
              }
            });
      }
    }
  }

  private static boolean deleting(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() != null;
  }

  /** A pod marked for deletion leaves the API once no process of it runs here any more. */
  private void removeOnceStopped(Pod pod) {
    String key = key(pod);
    boolean running =
        terminating.containsKey(key)
            || starting.contains(key)
            || (runners.containsKey(key)
                && runners.get(key).uid().equals(pod.getMetadata().getUid()));
    if (!running) {
      try {
        client
            .pods()
            .inNamespace(pod.getMetadata().getNamespace())
            .withName(pod.getMetadata().getName())
            .withGracePeriod(0)
            .delete();
      } catch (RuntimeException e) {
        LOG.debug("pod {} could not be removed yet: {}", key, e.toString());
      }
    }
  }

  /** The loopback address of a pod ({@code namespace/name}), once it has one. */
  String addressOf(Pod pod) {
    return addresses.get(key(pod));
  }

  Map<String, String> addresses() {
    return Map.copyOf(addresses);
  }

  /** A container's log, if the pod runs here and has that container. */
  Optional<String> log(String namespace, String pod, String container, boolean previous) {
    PodRunner runner = runners.get(namespace + "/" + pod);
    return runner == null ? Optional.empty() : runner.log(container, previous);
  }

  void killMainContainer(String namespace, String pod) {
    PodRunner runner = runners.get(namespace + "/" + pod);
    if (runner == null) {
      throw new IllegalStateException("no running pod " + namespace + "/" + pod);
    }
    runner.killMainContainer();
  }

  private static String key(Pod pod) {
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }

  /**
   * Whether no process holds the pod's address any more: a replacement pod keeps its predecessor's
   * address here (a real one gets a new IP), so it waits until the old one has stopped, or it would
   * find the old process's ports still bound.
   */
  private boolean noOlderProcessFor(String key) {
    return !terminating.containsKey(key)
        && runners.values().stream()
            .noneMatch(r -> r.address().equals(addresses.get(key)) && r.isRunning());
  }

  private void start(String key, Pod pod) {
    String address =
        addresses.computeIfAbsent(
            key, k -> POD_ADDRESS_PREFIX + (addresses.size() + FIRST_POD_ADDRESS));
    Path podDir =
        dir.resolve("pods").resolve(key.replace('/', '_') + "-" + pod.getMetadata().getUid());
    var runner = new PodRunner(pod, address, podDir, workerHome, dir.resolve("claims"), hostsFile);
    starting.add(key);
    podWork.submit(
        () -> {
          try {
            runner.prepare(client);
            runners.put(key, runner);
            LOG.info("pod {} runs at {} (logs: {})", key, address, podDir);
          } catch (Exception e) {
            LOG.warn("starting pod {} failed: {}", key, e.toString());
          } finally {
            starting.remove(key);
          }
        });
  }

  private void writeStatus(Pod pod, PodRunner runner) {
    var status = runner.status();
    if (!Objects.equals(Serialization.asJson(status), Serialization.asJson(pod.getStatus()))) {
      pod.setStatus(status);
      try {
        client.resource(pod).updateStatus();
      } catch (RuntimeException e) {
        // The pod went away between list and update; the next step catches up.
      }
    }
  }

  @Override
  public void close() {
    runners.values().forEach(r -> podWork.submit(r::stop));
    podWork.shutdown();
    try {
      podWork.awaitTermination(90, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    runners.clear();
  }
}
