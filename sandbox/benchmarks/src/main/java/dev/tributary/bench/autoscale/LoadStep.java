package dev.tributary.bench.autoscale;

import java.util.List;

/** One way of sizing the cluster through the load step: each second, and what it cost. */
record LoadStep(
    LoadStep.Mode mode,
    List<LoadStep.Second> seconds,
    long produced,
    long lost,
    long duplicates,
    LoadStep.SamplerCost samplerCost) {

  /**
   * What the workers' task-thread sampler had cost at the end of the peak, over all workers: its
   * threads' CPU seconds, the seconds it had run, and the sink task threads it was looking at.
   */
  record SamplerCost(int workers, int sinkTasks, double cpuSeconds, double seconds) {

    /** The share of one core each worker's sampler used. */
    double coreShare() {
      return seconds <= 0 ? 0 : cpuSeconds / seconds;
    }
  }

  /** How the cluster is sized: its starting workers and tasks, and extra spec. */
  record Mode(String name, String label, int replicas, int tasksMax, String extraSpec) {}

  /** One second: the input rate, the lag, the workers asked for and ready, the sink's tasks. */
  record Second(int t, int rate, long lag, int replicas, int readyWorkers, int tasks) {}

  /** Lag within this many seconds of input counts as caught up (commits trail by up to 10 s). */
  static final int TARGET_SECONDS_OF_INPUT = 15;

  int stepAt() {
    return AutoscalingBenchmark.BASE_SECONDS;
  }

  int stepEnd() {
    return AutoscalingBenchmark.BASE_SECONDS + AutoscalingBenchmark.PEAK_SECONDS;
  }

  boolean underTarget(Second s) {
    return s.lag() <= (long) s.rate() * TARGET_SECONDS_OF_INPUT;
  }

  /**
   * Seconds from the step until the lag is back under target for the rest of the peak: the end of
   * its last excursion above target, 0 when it never went above; -1 when it ended the peak above.
   * (Counting the first half minute under target instead would credit the time before a lag has
   * grown past the target.)
   */
  int secondsToCatchUp() {
    int lastAbove = -1;
    boolean aboveAtEnd = false;
    for (Second s : seconds) {
      if (s.t() < stepAt() || s.t() >= stepEnd()) {
        continue;
      }
      aboveAtEnd = !underTarget(s);
      if (aboveAtEnd) {
        lastAbove = s.t();
      }
    }
    if (aboveAtEnd) {
      return -1;
    }
    return lastAbove < 0 ? 0 : lastAbove + 1 - stepAt();
  }

  long peakLag() {
    return seconds.stream().mapToLong(Second::lag).max().orElse(0);
  }

  /** Changes closer than this to the previous one are the same change seen in steps. */
  static final int SAME_CHANGE_SECONDS = 15;

  /**
   * Changes of the workers asked for or of the sink's tasks between {@code from} and {@code to}: a
   * decision that sets both shows in different seconds, as Connect reconfigures the tasks.
   */
  int changes(int from, int to) {
    int changes = 0;
    int lastChange = Integer.MIN_VALUE / 2;
    Second previous = null;
    for (Second s : seconds) {
      if (previous != null
          && s.t() >= from
          && s.t() < to
          && (s.replicas() != previous.replicas() || s.tasks() != previous.tasks())) {
        if (s.t() - lastChange > SAME_CHANGE_SECONDS) {
          changes++;
        }
        lastChange = s.t();
      }
      previous = s;
    }
    return changes;
  }

  /** Every second as CSV, for a second look. */
  String csv() {
    StringBuilder out =
        new StringBuilder("second,input_per_second,lag,workers_asked,workers_ready,tasks\n");
    for (Second s : seconds) {
      out.append(s.t())
          .append(',')
          .append(s.rate())
          .append(',')
          .append(s.lag())
          .append(',')
          .append(s.replicas())
          .append(',')
          .append(s.readyWorkers())
          .append(',')
          .append(s.tasks())
          .append('\n');
    }
    return out.toString();
  }

  /** Changes while the load steps up and for three minutes after it. */
  int changesForTheStep() {
    return changes(stepAt(), Math.min(stepEnd(), stepAt() + 180));
  }

  /** Changes during the rest of the peak, when the load is steady. */
  int changesUnderSteadyLoad() {
    return changes(stepAt() + 180, stepEnd());
  }

  int changesAfterTheStep() {
    return changes(stepEnd(), Integer.MAX_VALUE);
  }

  long workerSeconds() {
    return seconds.stream().mapToLong(Second::readyWorkers).sum();
  }
}
