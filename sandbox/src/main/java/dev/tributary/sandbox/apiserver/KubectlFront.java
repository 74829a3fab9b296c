package dev.tributary.sandbox.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The address kubectl talks to. It forwards every request to the API stand-in, except a watch asked
 * for over plain HTTP ({@code kubectl get -w}, {@code kubectl delete} waiting for a finalizer):
 * fabric8's mock serves watches only over WebSocket and answers a plain request with its whole body
 * at once, so the front opens the WebSocket watch itself and streams its events as an API server
 * does, one JSON object per line, as Tables when kubectl asks for them.
 */
public final class KubectlFront implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Headers the JDK's HTTP client sets itself, or that describe one hop only. */
  private static final Set<String> HOP_HEADERS =
      Set.of(
          "connection",
          "content-length",
          "expect",
          "host",
          "keep-alive",
          "transfer-encoding",
          "upgrade");

  /** What the collector queues when the stand-in closes the watch: no event is empty. */
  private static final String END = "";

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final HttpClient backend = HttpClient.newHttpClient();
  private final URI standIn;
  private final Tables tables;

  private KubectlFront(HttpServer server, URI standIn, Tables tables) {
    this.server = server;
    this.standIn = standIn;
    this.tables = tables;
  }

  /** A front for the stand-in at {@code standIn}, listening on a free loopback port. */
  static KubectlFront start(URI standIn, Tables tables) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    KubectlFront front = new KubectlFront(server, standIn, tables);
    server.createContext("/", front::handle);
    server.setExecutor(front.threads);
    server.start();
    return front;
  }

  /** Where kubectl should send its requests. */
  public String url() {
    return "http://"
        + server.getAddress().getAddress().getHostAddress()
        + ":"
        + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (isPlainWatch(exchange)) {
        streamWatch(exchange);
      } else {
        forward(exchange);
      }
    } catch (IOException e) {
      // kubectl went away: nothing to answer
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  static boolean isPlainWatch(String method, String query, String upgrade) {
    return method.equals("GET")
        && upgrade == null
        && query != null
        && (("&" + query + "&").contains("&watch=true&")
            || ("&" + query + "&").contains("&watch=1&"));
  }

  private static boolean isPlainWatch(HttpExchange exchange) {
    return isPlainWatch(
        exchange.getRequestMethod(),
        exchange.getRequestURI().getRawQuery(),
        exchange.getRequestHeaders().getFirst("Upgrade"));
  }

  private void forward(HttpExchange exchange) throws IOException, InterruptedException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(standIn.resolve(exchange.getRequestURI().toString()))
            .method(
                exchange.getRequestMethod(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
              }
            });
    HttpResponse<byte[]> answer =
        backend.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    answer
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
              }
            });
    byte[] bytes = answer.body();
    exchange.sendResponseHeaders(answer.statusCode(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
  }

  /**
   * Streams the stand-in's WebSocket watch as HTTP chunks until kubectl hangs up, the stand-in
   * closes the watch, or {@code timeoutSeconds} pass.
   */
  private void streamWatch(HttpExchange exchange) throws Exception {
    URI uri = exchange.getRequestURI();
    Query query = Query.of(uri.getRawQuery());
    boolean table = Tables.wantsTable(exchange.getRequestHeaders().getFirst("Accept"));
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    URI socket = URI.create(standIn.toString().replaceFirst("^http", "ws")).resolve(uri.toString());
    WebSocket watch;
    try {
      watch =
          backend
              .newWebSocketBuilder()
              .buildAsync(socket, new Collector(events))
              .orTimeout(10, TimeUnit.SECONDS)
              .join();
    } catch (java.util.concurrent.CompletionException refused) {
      forward(exchange); // the stand-in's own answer: a 404 for an unknown kind, say
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    Instant deadline = Instant.now().plusSeconds(query.timeoutSeconds());
    try {
      while (Instant.now().isBefore(deadline)) {
        String event = events.poll(1, TimeUnit.SECONDS);
        if (event == null) {
          continue;
        }
        if (event.equals(END)) {
          break;
        }
        String line = line(event, query.resourceVersion(), table, tables, uri.getPath());
        if (line != null) {
          out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
      }
    } finally {
      watch.abort();
    }
  }

  /**
   * One watch event as the API server would send it, or null to skip it: the mock re-sends every
   * existing object as ADDED, where an API server sends only what changed after the version the
   * client listed.
   */
  static String line(String event, long sinceVersion, boolean table, Tables tables, String path)
      throws Exception {
    ObjectNode parsed = (ObjectNode) JSON.readTree(event);
    JsonNode object = parsed.path("object");
    long version = object.at("/metadata/resourceVersion").asLong(Long.MAX_VALUE);
    if ("ADDED".equals(parsed.path("type").asText()) && version <= sinceVersion) {
      return null;
    }
    if (table && object.isObject()) {
      ObjectNode list = JSON.createObjectNode();
      list.put("kind", object.path("kind").asText() + "List");
      list.putArray("items").add(object);
      String rendered = tables.table(path, JSON.writeValueAsString(list), Instant.now());
      if (rendered != null) {
        parsed.set("object", JSON.readTree(rendered));
      }
    }
    return JSON.writeValueAsString(parsed);
  }

  /** The query parameters of a watch that change what the front sends. */
  record Query(long resourceVersion, long timeoutSeconds) {
    static Query of(String rawQuery) {
      long version = 0;
      long timeout = Duration.ofDays(1).toSeconds();
      for (String pair : rawQuery.split("&")) {
        String[] kv = pair.split("=", 2);
        if (kv.length == 2 && kv[0].equals("resourceVersion") && kv[1].matches("\\d+")) {
          version = Long.parseLong(kv[1]);
        } else if (kv.length == 2 && kv[0].equals("timeoutSeconds") && kv[1].matches("\\d+")) {
          timeout = Long.parseLong(kv[1]);
        }
      }
      return new Query(version, timeout);
    }
  }

  /** Gathers the WebSocket's text frames into whole messages; {@link #END} when it closes. */
  private record Collector(BlockingQueue<String> events, StringBuilder partial)
      implements WebSocket.Listener {
    Collector(BlockingQueue<String> events) {
      this(events, new StringBuilder());
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        events.add(partial.toString());
        partial.setLength(0);
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
      events.add(END);
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      events.add(END);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
