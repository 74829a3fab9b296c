package dev.tributary.sandbox;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a cluster does around the API server that the operator relies on: a StatefulSet controller,
 * a kubelet that runs each pod as a local worker process on its own loopback address, cluster DNS
 * (a hosts file), and garbage collection of owned objects. A loop, every half second.
 */
public final class ClusterSimulation implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterSimulation.class);

  private final KubernetesClient client;
  private final Path workerHome;
  private final Path dir;
  private final Path hostsFile;
  private final Map<String, String> staticHosts;
  private final Map<String, PodRunner> runners = new ConcurrentHashMap<>();
  private final Map<String, String> addresses = new ConcurrentHashMap<>();
  private final Set<String> starting = ConcurrentHashMap.newKeySet();
  private final Map<String, PodRunner> terminating = new ConcurrentHashMap<>();
  private final ExecutorService podWork = Executors.newCachedThreadPool();
  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
  private String lastHosts = "";

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
    this.workerHome = workerHome;
    this.dir = dir;
    this.hostsFile = hostsFile;
    this.staticHosts = staticHosts;
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
    collectGarbage();
    for (StatefulSet sts : client.apps().statefulSets().inAnyNamespace().list().getItems()) {
      reconcileStatefulSet(sts);
    }
    // One listing of pods per step, shared by the kubelet and DNS.
    List<Pod> pods = client.pods().inAnyNamespace().list().getItems();
    syncPods(pods);
    writeHosts(pods);
  }

  // --- StatefulSet controller ---

  private List<Pod> podsOf(StatefulSet sts) {
    return client.pods().inNamespace(sts.getMetadata().getNamespace()).list().getItems().stream()
        .filter(
            p ->
                p.getMetadata().getOwnerReferences().stream()
                    .anyMatch(o -> o.getUid().equals(sts.getMetadata().getUid())))
        .toList();
  }

  private void reconcileStatefulSet(StatefulSet sts) {
    var plan = StatefulSetController.plan(sts, podsOf(sts));
    plan.create().forEach(ordinal -> createPod(sts, ordinal, plan.revision()));
    plan.delete()
        .forEach(
            name ->
                client
                    .pods()
                    .inNamespace(sts.getMetadata().getNamespace())
                    .withName(name)
                    .delete());
    if (!Objects.equals(
        Serialization.asJson(plan.status()), Serialization.asJson(sts.getStatus()))) {
      sts.setStatus(plan.status());
      client.resource(sts).updateStatus();
    }
  }

  private void createPod(StatefulSet sts, int ordinal, String revision) {
    var template = sts.getSpec().getTemplate();
    Map<String, String> labels = new HashMap<>(template.getMetadata().getLabels());
    labels.put(StatefulSetController.REVISION_LABEL, revision);
    labels.put("statefulset.kubernetes.io/pod-name", sts.getMetadata().getName() + "-" + ordinal);
    OwnerReference owner =
        new OwnerReferenceBuilder()
            .withApiVersion("apps/v1")
            .withKind("StatefulSet")
            .withName(sts.getMetadata().getName())
            .withUid(sts.getMetadata().getUid())
            .withController(true)
            .build();
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(sts.getMetadata().getName() + "-" + ordinal)
            .withNamespace(sts.getMetadata().getNamespace())
            .withLabels(labels)
            .withAnnotations(template.getMetadata().getAnnotations())
            .withOwnerReferences(owner)
            .endMetadata()
            .withSpec(template.getSpec())
            .build();
    pod.getSpec().setHostname(pod.getMetadata().getName());
    pod.getSpec().setSubdomain(sts.getSpec().getServiceName());
    client.resource(pod).create();
  }

  // --- kubelet ---

  private void syncPods(List<Pod> pods) {
    Map<String, Pod> byUid = new HashMap<>();
    pods.forEach(p -> byUid.put(p.getMetadata().getUid(), p));
    // Pods deleted from the API: stop their processes (SIGTERM, grace, SIGKILL).
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
    for (Pod pod : pods) {
      String key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
      PodRunner runner = runners.get(key);
      if (runner == null && !starting.contains(key) && noOlderProcessFor(key)) {
        startPod(key, pod);
      } else if (runner != null) {
        podWork.submit(
            () -> {
              try {
                runner.restartIfExited();
              } catch (IOException e) {
                LOG.warn("restarting {} failed: {}", key, e.toString());
              }
            });
        updatePodStatus(pod, runner);
      }
    }
  }

  private boolean noOlderProcessFor(String key) {
    return runners.values().stream()
        .noneMatch(r -> r.address().equals(addresses.get(key)) && r.isRunning());
  }

  private void startPod(String key, Pod pod) {
    String address = addresses.computeIfAbsent(key, k -> "127.0.1." + (addresses.size() + 10));
    Path podDir =
        dir.resolve("pods").resolve(key.replace('/', '_') + "-" + pod.getMetadata().getUid());
    var runner = new PodRunner(pod, address, podDir, workerHome, dir.resolve("claims"), hostsFile);
    starting.add(key);
    podWork.submit(
        () -> {
          try {
            runner.start(client);
            runners.put(key, runner);
            LOG.info("pod {} runs at {} (logs: {})", key, address, podDir);
          } catch (Exception e) {
            LOG.warn("starting pod {} failed: {}", key, e.toString());
          } finally {
            starting.remove(key);
          }
        });
  }

  private void updatePodStatus(Pod pod, PodRunner runner) {
    boolean ready = runner.isReady();
    var status =
        new PodStatusBuilder()
            .withPhase("Running")
            .withPodIP(runner.address())
            .withConditions(
                new PodCondition(null, null, null, null, null, ready ? "True" : "False", "Ready"))
            .addNewContainerStatus()
            .withName(pod.getSpec().getContainers().get(0).getName())
            .withReady(ready)
            .withRestartCount(runner.restarts())
            .endContainerStatus()
            .build();
    if (!Objects.equals(Serialization.asJson(status), Serialization.asJson(pod.getStatus()))) {
      pod.setStatus(status);
      try {
        client.resource(pod).updateStatus();
      } catch (RuntimeException e) {
        // The pod went away between list and update; the next step catches up.
      }
    }
  }

  // --- DNS ---

  private void writeHosts(List<Pod> pods) throws IOException {
    var lines = new TreeMap<String, String>();
    lines.put("localhost", "127.0.0.1");
    lines.putAll(staticHosts);
    for (Pod pod : pods) {
      String key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
      String address = addresses.get(key);
      if (address != null && pod.getSpec().getSubdomain() != null) {
        lines.put(
            pod.getMetadata().getName()
                + "."
                + pod.getSpec().getSubdomain()
                + "."
                + pod.getMetadata().getNamespace()
                + ".svc",
            address);
      }
    }
    // A ClusterIP Service resolves to one of its ready endpoints.
    for (var service : client.services().inAnyNamespace().list().getItems()) {
      if ("None".equals(service.getSpec().getClusterIP())
          || service.getSpec().getSelector() == null) {
        continue;
      }
      pods.stream()
          .filter(p -> p.getMetadata().getNamespace().equals(service.getMetadata().getNamespace()))
          .filter(
              p ->
                  p.getMetadata()
                      .getLabels()
                      .entrySet()
                      .containsAll(service.getSpec().getSelector().entrySet()))
          .filter(StatefulSetController::isReady)
          .map(p -> addresses.get(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName()))
          .filter(Objects::nonNull)
          .sorted()
          .findFirst()
          .ifPresent(
              a ->
                  lines.put(
                      service.getMetadata().getName()
                          + "."
                          + service.getMetadata().getNamespace()
                          + ".svc",
                      a));
    }
    StringBuilder text = new StringBuilder();
    lines.forEach((name, address) -> text.append(address).append(' ').append(name).append('\n'));
    if (!text.toString().equals(lastHosts)) {
      Path temp = hostsFile.resolveSibling(hostsFile.getFileName() + ".tmp");
      Files.writeString(temp, text.toString());
      Files.move(
          temp,
          hostsFile,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      lastHosts = text.toString();
    }
  }

  // --- garbage collector ---

  private void collectGarbage() {
    Set<String> liveUids = new java.util.HashSet<>();
    List<HasMetadata> owned = new ArrayList<>();
    Stream.of(
            client
                .resources(dev.tributary.api.v1alpha1.KafkaConnect.class)
                .inAnyNamespace()
                .list()
                .getItems()
                .stream(),
            client.apps().statefulSets().inAnyNamespace().list().getItems().stream(),
            client.configMaps().inAnyNamespace().list().getItems().stream(),
            client.services().inAnyNamespace().list().getItems().stream(),
            client.policy().v1().podDisruptionBudget().inAnyNamespace().list().getItems().stream(),
            client.network().v1().networkPolicies().inAnyNamespace().list().getItems().stream(),
            client.pods().inAnyNamespace().list().getItems().stream())
        .flatMap(s -> s.map(r -> (HasMetadata) r))
        .forEach(
            r -> {
              liveUids.add(r.getMetadata().getUid());
              if (!r.getMetadata().getOwnerReferences().isEmpty()) {
                owned.add(r);
              }
            });
    for (HasMetadata resource : owned) {
      if (resource.getMetadata().getOwnerReferences().stream()
          .noneMatch(o -> liveUids.contains(o.getUid()))) {
        client.resource(resource).delete();
      }
    }
  }

  /** Kills the main container of a pod with SIGKILL; the kubelet restarts it, as after a crash. */
  public void killContainer(String namespace, String pod) {
    PodRunner runner = runners.get(namespace + "/" + pod);
    if (runner == null) {
      throw new IllegalStateException("no running pod " + namespace + "/" + pod);
    }
    runner.killMainContainer();
  }

  /** The loopback address of each pod ({@code namespace/name}). */
  public Map<String, String> podAddresses() {
    return Map.copyOf(addresses);
  }

  @Override
  public void close() {
    loop.shutdownNow();
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
