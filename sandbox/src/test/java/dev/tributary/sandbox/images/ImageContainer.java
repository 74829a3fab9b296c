package dev.tributary.sandbox.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of Tributary's image tarballs run as a Kubernetes pod would run it: unpacked with skopeo and
 * umoci into an OCI runtime bundle, started by runc with the image's own user, entrypoint and
 * environment, a read-only root filesystem, an emptyDir on /tmp and the volumes given. It shares
 * the machine's network (loopback brokers and API servers are reachable; there is no pod network).
 */
public final class ImageContainer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a pod spec would say of the container; {@code args} replace the image's CMD. */
  public record Spec(
      String hostname, List<String> args, Map<String, String> env, Map<String, Path> volumes) {
    public Spec {
      env = Map.copyOf(env);
      volumes = new LinkedHashMap<>(volumes);
    }
  }

  private final String id;
  private final Path state;
  private final Process runc;
  private final Path log;

  private ImageContainer(String id, Path state, Process runc, Path log) {
    this.id = id;
    this.state = state;
    this.runc = runc;
    this.log = log;
  }

  /** An image unpacked: its config (user, entrypoint, env) and its runtime bundle. */
  public record Unpacked(JsonNode config, Path bundle) {
    public Path rootfs() {
      return bundle.resolve("rootfs");
    }
  }

  /** Unpacks {@code imageTar} (an OCI archive) under {@code dir} with skopeo and umoci. */
  public static Unpacked unpack(Path imageTar, Path dir) throws Exception {
    Files.createDirectories(dir);
    Path layout = dir.resolve("layout");
    Path bundle = dir.resolve("bundle");
    run(dir, "skopeo", "copy", "--quiet", "oci-archive:" + imageTar, "oci:" + layout + ":image");
    JsonNode image =
        JSON.readTree(run(dir, "skopeo", "inspect", "--config", "oci:" + layout + ":image"))
            .path("config");
    run(dir, "umoci", "unpack", "--image", layout + ":image", bundle.toString());
    return new Unpacked(image, bundle);
  }

  /** Unpacks {@code imageTar} (an OCI archive) under {@code dir} and starts it as {@code spec}. */
  public static ImageContainer start(Path imageTar, Path dir, Spec spec) throws Exception {
    Unpacked unpacked = unpack(imageTar, dir);
    JsonNode image = unpacked.config();
    Path bundle = unpacked.bundle();
    Path hosts = dir.resolve("hosts");
    Files.writeString(hosts, "127.0.0.1\tlocalhost\n127.0.0.1\t" + spec.hostname() + "\n");
    Path config = bundle.resolve("config.json");
    ObjectNode runtime = (ObjectNode) JSON.readTree(config.toFile());
    Files.writeString(config, JSON.writeValueAsString(podLike(runtime, image, spec, hosts)));

    String id = "tributary-" + dir.getFileName() + "-" + ProcessHandle.current().pid();
    Path state = dir.resolve("runc");
    Path log = dir.resolve("container.log");
    Process runc =
        new ProcessBuilder(
                "runc", "--root", state.toString(), "run", "--bundle", bundle.toString(), id)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    return new ImageContainer(id, state, runc, log);
  }

  /**
   * The runtime config umoci wrote from the image, changed as a kubelet would change it for a pod
   * with {@code readOnlyRootFilesystem: true}: entrypoint kept, args replaced, no terminal, the
   * machine's network, the pod's /etc/hosts, an emptyDir on /tmp and the volumes mounted.
   */
  static ObjectNode podLike(ObjectNode runtime, JsonNode image, Spec spec, Path hosts) {
    ObjectNode process = (ObjectNode) runtime.get("process");
    process.put("terminal", false);
    ArrayNode args = process.putArray("args");
    image.path("Entrypoint").forEach(args::add);
    if (spec.args() != null) {
      spec.args().forEach(args::add);
    } else {
      image.path("Cmd").forEach(args::add);
    }
    ArrayNode env = (ArrayNode) process.get("env");
    spec.env().forEach((name, value) -> env.add(name + "=" + value));
    // The runtime's own limits (this machine refuses to raise them; a kubelet leaves them too).
    process.remove("rlimits");
    ((ObjectNode) runtime.get("root")).put("readonly", true);
    runtime.put("hostname", spec.hostname());

    ArrayNode namespaces = (ArrayNode) runtime.path("linux").get("namespaces");
    for (int i = namespaces.size() - 1; i >= 0; i--) {
      if ("network".equals(namespaces.get(i).path("type").asText())) {
        namespaces.remove(i);
      }
    }
    ArrayNode mounts = (ArrayNode) runtime.get("mounts");
    mounts
        .addObject()
        .put("destination", "/tmp")
        .put("type", "tmpfs")
        .put("source", "tmpfs")
        .set("options", JSON.valueToTree(List.of("nosuid", "nodev", "mode=1777")));
    mounts.add(bind(hosts, "/etc/hosts", "ro"));
    spec.volumes().forEach((target, source) -> mounts.add(bind(source, target, "rw")));
    return runtime;
  }

  private static ObjectNode bind(Path source, String target, String mode) {
    ObjectNode mount = JSON.createObjectNode();
    mount.put("destination", target).put("type", "bind").put("source", source.toString());
    mount.set("options", JSON.valueToTree(List.of("rbind", mode)));
    return mount;
  }

  /** The container's main process as the machine sees it (its user, for one). */
  public ProcessHandle process() throws Exception {
    long pid = JSON.readTree(runcCommand("state", id)).path("pid").asLong();
    return ProcessHandle.of(pid).orElseThrow();
  }

  /** The numeric user the container's main process runs as. */
  public int uid() throws Exception {
    long pid = process().pid();
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("Uid:")) {
        return Integer.parseInt(line.split("\\s+")[1]);
      }
    }
    throw new IllegalStateException("no Uid line for " + pid);
  }

  /** Runs {@code command} in the running container, as its user; what it printed to stdout. */
  public String exec(String... command) throws Exception {
    List<String> args = new ArrayList<>(List.of("exec", id));
    args.addAll(List.of(command));
    return runcCommand(args.toArray(String[]::new));
  }

  public boolean isRunning() {
    return runc.isAlive();
  }

  /** Waits for the container to end; its exit code. */
  public int awaitExit(long seconds) throws InterruptedException {
    if (!runc.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new IllegalStateException("container " + id + " still runs after " + seconds + " s");
    }
    return runc.exitValue();
  }

  /** Everything the container wrote to stdout and stderr so far. */
  public String log() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws Exception {
    if (runc.isAlive()) {
      runcQuietly("kill", id, "TERM");
      if (!runc.waitFor(30, TimeUnit.SECONDS)) {
        runcQuietly("kill", id, "KILL");
        runc.waitFor(10, TimeUnit.SECONDS);
      }
    }
    runcQuietly("delete", "--force", id);
  }

  private String runcCommand(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("runc", "--root", state.toString()));
    command.addAll(List.of(args));
    return run(state.getParent(), command.toArray(String[]::new));
  }

  private void runcQuietly(String... args) {
    try {
      runcCommand(args);
    } catch (Exception e) {
      // already gone: nothing to stop
    }
  }

  private static String run(Path dir, String... command) throws Exception {
    Process process = new ProcessBuilder(command).directory(dir.toFile()).start();
    byte[] out = process.getInputStream().readAllBytes();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + err);
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
