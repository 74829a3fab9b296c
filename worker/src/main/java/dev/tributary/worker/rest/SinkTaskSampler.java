package dev.tributary.worker.rest;

import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Looks at every sink task's thread ten times a second: is it waiting in its consumer's {@code
 * poll}, or working (converting, transforming, in {@code put}, committing)? Connect's task metrics
 * time only {@code put}, and average per batch over a window of up to a minute; these samples are
 * time-weighted over the last {@link BusyWindow#SPAN_NANOS 10 s} and count all of a task's work,
 * which is what its true rate must be measured against (DS2's useful time).
 */
final class SinkTaskSampler implements AutoCloseable {

  static final long TICK_MILLIS = 100;

  private static final int TICKS_PER_MARK = 10;

  /** Deep enough to reach the consumer's {@code poll} from wherever it waits for records. */
  private static final int STACK_DEPTH = 48;

  /** How Connect names a task's thread: this, then the task's id ({@code connector-task}). */
  static final String TASK_THREAD_PREFIX = "task-thread-";

  private static final String CONSUMER = "org.apache.kafka.clients.consumer.KafkaConsumer";

  private final MBeanServer server;
  private final ThreadMXBean threads;
  private final Map<String, BusyWindow> windows = new HashMap<>();
  private Map<String, Long> threadIds = Map.of();
  private long ticks;
  private ScheduledExecutorService timer;
  private long startedNanos;
  private volatile long cpuNanos = -1;

  SinkTaskSampler(MBeanServer server, ThreadMXBean threads) {
    this.server = server;
    this.threads = threads;
  }

  /** Samples on a daemon thread of its own until closed. */
  synchronized SinkTaskSampler start() {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "tributary-task-sampler");
              thread.setDaemon(true);
              return thread;
            });
    startedNanos = System.nanoTime();
    timer.scheduleAtFixedRate(this::tickQuietly, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    return this;
  }

  /**
   * What the sampling has cost: its thread's CPU seconds and the seconds since it started; empty
   * where the JVM does not measure a thread's CPU time.
   */
  Optional<double[]> cost() {
    long cpu = cpuNanos;
    if (cpu < 0) {
      return Optional.empty();
    }
    return Optional.of(new double[] {cpu / 1e9, (System.nanoTime() - startedNanos) / 1e9});
  }

  /** What the samples tell of one sink task, once it has run a while. */
  synchronized Optional<BusyWindow.Load> load(String connector, int task) {
    BusyWindow window = windows.get(connector + "/" + task);
    return window == null ? Optional.empty() : window.load();
  }

  private void tickQuietly() {
    try {
      tick();
    } catch (RuntimeException e) {
      // A failed look loses one sample; the timer must go on.
    }
    if (threads.isCurrentThreadCpuTimeSupported()) {
      cpuNanos = threads.getCurrentThreadCpuTime();
    }
  }

  synchronized void tick() {
    if (ticks++ % TICKS_PER_MARK == 0) {
      mark();
    }
    if (threadIds.isEmpty()) {
      return;
    }
    String[] keys = threadIds.keySet().toArray(String[]::new);
    long[] ids = new long[keys.length];
    for (int i = 0; i < keys.length; i++) {
      ids[i] = threadIds.get(keys[i]);
    }
    ThreadInfo[] infos = threads.getThreadInfo(ids, STACK_DEPTH);
    for (int i = 0; i < keys.length; i++) {
      if (infos[i] != null) {
        windows.get(keys[i]).sample(!waitingForRecords(infos[i]));
      }
    }
  }

  /** Marks every sink task's window with its records read so far, and finds its thread. */
  private void mark() {
    Map<String, Double> recordsRead = new HashMap<>();
    for (ObjectName name : sinkTasks()) {
      Object total = attribute(name, "sink-record-read-total");
      if (total instanceof Number number && Double.isFinite(number.doubleValue())) {
        recordsRead.put(TaskLoadReport.key(name), number.doubleValue());
      }
    }
    windows.keySet().retainAll(recordsRead.keySet());
    long now = System.nanoTime();
    recordsRead.forEach(
        (key, total) -> windows.computeIfAbsent(key, k -> new BusyWindow()).mark(now, total));
    threadIds = threadIds(recordsRead.keySet());
  }

  /** The live thread of each task, by the name Connect gives it. */
  private Map<String, Long> threadIds(Iterable<String> keys) {
    Map<String, String> byName = new HashMap<>();
    for (String key : keys) {
      int slash = key.lastIndexOf('/');
      byName.put(
          TASK_THREAD_PREFIX + key.substring(0, slash) + "-" + key.substring(slash + 1), key);
    }
    Map<String, Long> ids = new HashMap<>();
    if (byName.isEmpty()) {
      return ids;
    }
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && byName.containsKey(info.getThreadName())) {
        ids.put(byName.get(info.getThreadName()), info.getThreadId());
      }
    }
    return ids;
  }

  /** In its consumer's {@code poll}: waiting for records, or handed those already fetched. */
  static boolean waitingForRecords(ThreadInfo info) {
    for (StackTraceElement frame : info.getStackTrace()) {
      if (CONSUMER.equals(frame.getClassName()) && "poll".equals(frame.getMethodName())) {
        return true;
      }
    }
    return false;
  }

  private Iterable<ObjectName> sinkTasks() {
    try {
      return server.queryNames(new ObjectName("kafka.connect:type=sink-task-metrics,*"), null);
    } catch (JMException e) {
      throw new IllegalStateException(e);
    }
  }

  private Object attribute(ObjectName name, String attribute) {
    try {
      return server.getAttribute(name, attribute);
    } catch (JMException e) {
      return null;
    }
  }

  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
