package dev.tributary.operator.metrics;

import dev.tributary.operator.connectapi.ConnectApi;
import dev.tributary.operator.connectapi.ConnectClients;
import dev.tributary.operator.connectapi.ConnectRestException;
import dev.tributary.operator.connectapi.RestTls;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every Connect REST call timed, per cluster, call and outcome ({@code ok}, {@code http_<code>},
 * {@code unreachable}); a cluster's poll (one expanded connector list) is also its own timer. The
 * cluster comes from the API Service's name, {@code <cluster>-connect-api.<namespace>.svc}.
 */
public final class TimedConnectClients implements ConnectClients {

  static final String REQUESTS = "tributary.connect.rest.requests";
  static final String POLLS = "tributary.connect.poll";
  private static final String POLL_CALL = "connectorsExpanded";

  private final ConnectClients clients;
  private final MeterRegistry registry;

  public TimedConnectClients(ConnectClients clients, MeterRegistry registry) {
    this.clients = clients;
    this.registry = registry;
  }

  @Override
  public void useTls(String baseUrl, RestTls tls) {
    clients.useTls(baseUrl, tls);
  }

  @Override
  public ConnectApi forUrl(String url) {
    return timed(clients.forUrl(url), url);
  }

  @Override
  public ConnectApi forWorker(String clusterUrl, String workerId) {
    return timed(clients.forWorker(clusterUrl, workerId), clusterUrl);
  }

  private ConnectApi timed(ConnectApi api, String url) {
    String[] cluster = clusterOf(url);
    // One lookup per call on the polling path, not a meter id built and registered each time.
    Map<String, Timer> timers = new ConcurrentHashMap<>();
    return (ConnectApi)
        Proxy.newProxyInstance(
            ConnectApi.class.getClassLoader(),
            new Class<?>[] {ConnectApi.class},
            (proxy, method, args) -> {
              if (method.getDeclaringClass() == Object.class
                  || method.getName().equals("baseUrl")) {
                return method.invoke(api, args);
              }
              long start = System.nanoTime();
              String outcome = "ok";
              try {
                return method.invoke(api, args);
              } catch (InvocationTargetException e) {
                outcome = outcome(e.getCause());
                throw e.getCause();
              } finally {
                long took = System.nanoTime() - start;
                timers
                    .computeIfAbsent(
                        method.getName() + "/" + outcome,
                        key ->
                            requestTimer(
                                cluster, method.getName(), key.substring(key.indexOf('/') + 1)))
                    .record(took, TimeUnit.NANOSECONDS);
                if (method.getName().equals(POLL_CALL)) {
                  timers
                      .computeIfAbsent(
                          POLLS + "/" + outcome,
                          key -> pollTimer(cluster, key.substring(key.indexOf('/') + 1)))
                      .record(took, TimeUnit.NANOSECONDS);
                }
              }
            });
  }

  private Timer requestTimer(String[] cluster, String call, String outcome) {
    return Timer.builder(REQUESTS)
        .description("Connect REST calls by cluster, call and outcome")
        .tags("namespace", cluster[0], "cluster", cluster[1], "call", call, "outcome", outcome)
        .register(registry);
  }

  private Timer pollTimer(String[] cluster, String outcome) {
    return Timer.builder(POLLS)
        .description("One poll of a cluster: every connector's status and config")
        .tags("namespace", cluster[0], "cluster", cluster[1], "outcome", outcome)
        .register(registry);
  }

  static String outcome(Throwable failure) {
    if (failure instanceof ConnectRestException rest && rest.status() > 0) {
      return "http_" + rest.status();
    }
    return "unreachable";
  }

  /** The namespace and cluster of a REST URL through the cluster's API Service, or the host. */
  static String[] clusterOf(String url) {
    String host = URI.create(url).getHost();
    if (host != null) {
      String[] parts = host.split("\\.");
      if (parts.length >= 3 && parts[0].endsWith("-connect-api") && parts[2].equals("svc")) {
        return new String[] {
          parts[1], parts[0].substring(0, parts[0].length() - "-connect-api".length())
        };
      }
      // One worker, through the headless Service.
      if (parts.length >= 4 && parts[1].endsWith("-connect-workers") && parts[3].equals("svc")) {
        return new String[] {
          parts[2], parts[1].substring(0, parts[1].length() - "-connect-workers".length())
        };
      }
    }
    return new String[] {"", host == null ? url : host};
  }
}
