package dev.tributary.operator.connectapi.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * {@code GET /tributary/task-load}, served by Tributary's worker extension: the process's CPU load
 * (0 to 1 of its processors) and its tasks' batches, from Connect's task metrics.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkerTaskLoad(Double processCpuLoad, Integer processors, List<Task> tasks) {

  /**
   * One task: the records it moves per second, and its average batch (a sink's {@code put}, a
   * source's {@code poll}) in records and milliseconds; null where Connect has no sample yet. For a
   * sink task, also the share of the last seconds its thread was found working, and the records it
   * read per second over the same seconds; null until the worker has sampled it a while (and from
   * workers older than the samples). For a source task, the records it has polled since it started.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Task(
      String connector,
      int task,
      String type,
      Double recordsPerSecond,
      Double batchSizeAvg,
      Double batchAvgTimeMs,
      Double sampledBusyRatio,
      Double sampledRecordsPerSecond,
      Double recordsTotal) {

    public Task(
        String connector,
        int task,
        String type,
        Double recordsPerSecond,
        Double batchSizeAvg,
        Double batchAvgTimeMs) {
      this(connector, task, type, recordsPerSecond, batchSizeAvg, batchAvgTimeMs, null, null, null);
    }
  }

  public List<Task> tasks() {
    return tasks == null ? List.of() : tasks;
  }
}
