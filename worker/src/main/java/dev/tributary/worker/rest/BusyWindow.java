package dev.tributary.worker.rest;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * One task's samples over a sliding window: how many of its thread's samples found it working
 * (anywhere but waiting in its consumer's {@code poll}), and the records it had read at each mark.
 * The share of busy samples and the records read are over the same span, so records over busy
 * seconds is the task's true rate even when the span mixes idle and saturated seconds.
 */
final class BusyWindow {

  /** How much of a task's recent past is told. */
  static final long SPAN_NANOS = 10_000_000_000L;

  /** Fewer samples than this in a span say too little. */
  static final int MIN_SAMPLES = 10;

  /** What the window tells: the share of samples busy, records read per second, and its span. */
  record Load(double busyRatio, double recordsPerSecond, double seconds) {}

  private record Mark(long nanos, long busy, long samples, double records) {}

  private final Deque<Mark> marks = new ArrayDeque<>();
  private long busy;
  private long samples;

  void sample(boolean working) {
    samples++;
    if (working) {
      busy++;
    }
  }

  /** Marks the counts so far with the task's records read in total, at {@code nanos}. */
  void mark(long nanos, double recordsRead) {
    if (!marks.isEmpty() && recordsRead < marks.peekLast().records()) {
      // A restarted task counts its records from zero again: so does its window.
      marks.clear();
    }
    marks.addLast(new Mark(nanos, busy, samples, recordsRead));
    while (marks.size() > 2 && marks.peekFirst().nanos() < nanos - SPAN_NANOS) {
      marks.removeFirst();
    }
  }

  /** From the oldest mark within the span to the newest; empty until there is enough of it. */
  Optional<Load> load() {
    if (marks.size() < 2) {
      return Optional.empty();
    }
    Mark first = marks.peekFirst();
    Mark last = marks.peekLast();
    long sampled = last.samples() - first.samples();
    double seconds = (last.nanos() - first.nanos()) / 1e9;
    if (sampled < MIN_SAMPLES || seconds <= 0) {
      return Optional.empty();
    }
    double records = last.records() - first.records();
    return Optional.of(
        new Load((last.busy() - first.busy()) / (double) sampled, records / seconds, seconds));
  }
}
