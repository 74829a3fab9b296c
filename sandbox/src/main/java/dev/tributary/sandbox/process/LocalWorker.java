package dev.tributary.sandbox.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A Connect worker process started from the {@code worker/} distribution. */
public final class LocalWorker implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final ManagedProcess process;
  private final URI restUrl;

  private LocalWorker(ManagedProcess process, URI restUrl) {
    this.process = process;
    this.restUrl = restUrl;
  }

  /** Worker properties for one member of a distributed group on loopback. */
  public static Map<String, String> distributedProperties(
      String bootstrapServers, String groupId, String host, int restPort) {
    var props = new TreeMap<String, String>();
    props.put("bootstrap.servers", bootstrapServers);
    props.put("group.id", groupId);
    props.put("config.storage.topic", groupId + "-configs");
    props.put("offset.storage.topic", groupId + "-offsets");
    props.put("status.storage.topic", groupId + "-status");
    props.put("config.storage.replication.factor", "1");
    props.put("offset.storage.replication.factor", "1");
    props.put("status.storage.replication.factor", "1");
    props.put("offset.flush.interval.ms", "1000");
    props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    props.put("listeners", "http://" + host + ":" + restPort);
    props.put("rest.advertised.host.name", host);
    props.put("rest.advertised.port", String.valueOf(restPort));
    return props;
  }

  /** Starts {@code bin/tributary-worker <mode> <worker.properties> [connector files]}. */
  public static LocalWorker start(
      Path workerHome,
      Path workDir,
      String mode,
      Map<String, String> workerProperties,
      List<Path> connectorFiles,
      Map<String, String> environment)
      throws IOException {
    Path propertiesFile = workDir.resolve("worker.properties");
    java.nio.file.Files.createDirectories(workDir);
    KafkaBroker.writeProperties(propertiesFile, workerProperties);
    List<String> command = new ArrayList<>();
    command.add(workerHome.resolve("bin/tributary-worker").toString());
    command.add(mode);
    command.add(propertiesFile.toString());
    connectorFiles.forEach(file -> command.add(file.toString()));
    Map<String, String> env = new HashMap<>();
    env.put("TRIBUTARY_HEAP_OPTS", "-Xms64m -Xmx384m");
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("JAVA_OPTS", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1");
    env.putAll(environment);
    var process = ManagedProcess.start("worker", command, env, workDir.resolve("worker.log"));
    String listener = workerProperties.getOrDefault("listeners", "http://127.0.0.1:8083");
    return new LocalWorker(process, URI.create(listener.split(",")[0].trim() + "/"));
  }

  /** Wraps a Connect process started some other way, to wait for it and stop it. */
  public static LocalWorker attach(ManagedProcess process, URI restUrl) {
    return new LocalWorker(process, restUrl);
  }

  /** Waits until Connect's {@code GET /health} answers 200. */
  public LocalWorker awaitHealthy(Duration timeout) throws IOException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException("worker exited during start-up; see " + process.log());
      }
      if (healthStatus() == 200) {
        return this;
      }
      sleep(Duration.ofMillis(200));
    }
    throw new IOException("worker not healthy after " + timeout + "; see " + process.log());
  }

  /** The HTTP status of {@code GET /health}, or -1 when nothing answers. */
  public int healthStatus() {
    return healthStatus(Duration.ofSeconds(2));
  }

  /** The HTTP status of {@code GET /health}, or -1 when nothing answers within {@code timeout}. */
  public int healthStatus(Duration timeout) {
    try {
      var request = HttpRequest.newBuilder(restUrl.resolve("health")).timeout(timeout).build();
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public URI restUrl() {
    return restUrl;
  }

  public ManagedProcess process() {
    return process;
  }

  /** Graceful stop: Connect commits offsets and leaves its group. */
  public void stop() {
    process.stop(Duration.ofSeconds(40));
  }

  /** SIGKILL: the worker vanishes without leaving its group. */
  public void kill() {
    process.kill();
  }

  @Override
  public void close() {
    stop();
  }
}
