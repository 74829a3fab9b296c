package dev.tributary.bench.scale;

import java.util.List;
import java.util.Locale;

/**
 * What one size of the operator-at-scale benchmark measured.
 *
 * @param coldStartCpuSeconds CPU the operator used from the first apply until all were Ready
 * @param coldStartApiWrites the operator's API writes from the first apply until all were Ready
 * @param coldStartRestCalls the REST calls it made in that time
 * @param idleCpuShare steady-state CPU of the operator process, as a share of one core
 * @param applyToReady seconds from a KafkaConnector's create to its Ready, one sample each
 * @param failureToStatus seconds from a task failing in the simulator to a FAILED task in status
 */
record ScaleResult(
    int connectors,
    int clusters,
    double coldStartSeconds,
    double coldStartCpuSeconds,
    long coldStartApiWrites,
    long coldStartRestCalls,
    double resyncSeconds,
    long heapAfterGcBytes,
    long rssBytes,
    double idleCpuShare,
    double restCallsPerSecond,
    double apiWritesPerSecond,
    double apiReadsPerSecond,
    List<Double> applyToReady,
    List<Double> failureToStatus) {

  /** The {@code p}-th percentile (nearest rank) of {@code samples}. */
  static double percentile(List<Double> samples, double p) {
    List<Double> sorted = samples.stream().sorted().toList();
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  double heapMiB() {
    return heapAfterGcBytes / (1024.0 * 1024.0);
  }

  double rssMiB() {
    return rssBytes / (1024.0 * 1024.0);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%d connectors on %d clusters: cold start %.1f s (%.0f CPU s, %d API writes, %d REST"
            + " calls), resync %.1f s, heap %.0f MiB,"
            + " RSS %.0f MiB, idle CPU %.1f%%, REST %.1f/s, API writes %.2f/s, reads %.2f/s,"
            + " apply->Ready p50 %.2f p99 %.2f s, failure->status p50 %.2f p99 %.2f s",
        connectors,
        clusters,
        coldStartSeconds,
        coldStartCpuSeconds,
        coldStartApiWrites,
        coldStartRestCalls,
        resyncSeconds,
        heapMiB(),
        rssMiB(),
        idleCpuShare * 100,
        restCallsPerSecond,
        apiWritesPerSecond,
        apiReadsPerSecond,
        percentile(applyToReady, 50),
        percentile(applyToReady, 99),
        percentile(failureToStatus, 50),
        percentile(failureToStatus, 99));
  }
}
