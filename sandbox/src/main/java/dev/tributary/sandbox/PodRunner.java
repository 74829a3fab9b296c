package dev.tributary.sandbox;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kubelet stand-in for one pod: its containers become processes of the worker distribution,
 * with the pod's env, args and mounted ConfigMaps; container paths are mapped to local folders.
 */
final class PodRunner {

  /** Where the image keeps the distribution; the sandbox runs the locally built one instead. */
  static final String IMAGE_HOME = "/opt/tributary";

  private final Pod pod;
  private final String address;
  private final Path podDir;
  private final Path workerHome;
  private final Path claimsDir;
  private final Path hostsFile;
  private final Map<String, String> pathMap = new LinkedHashMap<>();
  private volatile ManagedProcess process;
  private volatile int restarts;
  private volatile boolean stopping;
  private volatile long lastStart;

  PodRunner(Pod pod, String address, Path podDir, Path workerHome, Path claimsDir, Path hostsFile) {
    this.pod = pod;
    this.address = address;
    this.podDir = podDir;
    this.workerHome = workerHome;
    this.claimsDir = claimsDir;
    this.hostsFile = hostsFile;
  }

  String uid() {
    return pod.getMetadata().getUid();
  }

  String address() {
    return address;
  }

  int restarts() {
    return restarts;
  }

  boolean isRunning() {
    ManagedProcess current = process;
    return current != null && current.isAlive();
  }

  /** Lays out the volumes, runs the init containers, starts the main container. */
  void start(KubernetesClient client) throws IOException, InterruptedException {
    Files.createDirectories(podDir);
    materialiseVolumes(client);
    for (Container init : pod.getSpec().getInitContainers()) {
      ManagedProcess initProcess = launch(init, "init-" + init.getName());
      if (!initProcess.process().waitFor(10, TimeUnit.MINUTES)
          || initProcess.process().exitValue() != 0) {
        throw new IOException(
            "init container "
                + init.getName()
                + " of pod "
                + pod.getMetadata().getName()
                + " failed; see "
                + initProcess.log());
      }
    }
    process = launch(pod.getSpec().getContainers().get(0), "main");
  }

  /** Restarts the main container if it exited while the pod still exists (restartPolicy Always). */
  void restartIfExited() throws IOException {
    ManagedProcess current = process;
    if (!stopping && current != null && !current.isAlive()) {
      // CrashLoopBackOff: 1 s, 2 s, 4 s ... up to 30 s between restarts.
      long backOffMillis = Math.min(30_000L, 1000L << Math.min(restarts, 5));
      if (System.currentTimeMillis() - lastStart < backOffMillis) {
        return;
      }
      restarts++;
      process = launch(pod.getSpec().getContainers().get(0), "main");
    }
  }

  /** SIGKILL of the main container's process, as an OOM kill or a crash would end it. */
  void killMainContainer() {
    ManagedProcess current = process;
    if (current != null) {
      current.kill();
    }
  }

  /** SIGTERM, then SIGKILL after the pod's grace period. */
  void stop() {
    stopping = true;
    ManagedProcess current = process;
    if (current != null) {
      long grace =
          pod.getSpec().getTerminationGracePeriodSeconds() == null
              ? 30
              : pod.getSpec().getTerminationGracePeriodSeconds();
      current.stop(Duration.ofSeconds(grace));
    }
  }

  /** The readiness probe: Connect's {@code GET /health} answers 200. */
  boolean isReady() {
    if (!isRunning()) {
      return false;
    }
    return LocalWorker.attach(process, URI.create("http://" + address + ":8083/")).healthStatus()
        == 200;
  }

