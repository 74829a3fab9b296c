package dev.tributary.bench.scale;

import dev.tributary.sandbox.SandboxPaths;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The operator at scale: the real operator as its own process against the Kubernetes API stand-in,
 * every Connect cluster's REST API served by {@link ConnectSimulator}. At each size (50 connectors
 * per cluster) it measures cold start to all Ready, steady-state cost (CPU, heap after GC, RSS,
 * REST calls and API writes per second), apply to Ready and task failure to status for single
 * changes, and a full resync after the operator restarts. The simulator's numbers are the
 * operator's cost, not Connect's behaviour.
 */
public final class OperatorScaleBenchmark {

  static final int PER_CLUSTER = Integer.getInteger("bench.connectors.per.cluster", 50);
  static final Duration STEADY = Duration.ofSeconds(Long.getLong("bench.steady.seconds", 60));
  static final int SAMPLES = Integer.getInteger("bench.samples", 40);

  /**
   * The JVM deploy/operator.yaml gives: a 768 MiB limit with MaxRAMPercentage=50 is a 384 MiB heap,
   * and on two CPUs and under 1792 MiB the JVM picks the serial collector.
   */
  static final String DEPLOYED_JVM = "-Xmx384m -XX:+UseSerialGC";

  public static void main(String[] args) throws Exception {
    var paths = SandboxPaths.fromSystemProperties("target/bench");
    Path lib = Path.of(System.getProperty("bench.operator.lib"));
    List<String> jvm =
        Arrays.asList(System.getProperty("bench.operator.jvm", DEPLOYED_JVM).split(" "));
    List<ScaleResult> results = new ArrayList<>();
    for (String size : System.getProperty("bench.sizes", "1000,5000,10000").split(",")) {
      int connectors = Integer.parseInt(size);
      int clusters = Math.max(1, connectors / PER_CLUSTER);
      try (var rig =
          ScaleRig.start(
              paths.repo(),
              paths.dir().resolve("scale-" + size),
              lib,
              jvm,
              clusters,
              PER_CLUSTER)) {
        results.add(measure(rig, clusters));
      }
      ScaleRig.say("%s", results.get(results.size() - 1));
    }
    ScaleReport.write(
        paths
            .repo()
            .resolve(
                System.getProperty("bench.report", "docs/benchmarks/operator-scale-results.md")),
        jvm,
        results,
        Instant.now());
  }

  static ScaleResult measure(ScaleRig rig, int clusters) throws Exception {
    rig.startOperator("operator.log");
    var cold = rig.coldStart();
    var steady = rig.steady(STEADY);
    var applyToReady = rig.applyToReady(SAMPLES);
    var failureToStatus = rig.failureToStatus(SAMPLES);
    double resync = rig.resync(clusters + rig.connectors() + SAMPLES);
    return new ScaleResult(
        rig.connectors(),
        clusters,
        cold.seconds(),
        cold.cpuSeconds(),
        cold.apiWrites(),
        cold.restCalls(),
        resync,
        steady.heapBytes(),
        steady.rssBytes(),
        steady.cpuShare(),
        steady.restPerSecond(),
        steady.writesPerSecond(),
        steady.readsPerSecond(),
        applyToReady,
        failureToStatus);
  }
}
