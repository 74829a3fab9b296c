package dev.tributary.operator.connector;

import dev.tributary.operator.connect.ConnectClients;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poller per Connect cluster, each on its own schedule: a cluster whose REST API hangs delays
 * only its own connectors.
 */
final class ClusterPollers implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterPollers.class);

  /** A cluster: its namespace and KafkaConnect name. */
  record Key(String namespace, String cluster) {}

  private record Running(ClusterPoller poller, ScheduledFuture<?> schedule) {}

  private final ConnectClients clients;
  private final Duration interval;
  private final Consumer<ResourceID> trigger;
  private final ScheduledExecutorService executor;
  private final Map<Key, Running> pollers = new ConcurrentHashMap<>();

  ClusterPollers(ConnectClients clients, Duration interval, Consumer<ResourceID> trigger) {
    this.clients = clients;
    this.interval = interval;
    this.trigger = trigger;
    this.executor =
        Executors.newScheduledThreadPool(
            4,
            runnable -> {
              Thread thread = new Thread(runnable, "connect-poller");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** The poller of a cluster, started on first use or when the cluster's REST URL changed. */
  ClusterPoller forCluster(Key key, String restUrl) {
    Running running =
        pollers.compute(
            key,
            (k, existing) -> {
              if (existing != null
                  && existing.poller().restUrl().equals(clients.forUrl(restUrl).baseUrl())) {
                return existing;
              }
              if (existing != null) {
                existing.schedule().cancel(false);
              }
              var poller =
                  new ClusterPoller(
                      clients.forUrl(restUrl),
                      changed ->
                          changed.forEach(
                              name -> trigger.accept(new ResourceID(name, k.namespace()))));
              ScheduledFuture<?> schedule =
                  executor.scheduleWithFixedDelay(
                      () -> pollQuietly(k, poller),
                      interval.toMillis(),
                      interval.toMillis(),
                      TimeUnit.MILLISECONDS);
              return new Running(poller, schedule);
            });
    return running.poller();
  }

  private static void pollQuietly(Key key, ClusterPoller poller) {
    try {
      poller.poll();
    } catch (RuntimeException e) {
      LOG.warn(
          "polling Connect cluster {}/{} failed: {}", key.namespace(), key.cluster(), e.toString());
    }
  }

  /** Stops polling a cluster no connector refers to any more. */
  void forget(Key key) {
    Running running = pollers.remove(key);
    if (running != null) {
      running.schedule().cancel(false);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
