package dev.tributary.sandbox.process;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Serves a plugin jar over HTTP, so clusters install it through spec.plugins like any other. */
public final class PluginServer implements AutoCloseable {
  private final HttpServer server;
  private final String sha512;
  private final String path;

  public PluginServer(Path jar) throws Exception {
    byte[] bytes = Files.readAllBytes(jar);
    sha512 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    path = "/" + jar.getFileName();
    server.createContext(
        path,
        exchange -> {
          exchange.sendResponseHeaders(200, bytes.length);
          try (var body = exchange.getResponseBody()) {
            body.write(bytes);
          }
        });
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public String sha512() {
    return sha512;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
