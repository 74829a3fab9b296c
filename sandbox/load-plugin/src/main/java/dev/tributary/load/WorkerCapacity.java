package dev.tributary.load;

/**
 * What one worker process can write, shared by all its arrival-sink tasks, as a worker's CPU or
 * network would be: each batch reserves its share of the worker's time, one after the other.
 * Connect loads a plugin once per worker, so the reservation is per worker.
 */
final class WorkerCapacity {

  private static long nextFreeNanos = System.nanoTime();

  private WorkerCapacity() {}

  /** Reserves the time {@code records} take at {@code perSecond}; the nanoseconds to wait. */
  static synchronized long reserve(int records, int perSecond) {
    long now = System.nanoTime();
    long start = Math.max(now, nextFreeNanos);
    nextFreeNanos = start + records * 1_000_000_000L / perSecond;
    return nextFreeNanos - now;
  }
}
