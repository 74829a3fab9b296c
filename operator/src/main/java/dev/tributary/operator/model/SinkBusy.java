package dev.tributary.operator.model;

import java.util.List;
import java.util.Optional;

/**
 * How busy a sink's tasks are, from Connect's task metrics: the share of each second its tasks
 * spend in {@code put}, and so the records one task could move were it busy all the time (DS2's
 * true rate: records over busy time, not over wall time). Known as soon as the tasks have put a few
 * batches, without waiting for a backlog.
 */
public record SinkBusy(int tasks, double busyRatio, Optional<Double> ratePerTask) {

  /** One task's rate, and its average {@code put}: records and milliseconds. */
  public record Task(double recordsPerSecond, double batchSizeAvg, double batchAvgTimeMs) {}

  /**
   * Below this, a task is too idle for its rate to be projected: a millisecond's error in a short
   * put would be multiplied many times over.
   */
  static final double MIN_BUSY_TO_PROJECT = 0.1;

  public static Optional<SinkBusy> of(List<Task> tasks) {
    double records = 0;
    double busySeconds = 0;
    int measured = 0;
    for (Task task : tasks) {
      if (task.batchSizeAvg() <= 0 || task.recordsPerSecond() < 0 || task.batchAvgTimeMs() < 0) {
        continue;
      }
      double putsPerSecond = task.recordsPerSecond() / task.batchSizeAvg();
      busySeconds += putsPerSecond * task.batchAvgTimeMs() / 1000.0;
      records += task.recordsPerSecond();
      measured++;
    }
    if (measured == 0) {
      return Optional.empty();
    }
    double busy = Math.min(1.0, busySeconds / measured);
    Optional<Double> rate =
        busy >= MIN_BUSY_TO_PROJECT && busySeconds > 0
            ? Optional.of(records / busySeconds)
            : Optional.empty();
    return Optional.of(new SinkBusy(measured, busy, rate));
  }
}
