package dev.tributary.operator.model;

import java.util.List;
import java.util.Optional;

/**
 * How busy a sink's tasks are: the share of each second its tasks spend working rather than waiting
 * for records, and so the records one task could move were it busy all the time (DS2's true rate:
 * records over busy time, not over wall time). Known as soon as the tasks have worked a few
 * seconds, without waiting for a backlog.
 */
public record SinkBusy(int tasks, double busyRatio, Optional<Double> ratePerTask) {

  /** One task: the records it moves per second, and the share of each second it works. */
  public record Task(double recordsPerSecond, double busyRatio) {

    /**
     * From the worker's samples of the task's thread over the last seconds: everything but waiting
     * in its consumer's {@code poll} (converters, transforms, {@code put}, commits) is work.
     */
    public static Task sampled(double busyRatio, double recordsPerSecond) {
      return new Task(recordsPerSecond, busyRatio);
    }

    /**
     * From Connect's {@code put} metrics alone, averaged over its metrics window: a worker without
     * samples yet (one of an older version, during an upgrade). Blind to the time outside {@code
     * put}, so it over-promises where that time is not small.
     */
    public static Optional<Task> fromPut(
        double recordsPerSecond, double batchSizeAvg, double batchAvgTimeMs) {
      if (batchSizeAvg <= 0 || recordsPerSecond < 0 || batchAvgTimeMs < 0) {
        return Optional.empty();
      }
      double putsPerSecond = recordsPerSecond / batchSizeAvg;
      return Optional.of(new Task(recordsPerSecond, putsPerSecond * batchAvgTimeMs / 1000.0));
    }
  }

  /**
   * Below this, tasks are too idle for their rate to be projected. Their batches are small, and a
   * record in a small batch costs more than one in the full batches of a loaded task (in the
   * benchmark, tasks busy 15% projected 62/s; loaded, they moved 103/s): a rate from idle tasks
   * would size a cluster well above what its load needs.
   */
  static final double MIN_BUSY_TO_PROJECT = 0.3;

  public static Optional<SinkBusy> of(List<Task> tasks) {
    double records = 0;
    double busySeconds = 0;
    int measured = 0;
    for (Task task : tasks) {
      if (task.recordsPerSecond() < 0 || !(task.busyRatio() >= 0)) {
        continue;
      }
      busySeconds += Math.min(1.0, task.busyRatio());
      records += task.recordsPerSecond();
      measured++;
    }
    if (measured == 0) {
      return Optional.empty();
    }
    double busy = busySeconds / measured;
    Optional<Double> rate =
        busy >= MIN_BUSY_TO_PROJECT && records > 0
            ? Optional.of(records / busySeconds)
            : Optional.empty();
    return Optional.of(new SinkBusy(measured, busy, rate));
  }
}
