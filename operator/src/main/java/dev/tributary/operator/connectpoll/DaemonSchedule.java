package dev.tributary.operator.connectpoll;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A poller's own thread: a daemon, named after what it polls, running one task at a fixed delay.
 */
public final class DaemonSchedule {

  private DaemonSchedule() {}

  /** Runs {@code task} every {@code interval} (after each run ends) on a new daemon thread. */
  public static ScheduledExecutorService every(Duration interval, String name, Runnable task) {
    ScheduledExecutorService schedule =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, name);
              thread.setDaemon(true);
              return thread;
            });
    schedule.scheduleWithFixedDelay(
        task, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    return schedule;
  }
}
