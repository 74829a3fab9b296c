package dev.tributary.bench.scale;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A lightweight Connect REST simulator: many clusters' REST APIs in one process on one address,
 * told apart by the {@code Host} header the operator sends ({@code
 * <cluster>-connect-api.<ns>.svc}), so one hosts-file entry per cluster points the operator at it.
 * Latency, failures and the rate at which tasks fail on their own are settings. It runs no
 * connector: its numbers are the operator's cost, never Connect's behaviour.
 */
public final class ConnectSimulator implements AutoCloseable {

  /**
   * @param latency added to every answer
   * @param failureRate share of calls answered 500
   * @param taskFailuresPerSecond tasks that fail on their own per second, over all clusters
   * @param startDelay how long a new connector shows UNASSIGNED
   */
  public record Settings(
      Duration latency, double failureRate, double taskFailuresPerSecond, Duration startDelay) {}

  private static final ObjectMapper JSON =
      new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private final HttpServer http;
  private final ExecutorService handlers;
  private final ScheduledExecutorService changes;
  private final Map<String, SimulatedCluster> clusters = new ConcurrentHashMap<>();
  private final LongAdder calls = new LongAdder();
  private volatile Settings settings;

  private ConnectSimulator(HttpServer http, ExecutorService handlers, Settings settings) {
    this.http = http;
    this.handlers = handlers;
    this.settings = settings;
    this.changes =
        Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "simulated-task-failures"));
    http.createContext("/", this::handle);
    http.setExecutor(handlers);
  }

  /** Serves on {@code address}, with {@code threads} handler threads. */
  public static ConnectSimulator start(InetSocketAddress address, int threads, Settings settings)
      throws IOException {
    var simulator =
        new ConnectSimulator(
            HttpServer.create(address, 1024), Executors.newFixedThreadPool(threads), settings);
    simulator.http.start();
    simulator.changes.scheduleAtFixedRate(
        simulator::failRandomTasks, 1000, 1000, TimeUnit.MILLISECONDS);
    return simulator;
  }

  public void settings(Settings next) {
    this.settings = next;
  }

  /** REST calls answered so far. */
  public long calls() {
    return calls.sum();
  }

  /** Connectors held over every cluster. */
  public int connectors() {
    return clusters.values().stream().mapToInt(SimulatedCluster::connectorCount).sum();
  }

  /** Fails a task of a connector on the cluster at {@code host}. */
  public boolean failTask(String host, String connector, int task) {
    SimulatedCluster cluster = clusters.get(host);
    return cluster != null && cluster.failTask(connector, task);
  }

  private SimulatedCluster cluster(String host) {
    return clusters.computeIfAbsent(
        host, h -> new SimulatedCluster(h, settings.startDelay(), Instant::now));
  }

  private void failRandomTasks() {
    double rate = settings.taskFailuresPerSecond();
    List<SimulatedCluster> all = new ArrayList<>(clusters.values());
    var random = ThreadLocalRandom.current();
    int count = (int) rate + (random.nextDouble() < rate - (int) rate ? 1 : 0);
    for (int i = 0; i < count && !all.isEmpty(); i++) {
      SimulatedCluster cluster = all.get(random.nextInt(all.size()));
      List<String> names = cluster.connectorNames();
      if (!names.isEmpty()) {
        cluster.failTask(names.get(random.nextInt(names.size())), 0);
      }
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    calls.increment();
    try (exchange) {
      Settings now = settings;
      if (!now.latency().isZero()) {
        Thread.sleep(now.latency().toMillis());
      }
      if (now.failureRate() > 0 && ThreadLocalRandom.current().nextDouble() < now.failureRate()) {
        respond(exchange, 500, Map.of("error_code", 500, "message", "simulated failure"));
        return;
      }
      String host = exchange.getRequestHeaders().getFirst("Host");
      host = host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
      if (!host.contains("-connect-api.")) {
        respond(exchange, 404, Map.of("error_code", 404, "message", "not a cluster: " + host));
        return;
      }
      byte[] bytes = exchange.getRequestBody().readAllBytes();
      Map<String, ?> body =
          bytes.length == 0 ? Map.of() : JSON.readValue(bytes, new TypeReference<>() {});
      String path = exchange.getRequestURI().getRawPath().replaceAll("^/+|/+$", "");
      List<String> decoded = new ArrayList<>();
      for (String part : path.split("/")) {
        decoded.add(URLDecoder.decode(part, StandardCharsets.UTF_8));
      }
      var answer =
          cluster(host)
              .answer(
                  exchange.getRequestMethod(),
                  String.join("/", decoded),
                  query(exchange.getRequestURI().getRawQuery()),
                  body);
      respond(exchange, answer.status(), answer.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      respond(exchange, 500, Map.of("error_code", 500, "message", e.toString()));
    }
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> query = new HashMap<>();
    if (raw == null) {
      return query;
    }
    for (String pair : raw.split("&")) {
      String[] kv = pair.split("=", 2);
      query
          .computeIfAbsent(kv[0], k -> new ArrayList<>())
          .add(kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
    }
    return query;
  }

  private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
    if (body == null) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    changes.shutdownNow();
    http.stop(0);
    handlers.shutdownNow();
  }
}
