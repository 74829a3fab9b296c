package dev.tributary.sandbox.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A real Kubernetes control plane on loopback: etcd, kube-apiserver (TLS, RBAC, admission, an audit
 * log), kube-controller-manager and kube-scheduler, built from Debian's sources once and run by
 * {@code sandbox/control-plane/control-plane.sh}. Each start begins from an empty cluster.
 */
public final class ControlPlane implements AutoCloseable {

  /** The control plane could not be built or started on this machine: its script failed. */
  public static final class Unavailable extends IllegalStateException {
    Unavailable(String message) {
      super(message);
    }
  }

  private final Path script;
  private final Map<String, String> where;

  private ControlPlane(Path script, Map<String, String> where) {
    this.script = script;
    this.where = where;
  }

  /**
   * Builds the binaries if they are not cached (10-16 minutes, once), then starts afresh.
   *
   * @throws Unavailable when the script fails
   */
  public static ControlPlane start(Path repo) {
    Path script = repo.resolve("sandbox/control-plane/control-plane.sh");
    run(script, "reset");
    // Stopped on Ctrl-C or SIGTERM too, when no close() runs; a second stop finds nothing to stop.
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> run(script, "stop"), "control-plane-stop"));
    run(script, "up");
    Map<String, String> where = new HashMap<>();
    for (String line : output(script, "where").split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        where.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return new ControlPlane(script, where);
  }

  /** A client with the cluster-admin's certificate (group system:masters: RBAC lets it do all). */
  public KubernetesClient adminClient() {
    try {
      String kubeconfig = Files.readString(adminKubeconfig());
      return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path adminKubeconfig() {
    return Path.of(where.get("kubeconfig"));
  }

  /** kubectl of the same Kubernetes version, built with the control plane. */
  public Path kubectl() {
    return Path.of(where.get("bin"), "kubectl");
  }

  public AuditLog auditLog() {
    return new AuditLog(Path.of(where.get("audit-log")));
  }

  @Override
  public void close() {
    run(script, "stop");
  }

  private static void run(Path script, String command) {
    try {
      Process process = new ProcessBuilder(script.toString(), command).inheritIO().start();
      int exit = process.waitFor();
      if (exit != 0) {
        throw new Unavailable(
            script + " " + command + " failed (exit " + exit + "); its output is above");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String output(Path script, String command) {
    try {
      Process process =
          new ProcessBuilder(script.toString(), command)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException(script + " " + command + " failed");
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