  private void materialiseVolumes(KubernetesClient client) throws IOException {
    mapPath(IMAGE_HOME, workerHome.toString());
    Map<String, Path> volumes = new HashMap<>();
    for (Volume volume : pod.getSpec().getVolumes()) {
      Path local = podDir.resolve("volumes").resolve(volume.getName());
      Files.createDirectories(local);
      volumes.put(volume.getName(), local);
    }
    String ordinalClaimSuffix = "-" + pod.getMetadata().getName();
    for (Container container : pod.getSpec().getContainers()) {
      for (VolumeMount mount : container.getVolumeMounts()) {
        Path local = volumes.get(mount.getName());
        if (local == null) {
          // A volumeClaimTemplate: a folder that outlives the pod, like a PersistentVolumeClaim.
          local =
              claimsDir
                  .resolve(pod.getMetadata().getNamespace())
                  .resolve(mount.getName() + ordinalClaimSuffix);
          Files.createDirectories(local);
        }
        mapPath(mount.getMountPath(), local.toString());
      }
    }
    for (Volume volume : pod.getSpec().getVolumes()) {
      if (volume.getConfigMap() != null) {
        var configMap =
            client
                .configMaps()
                .inNamespace(pod.getMetadata().getNamespace())
                .withName(volume.getConfigMap().getName())
                .get();
        if (configMap != null && configMap.getData() != null) {
          for (var file : configMap.getData().entrySet()) {
            Files.writeString(
                volumes.get(volume.getName()).resolve(file.getKey()), translate(file.getValue()));
          }
        }
      }
    }
  }

  private ManagedProcess launch(Container container, String logName) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(workerHome.resolve("bin/tributary-worker").toString());
    for (String arg : container.getArgs()) {
      command.add(translate(arg));
    }
    Map<String, String> env = new HashMap<>();
    env.put("JAVA_HOME", System.getProperty("java.home"));
    for (EnvVar var : container.getEnv()) {
      env.put(var.getName(), resolve(var, env));
    }
    // What a pod network gives a real pod: its own address, and DNS for Services and pods.
    env.put("CONNECT_LISTENERS", "http://" + address + ":8083");
    env.put("TRIBUTARY_HEAP_OPTS", "-Xms64m -Xmx384m");
    env.put(
        "JAVA_OPTS",
        (env.getOrDefault("JAVA_OPTS", "")
                + " -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djdk.net.hosts.file="
                + hostsFile)
            .trim());
    lastStart = System.currentTimeMillis();
    return ManagedProcess.start(
        pod.getMetadata().getName() + "/" + container.getName(),
        command,
        env,
        podDir.resolve(logName + ".log"));
  }

  private String resolve(EnvVar var, Map<String, String> earlier) {
    if (var.getValueFrom() != null && var.getValueFrom().getFieldRef() != null) {
      return switch (var.getValueFrom().getFieldRef().getFieldPath()) {
        case "metadata.name" -> pod.getMetadata().getName();
        case "metadata.namespace" -> pod.getMetadata().getNamespace();
        case "status.podIP" -> address;
        default -> "";
      };
    }
    String value = var.getValue() == null ? "" : var.getValue();
    Matcher reference = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)").matcher(value);
    StringBuilder expanded = new StringBuilder();
    while (reference.find()) {
      reference.appendReplacement(
          expanded,
          Matcher.quoteReplacement(earlier.getOrDefault(reference.group(1), reference.group())));
    }
    reference.appendTail(expanded);
    return expanded.toString();
  }

  void mapPath(String containerPath, String localPath) {
    pathMap.put(containerPath, localPath);
  }

  /**
   * Maps container paths (mounts, the image's home) to the local folders that stand in for them, in
   * one pass, so a local folder is never translated again (it may itself lie under /tmp).
   */
  String translate(String text) {
    List<String> longestFirst = new ArrayList<>(pathMap.keySet());
    longestFirst.sort((a, b) -> b.length() - a.length());
    String alternatives = String.join("|", longestFirst.stream().map(Pattern::quote).toList());
    Matcher paths =
        Pattern.compile(
                "(?<=^|[\\s,=\"'])(" + alternatives + ")(?=[/,\\s\"']|$)", Pattern.MULTILINE)
            .matcher(text);
    StringBuilder result = new StringBuilder();
    while (paths.find()) {
      paths.appendReplacement(result, Matcher.quoteReplacement(pathMap.get(paths.group(1))));
    }
    paths.appendTail(result);
    return result.toString();
  }
}
