package dev.tributary.sandbox.process;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the benchmark's sink wrote, and what it says about one time window: per source task, the
 * longest time without a new record arriving, the records lost and the records delivered twice.
 */
public final class Arrivals {

  /** One line of the sink's file: {@code "<task> <seq> <emitMillis> <arrivalMillis>"}. */
  public record Arrival(int task, long seq, long emitted, long arrived) {
    static Arrival parse(String line) {
      String[] parts = line.trim().split(" ");
      return new Arrival(
          Integer.parseInt(parts[0]),
          Long.parseLong(parts[1]),
          Long.parseLong(parts[2]),
          Long.parseLong(parts[3]));
    }
  }

  /**
   * @param longestGapMillis longest time in the window with no new sequence number arriving
   * @param longestEmitGapMillis longest time in the window between two emits, the source side alone
   * @param lost sequence numbers never delivered, after one emitted in the window
   * @param duplicates deliveries in the window of a sequence number already delivered
   * @param reemitted those of the duplicates the source emitted again (a later emit time); the rest
   *     are the same record delivered again by the sink (after its consumer's offsets)
   */
  public record TaskResult(
      int task,
      long longestGapMillis,
      long longestEmitGapMillis,
      long lost,
      long duplicates,
      long reemitted) {}

  /** A stretch of time (epoch millis) in which nothing arrived; its edges are the arrivals. */
  public record Gap(long start, long end) {
    public long millis() {
      return end - start;
    }
  }

  private final List<Arrival> arrivals;

  private Arrivals(List<Arrival> arrivals) {
    this.arrivals = arrivals;
  }

  /** Parses the sink's lines; a torn last line (still being written) is skipped. */
  public static Arrivals parse(List<String> lines) {
    List<Arrival> parsed = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      try {
        parsed.add(Arrival.parse(line));
      } catch (RuntimeException torn) {
        // A line half-written at the moment of reading; it is complete in the next read.
      }
    }
    return new Arrivals(parsed);
  }

  /** The per-task result for {@code [from, to]} (epoch millis), tasks in order. */
  public List<TaskResult> window(long from, long to) {
    Map<Integer, Map<Long, Arrival>> firstBySeq = new TreeMap<>();
    Map<Integer, Long> duplicates = new HashMap<>();
    Map<Integer, Long> reemitted = new HashMap<>();
    Set<String> seen = new HashSet<>();
    for (Arrival a : arrivals) {
      firstBySeq.computeIfAbsent(a.task(), t -> new TreeMap<>());
      boolean first = seen.add(a.task() + "/" + a.seq());
      if (first) {
        firstBySeq.get(a.task()).put(a.seq(), a);
      } else if (a.arrived() >= from && a.arrived() <= to) {
        duplicates.merge(a.task(), 1L, Long::sum);
        if (firstBySeq.get(a.task()).get(a.seq()).emitted() != a.emitted()) {
          reemitted.merge(a.task(), 1L, Long::sum);
        }
      }
    }
    List<TaskResult> results = new ArrayList<>();
    firstBySeq.forEach(
        (task, bySeq) -> {
          List<Long> arrivedTimes = new ArrayList<>();
          List<Long> emittedTimes = new ArrayList<>();
          long lost = 0;
          Long previousSeq = null;
          Arrival previous = null;
          for (Arrival a : bySeq.values()) {
            if (previous != null && previous.emitted() >= from && previous.emitted() <= to) {
              lost += a.seq() - previousSeq - 1;
            }
            if (a.arrived() >= from && a.arrived() <= to) {
              arrivedTimes.add(a.arrived());
            }
            if (a.emitted() >= from && a.emitted() <= to) {
              emittedTimes.add(a.emitted());
            }
            previousSeq = a.seq();
            previous = a;
          }
          arrivedTimes.sort(Long::compare);
          results.add(
              new TaskResult(
                  task,
                  longestGap(arrivedTimes, from, to).millis(),
                  longestGap(emittedTimes, from, to).millis(),
                  lost,
                  duplicates.getOrDefault(task, 0L),
                  reemitted.getOrDefault(task, 0L)));
        });
    return results;
  }

  /**
   * When {@code task}'s longest stall in {@code [from, to]} began and ended: the arrival of the
   * last new record before it and of the first one after it.
   */
  public Gap longestStall(int task, long from, long to) {
    Set<Long> seen = new HashSet<>();
    List<Long> arrivedTimes = new ArrayList<>();
    for (Arrival a : arrivals) {
      if (a.task() == task && seen.add(a.seq()) && a.arrived() >= from && a.arrived() <= to) {
        arrivedTimes.add(a.arrived());
      }
    }
    arrivedTimes.sort(Long::compare);
    return longestGap(arrivedTimes, from, to);
  }

  /** The longest stretch of {@code [from, to]} without an event, edges included. */
  static Gap longestGap(List<Long> sortedTimes, long from, long to) {
    Gap longest = new Gap(from, from);
    long last = from;
    for (long time : sortedTimes) {
      if (time - last > longest.millis()) {
        longest = new Gap(last, time);
      }
      last = time;
    }
    return to - last > longest.millis() ? new Gap(last, to) : longest;
  }

  /**
   * Records that arrived in each whole second of {@code [from, to)} (epoch millis), every task
   * together, first deliveries only: what the pipeline delivered, second by second.
   */
  public int[] perSecond(long from, long to) {
    // Whole seconds only: a last, partial second would read as a drop in the flow.
    int[] counts = new int[(int) Math.max(0, (to - from) / 1000)];
    Set<String> seen = new HashSet<>();
    for (Arrival a : arrivals) {
      boolean first = seen.add(a.task() + "/" + a.seq());
      if (first && a.arrived() >= from && a.arrived() < from + counts.length * 1000L) {
        counts[(int) ((a.arrived() - from) / 1000)]++;
      }
    }
    return counts;
  }

  public int size() {
    return arrivals.size();
  }
}
