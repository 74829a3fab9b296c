package dev.tributary.sandbox.cluster;

import dev.tributary.sandbox.process.LocalWorker;
import dev.tributary.sandbox.process.ManagedProcess;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateTerminatedBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kubelet stand-in for one pod: its containers become processes of the worker distribution,
 * with the pod's env, args and mounted ConfigMaps; container paths are mapped to local folders.
 * Each {@link #tick} moves the pod on as a kubelet would: init containers one after the other,
 * restarted with back-off when they fail; then the main container, restarted with back-off when it
 * exits; its startup and readiness probes run on their periods and thresholds. {@link #status}
 * reports all of it as a kubelet does, termination messages included.
 */
final class PodRunner {

  /** CrashLoopBackOff as a kubelet counts it: 10 s, 20 s, 40 s ... up to 5 minutes. */
  static long backOffMillis(int failures) {
    return Math.min(300_000L, 10_000L << Math.min(Math.max(failures - 1, 0), 5));
  }

  /** A run this long clears the back-off, as a kubelet forgets a crash loop after 10 minutes. */
  static final long BACK_OFF_RESET_MILLIS = 600_000L;

  /** A container's last exit, as the kubelet records it. */
  record Exit(int code, String reason, String message, String finishedAt) {}

  /** What the kubelet knows of one container. */
  private static final class Run {
    final Container container;
    final String logName;
    ManagedProcess process;
    int restarts;

    /** Failures since the back-off was last cleared. */
    int failures;

    Exit lastExit;
    ManagedProcess lastExitFor;
    int runs;
    long startedMillis;
    String startedAt;
    long nextStartMillis;

    Run(Container container, String logName) {
      this.container = container;
      this.logName = logName;
    }

    boolean running() {
      return process != null && process.isAlive();
    }
  }

  private final Pod pod;
  private final String address;
  private final Path podDir;
  private final ContainerLauncher launcher;
  private final List<Run> inits = new ArrayList<>();
  private final Run main;
  private int initsDone;
  private ProbeState startup = ProbeState.INITIAL;
  private ProbeState readiness = ProbeState.INITIAL;
  private volatile boolean stopping;

  /** Each condition's value and since when, as a kubelet reports lastTransitionTime. */
  private final Map<String, PodCondition> conditions = new HashMap<>();

  PodRunner(Pod pod, String address, Path podDir, Path workerHome, Path claimsDir, Path hostsFile) {
    this.pod = pod;
    this.address = address;
    this.podDir = podDir;
    this.launcher = new ContainerLauncher(pod, address, podDir, workerHome, claimsDir, hostsFile);
    pod.getSpec().getInitContainers().forEach(c -> inits.add(new Run(c, "init-" + c.getName())));
    this.main = new Run(pod.getSpec().getContainers().get(0), "main");
  }

  String uid() {
    return pod.getMetadata().getUid();
  }

  String address() {
    return address;
  }

  synchronized int restarts() {
    return main.restarts;
  }

  boolean isRunning() {
    for (Run run : inits) {
      if (run.running()) {
        return true;
      }
    }
    return main.running();
  }

  /** Lays out the volumes: ConfigMaps as files, claims as folders that outlive the pod. */
  void prepare(KubernetesClient client) throws IOException {
    Files.createDirectories(podDir);
    launcher.materialiseVolumes(client);
  }

  /** One kubelet step at {@code now}: start, restart, or probe what is due. */
  synchronized void tick(long now) throws IOException {
    if (stopping) {
      return;
    }
    if (initsDone < inits.size()) {
      Run init = inits.get(initsDone);
      if (init.process == null) {
        if (now >= init.nextStartMillis) {
          start(init, now);
        }
      } else if (!init.process.isAlive()) {
        Exit exit = exitOf(init, now);
        init.lastExit = exit;
        init.process = null;
        if (exit.code() == 0) {
          initsDone++;
        } else {
          init.restarts++;
          init.nextStartMillis = now + backOffMillis(failed(init, now));
        }
      }
      return;
    }
    if (main.process == null || !main.process.isAlive()) {
      if (main.process != null && main.lastExitFor != main.process) {
        main.lastExit = exitOf(main, now);
        main.lastExitFor = main.process;
        main.nextStartMillis = now + backOffMillis(failed(main, now));
        startup = ProbeState.INITIAL;
        readiness = ProbeState.INITIAL;
      }
      if (now >= main.nextStartMillis) {
        if (main.process != null) {
          main.restarts++;
        }
        start(main, now);
      }
      return;
    }
    probe(now);
  }

  /** Counts a failure of {@code run} that ended at {@code now}: its place in the back-off. */
  private static int failed(Run run, long now) {
    if (now - run.startedMillis >= BACK_OFF_RESET_MILLIS) {
      run.failures = 0;
    }
    return ++run.failures;
  }

  /** Whether the pod is ready: its main container runs and its probes pass. */
  synchronized boolean isReady() {
    return main.running() && startup.passing() && readiness.passing();
  }

  private void probe(long now) {
    Probe startupProbe = main.container.getStartupProbe();
    if (startupProbe != null && !startup.passing()) {
      if (startup.due(startupProbe, main.startedMillis, now)) {
        startup = startup.next(startupProbe, healthy(startupProbe), now);
        if (startup.passing()) {
          // The readiness probe takes over from here; this success counts as its first.
          readiness = readiness.next(readinessProbe(), true, now);
        }
      }
      return;
    }
    startup = startup.passing() ? startup : new ProbeState(true, 0, 1, now);
    Probe probe = readinessProbe();
    if (readiness.due(probe, main.startedMillis, now)) {
      readiness = readiness.next(probe, healthy(probe), now);
    }
  }

  private Probe readinessProbe() {
    Probe probe = main.container.getReadinessProbe();
    return probe != null ? probe : new ProbeBuilder().withPeriodSeconds(1).build();
  }

  /**
   * The probe's {@code httpGet} answers 2xx or 3xx within its timeout; a probe without one (the
   * default readiness probe) asks Connect's {@code GET /health} over HTTP.
   */
  private boolean healthy(Probe probe) {
    Duration timeout = Duration.ofMillis(ProbeState.timeoutMillis(probe));
    if (probe.getHttpGet() == null) {
      return LocalWorker.attach(main.process, URI.create("http://" + address + ":8083/"))
              .healthStatus(timeout)
          == 200;
    }
    int status = HttpProbe.status(address, main.container, probe.getHttpGet(), timeout);
    return status >= 200 && status < 400;
  }

  private void start(Run run, long now) throws IOException {
    // Each run logs to a file of its own, so the previous run's log stays readable.
    run.runs++;
    run.process = launcher.launch(run.container, run.logName + "-" + run.runs);
    run.startedMillis = now;
    run.startedAt = Instant.ofEpochMilli(now).toString();
  }

  /**
   * The exit as a kubelet records it: the code, Error or Completed, and the termination message:
   * what the container wrote to its termination-message file, or with FallbackToLogsOnError and a
   * failure, the end of the log.
   */
  private Exit exitOf(Run run, long now) {
    int code = run.process.process().exitValue();
    String message = ContainerLauncher.terminationMessage(podDir, run.logName + "-" + run.runs);
    if (message == null
        && code != 0
        && "FallbackToLogsOnError".equals(run.container.getTerminationMessagePolicy())) {
      message = logTail(run.process.log());
    }
    return new Exit(
        code, code == 0 ? "Completed" : "Error", message, Instant.ofEpochMilli(now).toString());
  }

  /** The last 80 lines or 2 KiB of a log, whichever is less: what a kubelet keeps. */
  static String logTail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
      return tail.length() > 2048 ? tail.substring(tail.length() - 2048) : tail;
    } catch (IOException e) {
      return null;
    }
  }

  /** The pod's status as a kubelet reports it. */
  synchronized PodStatus status() {
    boolean initialized = initsDone == inits.size();
    boolean ready = isReady();
    var builder =
        new PodStatusBuilder()
            .withPhase(initialized && main.process != null ? "Running" : "Pending")
            .withPodIP(address)
            .addToConditions(condition("PodScheduled", true))
            .addToConditions(condition("Initialized", initialized))
            .addToConditions(condition("ContainersReady", ready))
            .addToConditions(condition("Ready", ready));
    for (int i = 0; i < inits.size(); i++) {
      Run init = inits.get(i);
      builder.addToInitContainerStatuses(
          containerStatus(init, i < initsDone, i < initsDone ? null : "PodInitializing"));
    }
    builder.addToContainerStatuses(
        containerStatus(main, ready, initialized ? "ContainerCreating" : "PodInitializing"));
    return builder.build();
  }

  /** The condition, with the time (in whole seconds, as the API has it) it last changed. */
  private PodCondition condition(String type, boolean status) {
    String value = status ? "True" : "False";
    PodCondition last = conditions.get(type);
    if (last == null || !last.getStatus().equals(value)) {
      last =
          new PodConditionBuilder()
              .withType(type)
              .withStatus(value)
              .withLastTransitionTime(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
              .build();
      conditions.put(type, last);
    }
    return last;
  }

  private static ContainerStatus containerStatus(Run run, boolean ready, String waitingReason) {
    var builder =
        new ContainerStatusBuilder()
            .withName(run.container.getName())
            .withImage(run.container.getImage())
            .withReady(ready)
            .withRestartCount(run.restarts);
    ContainerState state;
    if (run.running()) {
      state = new ContainerStateBuilder().withNewRunning(run.startedAt).build();
    } else if (run.lastExit != null && run.lastExit.code() == 0) {
      state = new ContainerStateBuilder().withTerminated(terminated(run.lastExit)).build();
    } else if (run.lastExit != null) {
      state =
          new ContainerStateBuilder()
              .withNewWaiting()
              .withReason("CrashLoopBackOff")
              .withMessage("back-off restarting failed container " + run.container.getName())
              .endWaiting()
              .build();
    } else {
      state =
          new ContainerStateBuilder()
              .withNewWaiting()
              .withReason(waitingReason)
              .endWaiting()
              .build();
    }
    builder.withState(state);
    if (run.lastExit != null && run.lastExit.code() != 0) {
      builder.withLastState(
          new ContainerStateBuilder().withTerminated(terminated(run.lastExit)).build());
    }
    return builder.build();
  }

  private static ContainerStateTerminated terminated(Exit exit) {
    return new ContainerStateTerminatedBuilder()
        .withExitCode(exit.code())
        .withReason(exit.reason())
        .withMessage(exit.message())
        .withFinishedAt(exit.finishedAt())
        .build();
  }

  /**
   * A container's log as {@code kubectl logs} shows it: the current run's, or with {@code previous}
   * the run before; empty when the container has no such run, or does not exist.
   */
  synchronized Optional<String> log(String container, boolean previous) {
    Run run =
        container == null || container.equals(main.container.getName())
            ? main
            : inits.stream()
                .filter(r -> r.container.getName().equals(container))
                .findFirst()
                .orElse(null);
    if (run == null) {
      return Optional.empty();
    }
    int wanted = previous ? run.runs - 1 : run.runs;
    if (wanted < 1) {
      return Optional.of("");
    }
    try {
      return Optional.of(Files.readString(podDir.resolve(run.logName + "-" + wanted + ".log")));
    } catch (IOException e) {
      return Optional.of("");
    }
  }

  /** SIGKILL of the main container's process, as an OOM kill or a crash would end it. */
  synchronized void killMainContainer() {
    if (main.process != null) {
      main.process.kill();
    }
  }

  /** SIGTERM, then SIGKILL after the pod's grace period. */
  void stop() {
    stopping = true;
    long grace =
        pod.getSpec().getTerminationGracePeriodSeconds() == null
            ? 30
            : pod.getSpec().getTerminationGracePeriodSeconds();
    for (Run run : inits) {
      if (run.running()) {
        run.process.stop(Duration.ofSeconds(grace));
      }
    }
    if (main.process != null) {
      main.process.stop(Duration.ofSeconds(grace));
    }
  }
}
