package dev.tributary.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The few Connect REST calls the worker tests make. */
final class ConnectRest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ConnectRest() {}

  /** {@code PUT /connectors/{name}/config}: create or update; retried while a rebalance runs. */
  static void putConnector(URI worker, String name, Map<String, String> config) throws Exception {
    var request =
        HttpRequest.newBuilder(worker.resolve("connectors/" + name + "/config"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config)))
            .build();
    for (int attempt = 1; ; attempt++) {
      var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 == 2) {
        return;
      }
      if (response.statusCode() != 409 || attempt == 20) {
        throw new IOException(
            "PUT connector " + name + ": HTTP " + response.statusCode() + " " + response.body());
      }
      Thread.sleep(500);
    }
  }

  static JsonNode get(URI worker, String path) throws IOException, InterruptedException {
    var request =
        HttpRequest.newBuilder(worker.resolve(path)).timeout(Duration.ofSeconds(10)).build();
    var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(
          "GET " + path + ": HTTP " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body());
  }
}
