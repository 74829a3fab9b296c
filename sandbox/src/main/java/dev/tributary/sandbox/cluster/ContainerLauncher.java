package dev.tributary.sandbox.cluster;

import dev.tributary.contract.WorkerContract;
import dev.tributary.sandbox.process.ManagedProcess;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a container runtime does for one pod here: its volumes as local folders (mounted ConfigMaps
 * as files, claims as folders that outlive the pod), container paths mapped to them in args and
 * files, and each container started as a process of the worker distribution with the pod's env, its
 * own address and the cluster's DNS.
 */
final class ContainerLauncher {

  /** Where Kubernetes mounts a pod's ServiceAccount token and the cluster's CA. */
  static final String SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";

  private final Pod pod;
  private final String address;
  private final Path podDir;
  private final Path workerHome;
  private final Path claimsDir;
  private final Path hostsFile;
  private final Map<String, String> pathMap = new LinkedHashMap<>();
  private String apiServer;

  ContainerLauncher(
      Pod pod, String address, Path podDir, Path workerHome, Path claimsDir, Path hostsFile) {
    this.pod = pod;
    this.address = address;
    this.podDir = podDir;
    this.workerHome = workerHome;
    this.claimsDir = claimsDir;
    this.hostsFile = hostsFile;
  }

  /** Lays out the volumes and maps the container paths to them. */
  void materialiseVolumes(KubernetesClient client) throws IOException {
    apiServer = client.getMasterUrl().toString();
    mapPath(WorkerContract.IMAGE_HOME, workerHome.toString());
    // Secrets lie where the container would see them, under one root, so a folder that holds
    // several (the config provider's allowed path) maps too.
    mapPath(WorkerContract.SECRETS_DIR, containerRoot(WorkerContract.SECRETS_DIR).toString());
    Map<String, Path> volumes = new HashMap<>();
    for (Volume volume : pod.getSpec().getVolumes()) {
      Path local =
          volume.getSecret() != null
              ? secretFolder(volume.getName())
              : podDir.resolve("volumes").resolve(volume.getName());
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
      if (volume.getSecret() != null) {
        var secret =
            client
                .secrets()
                .inNamespace(pod.getMetadata().getNamespace())
                .withName(volume.getSecret().getSecretName())
                .get();
        if (secret == null) {
          throw new IOException(
              "MountVolume.SetUp failed for volume \""
                  + volume.getName()
                  + "\": secret \""
                  + volume.getSecret().getSecretName()
                  + "\" not found");
        }
        // Bytes as stored: a Secret may hold binary files such as PKCS#12 key stores.
        Map<String, byte[]> data = new HashMap<>();
        if (secret.getData() != null) {
          secret
              .getData()
              .forEach((key, value) -> data.put(key, java.util.Base64.getDecoder().decode(value)));
        }
        if (secret.getStringData() != null) {
          secret
              .getStringData()
              .forEach(
                  (key, value) ->
                      data.put(key, value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        for (var file : data.entrySet()) {
          Files.write(volumes.get(volume.getName()).resolve(file.getKey()), file.getValue());
        }
      }
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

  /** Starts {@code container} as a process logging to {@code logName}.log in the pod folder. */
  ManagedProcess launch(Container container, String logName) throws IOException {
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
    env.put("CONNECT_LISTENERS", listenerScheme(command) + "://" + address + ":8083");
    env.put(WorkerContract.ENV_METRICS_BIND_ADDRESS, address);
    // The in-cluster API a pod's ServiceAccount reaches. A real API server mounts the account's
    // token, and its Role decides what the pod reads; the API stand-in mounts none and checks none.
    if (apiServer != null) {
      env.put("KUBERNETES_MASTER", apiServer);
      env.put("KUBERNETES_NAMESPACE", pod.getMetadata().getNamespace());
      env.put("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
      String account = pathMap.get(SERVICE_ACCOUNT_DIR);
      env.put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", String.valueOf(account != null));
      if (account != null) {
        env.put("KUBERNETES_AUTH_SERVICEACCOUNT_TOKEN", account + "/token");
        env.put("KUBERNETES_CERTS_CA_FILE", account + "/ca.crt");
      }
    }
    // The kubelet's termination-message file (terminationMessagePath), one per run.
    Path terminationLog = podDir.resolve(logName + TERMINATION_LOG);
    Files.deleteIfExists(terminationLog);
    Files.createFile(terminationLog);
    env.put("TRIBUTARY_TERMINATION_LOG", terminationLog.toString());
    env.put("TRIBUTARY_HEAP_OPTS", sandboxHeap(env.get("TRIBUTARY_HEAP_OPTS")));
    env.put(
        "JAVA_OPTS",
        (env.getOrDefault("JAVA_OPTS", "")
                + " -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djdk.net.hosts.file="
                + hostsFile)
            .trim());
    return ManagedProcess.start(
        pod.getMetadata().getName() + "/" + container.getName(),
        command,
        env,
        podDir.resolve(logName + ".log"));
  }

  private static final String TERMINATION_LOG = ".termination-log";

  private static final long SANDBOX_MAX_HEAP_MB = 384;

  /**
   * Heaps fit a 2-core machine: the pod's when its -Xmx is at most 384m (a test of a heap too small
   * must get one), otherwise 64m-384m.
   */
  static String sandboxHeap(String podHeap) {
    var xmx =
        podHeap == null
            ? null
            : java.util.regex.Pattern.compile("-Xmx(\\d+)([kKmMgG]?)").matcher(podHeap);
    if (xmx != null && xmx.find()) {
      long value = Long.parseLong(xmx.group(1));
      long mb =
          switch (xmx.group(2).toLowerCase(java.util.Locale.ROOT)) {
            case "k" -> value / 1024;
            case "m" -> value;
            case "g" -> value * 1024;
            default -> value / (1024 * 1024);
          };
      if (mb <= SANDBOX_MAX_HEAP_MB) {
        return podHeap;
      }
    }
    return "-Xms64m -Xmx" + SANDBOX_MAX_HEAP_MB + "m";
  }

  /** What the run logging to {@code logName} wrote as its termination message, if anything. */
  static String terminationMessage(Path podDir, String logName) {
    try {
      String message = Files.readString(podDir.resolve(logName + TERMINATION_LOG));
      return message.isBlank() ? null : message;
    } catch (IOException e) {
      return null;
    }
  }

  /** The scheme of the REST listener the worker properties among {@code command} name. */
  static String listenerScheme(List<String> command) throws IOException {
    for (String arg : command) {
      Path file = Path.of(arg);
      if (arg.endsWith(".properties") && Files.isRegularFile(file)) {
        var props = new java.util.Properties();
        try (var in = Files.newInputStream(file)) {
          props.load(in);
        }
        String listeners = props.getProperty("listeners", "http://");
        return listeners.substring(0, listeners.indexOf("://"));
      }
    }
    return "http";
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

  /** Where a container path lies under this pod's stand-in for the container's filesystem. */
  private Path containerRoot(String containerPath) {
    return podDir.resolve("root").resolve(containerPath.replaceFirst("^/+", ""));
  }

  /** The local folder of a Secret volume: its worker mount path under the container root. */
  private Path secretFolder(String volumeName) {
    for (Container container : pod.getSpec().getContainers()) {
      for (VolumeMount mount : container.getVolumeMounts()) {
        if (mount.getName().equals(volumeName)) {
          return containerRoot(mount.getMountPath());
        }
      }
    }
    return podDir.resolve("volumes").resolve(volumeName);
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
                "(?<=^|[\\s,=\"':])(" + alternatives + ")(?=[/,\\s\"':]|$)", Pattern.MULTILINE)
            .matcher(text);
    StringBuilder result = new StringBuilder();
    while (paths.find()) {
      paths.appendReplacement(result, Matcher.quoteReplacement(pathMap.get(paths.group(1))));
    }
    paths.appendTail(result);
    return result.toString();
  }
}
