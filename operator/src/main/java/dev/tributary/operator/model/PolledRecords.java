package dev.tributary.operator.model;

import java.util.HashMap;
import java.util.Map;

/**
 * The records a source's tasks have polled, counted on across their restarts: each task instance
 * counts from 0 where it starts (Connect's {@code source-record-poll-total}), so a count lower than
 * the last one seen is a new instance, all of whose records are new.
 */
public final class PolledRecords {

  private final Map<String, Double> last = new HashMap<>();
  private double total;

  /**
   * The running total after this look's counts, keyed by task instance (its number and worker); a
   * key no longer seen is forgotten.
   */
  public double add(Map<String, Double> counts) {
    for (var entry : counts.entrySet()) {
      double count = entry.getValue();
      Double previous = last.get(entry.getKey());
      total += previous == null || count < previous ? count : count - previous;
    }
    last.keySet().retainAll(counts.keySet());
    last.putAll(counts);
    return total;
  }
}
