package dev.tributary.operator.model;

import java.time.Duration;
import java.time.Instant;

/**
 * A sink connector's load over one window, from two samples of its topics' end offsets and its
 * consumer group's committed offsets. Connect commits a sink's offsets only every {@code
 * offset.flush.interval.ms}, so the committed offsets trail by up to one interval even when the
 * tasks keep up: the window should span whole intervals, and lag within one interval of input is
 * not a backlog. A source with a backlog to read is measured the same way (its records polled are
 * its committed offsets, those plus its backlog its end offsets) with no trail: its count is live.
 * {@code trail} is how far the committed offsets may trail (null: the plan's flush interval), and
 * {@code partitions} 0 when not known.
 */
public record SinkLoad(
    String connector,
    int tasks,
    int partitions,
    long lag,
    double inPerSecond,
    double outPerSecond,
    boolean backlogged,
    Duration trail) {

  public SinkLoad(
      String connector,
      int tasks,
      int partitions,
      long lag,
      double inPerSecond,
      double outPerSecond,
      boolean backlogged) {
    this(connector, tasks, partitions, lag, inPerSecond, outPerSecond, backlogged, null);
  }

  /** One look at a sink's topics and consumer group. */
  public record Sample(Instant at, int partitions, long endOffsets, long committedOffsets) {
    public long lag() {
      return Math.max(0, endOffsets - committedOffsets);
    }
  }

  /** Fewer records than this behind is never a backlog. */
  static final long MIN_BACKLOG = 100;

  /**
   * The load between two samples of a sink running {@code tasks} tasks whose offsets are committed
   * every {@code flushInterval}.
   */
  public static SinkLoad between(
      String connector, int tasks, Sample older, Sample newer, Duration flushInterval) {
    return between(connector, tasks, older, older, newer, flushInterval);
  }

  /**
   * As above, with the input rate from {@code recent} on: end offsets are exact at every sample, so
   * a change of the input shows at once, while the committed offsets need whole intervals.
   */
  public static SinkLoad between(
      String connector,
      int tasks,
      Sample older,
      Sample recent,
      Sample newer,
      Duration flushInterval) {
    double seconds = Duration.between(older.at(), newer.at()).toMillis() / 1000.0;
    double recentSeconds = Duration.between(recent.at(), newer.at()).toMillis() / 1000.0;
    double in =
        recentSeconds <= 0
            ? 0
            : Math.max(0, newer.endOffsets() - recent.endOffsets()) / recentSeconds;
    double out =
        seconds <= 0
            ? 0
            : Math.max(0, newer.committedOffsets() - older.committedOffsets()) / seconds;
    double trailing = in * trailSeconds(flushInterval);
    // Behind at both ends by clearly more than the commits' trail (at most one interval of input):
    // the tasks had work the whole window.
    long floor = Math.round(trailing + Math.max(MIN_BACKLOG, trailing / 2));
    boolean backlogged = older.lag() > floor && newer.lag() > floor;
    return new SinkLoad(
        connector, tasks, newer.partitions(), newer.lag(), in, out, backlogged, flushInterval);
  }

  /** Whether the backlog is read live, with no commits to trail: a source's. */
  public boolean liveBacklog() {
    return trail != null && trail.isZero();
  }

  /** Records per second one task moved: its true rate when the window was backlogged. */
  public double outPerTask() {
    return tasks <= 0 ? 0 : outPerSecond / tasks;
  }

  /** Lag beyond what trails the commits when the tasks keep up. */
  public long backlog(Duration flushInterval) {
    Duration trailing = trail == null ? flushInterval : trail;
    return Math.max(0, lag - Math.round(inPerSecond * trailSeconds(trailing)));
  }

  /**
   * How many seconds of input a keeping-up connector may be behind: a sink's commit interval; a
   * second at least, which is what a source's consumer is behind between two fetches at a high rate
   * (its records-lag is never 0 while records arrive).
   */
  static double trailSeconds(Duration trail) {
    return Math.max(1.0, trail.toMillis() / 1000.0);
  }
}
