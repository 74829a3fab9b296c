package dev.tributary.sandbox.process;

import dev.tributary.operator.resttls.CertificateAuthority;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.commons.io.FileUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node KRaft Kafka (broker and controller in one JVM) on loopback, formatted fresh.
 */
public final class KafkaBroker implements AutoCloseable {

  /** The SCRAM-SHA-512 user the secured listener knows. */
  public static final String SCRAM_USER = "connect";

  /**
   * What a client needs for the secured listener: its address, the CA that signed the broker's
   * certificate (PEM), and the SCRAM user's password (made fresh for each broker).
   */
  public record Secured(
      String bootstrapServers,
      String caPem,
      String scramPassword,
      String mutualTlsBootstrapServers,
      CertificateAuthority.Issued clientCertificate,
      String oauthBootstrapServers,
      TokenEndpoint tokenEndpoint) {}

  /** The client certificate's common name: the user the mutual-TLS listener sees. */
  public static final String TLS_USER = "connect-tls";

  private volatile ManagedProcess process;
  private final String bootstrapServers;
  private Secured secured;
  private List<String> command;
  private Path log;

  private KafkaBroker(ManagedProcess process, String bootstrapServers) {
    this.process = process;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Formats a new log directory under {@code dir} and starts the broker with the jars of {@code
   * classpath}; returns once it answers an admin request.
   */
  public static KafkaBroker start(Path dir, String classpath) throws IOException {
    return start(
        dir,
        classpath,
        "127.0.0.1",
        new Listeners(Ports.free(), Ports.free(), Ports.free(), Ports.free(), 0),
        List.of());
  }

  /**
   * The client ports: plaintext, SASL_SSL with SCRAM-SHA-512, mutual TLS, SASL_SSL with
   * OAUTHBEARER, and the OAuth token endpoint's (0: any free one).
   */
  public record Listeners(int plain, int scram, int mutualTls, int oauth, int tokenEndpoint) {}

  /**
   * As above, with a plaintext listener on {@code host:port}, a SASL_SSL one (SCRAM-SHA-512, {@link
   * #SCRAM_USER}) on {@code host:securePort} and a mutual-TLS one (client certificates of the same
   * CA) on {@code host:tlsPort}, whose certificate names {@code dnsNames} and {@code host}.
   */
  public static KafkaBroker start(
      Path dir, String classpath, String host, Listeners ports, List<String> dnsNames)
      throws IOException {
    int controllerPort = Ports.free();
    FileUtils.deleteDirectory(dir.resolve("data").toFile());
    Files.createDirectories(dir);
    Instant now = Instant.now();
    Duration year = Duration.ofDays(365);
    var ca = CertificateAuthority.create("tributary-sandbox-kafka-ca", now, year);
    List<String> names = new ArrayList<>(dnsNames);
    names.add("localhost");
    Path keystore = dir.resolve("broker.pem");
    Files.writeString(
        keystore,
        ca.issue("kafka", names, List.of(host, "127.0.0.1"), now, year).keyAndCertificate());
    String password = "scram-" + Uuid.randomUuid().toString().replace("-", "");
    Path config = dir.resolve("server.properties");
    var props = serverProperties(dir.resolve("data"), host, ports.plain(), controllerPort);
    Path truststore = dir.resolve("ca.crt");
    Files.writeString(truststore, ca.certificatePem());
    TokenEndpoint tokens = TokenEndpoint.start(host, ports.tokenEndpoint());
    props.putAll(securedListeners(host, ports, controllerPort, keystore, truststore));
    props.put("sasl.oauthbearer.jwks.endpoint.url", tokens.jwksUrl());
    writeProperties(config, props);

    List<String> format =
        javaCommand(
            classpath,
            "kafka.tools.StorageTool",
            "format",
            "-t",
            Uuid.randomUuid().toString(),
            "-c",
            config.toString(),
            "--ignore-formatted",
            "--add-scram",
            "SCRAM-SHA-512=[name=" + SCRAM_USER + ",password=" + password + "]");
    var formatter =
        ManagedProcess.start("kafka-format", format, Map.of(), dir.resolve("format.log"));
    try {
      if (!formatter.process().waitFor(60, TimeUnit.SECONDS)
          || formatter.process().exitValue() != 0) {
        formatter.kill();
        throw new IOException("formatting Kafka storage failed; see " + formatter.log());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while formatting Kafka storage", e);
    }

    String bootstrap = host + ":" + ports.plain();
    List<String> command = javaCommand(classpath, "kafka.Kafka", config.toString());
    // Kafka 4 fetches no OAuth URL it is not told it may.
    command.add(1, "-Dorg.apache.kafka.sasl.oauthbearer.allowed.urls=" + tokens.jwksUrl());
    Path log = dir.resolve("kafka.log");
    var broker = new KafkaBroker(ManagedProcess.start("kafka", command, Map.of(), log), bootstrap);
    broker.command = command;
    broker.log = log;
    broker.secured =
        new Secured(
            host + ":" + ports.scram(),
            ca.certificatePem(),
            password,
            host + ":" + ports.mutualTls(),
            ca.issue(TLS_USER, List.of(), List.of(), now, year),
            host + ":" + ports.oauth(),
            tokens);
    broker.awaitReady(Duration.ofSeconds(60));
    return broker;
  }

  static Map<String, String> serverProperties(
      Path dataDir, String host, int port, int controllerPort) {
    var props = new TreeMap<String, String>();
    props.put("node.id", "1");
    props.put("process.roles", "broker,controller");
    props.put(
        "listeners",
        "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
    props.put("controller.listener.names", "CONTROLLER");
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    props.put("log.dirs", dataDir.toString());
    props.put("num.partitions", "1");
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "5");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("auto.create.topics.enable", "true");
    return props;
  }

  /**
   * The SASL_SSL listener beside the plaintext one; brokers still talk plaintext among themselves.
   */
  static Map<String, String> securedListeners(
      String host, Listeners ports, int controllerPort, Path keystore, Path truststore) {
    var props = new TreeMap<String, String>();
    String clientListeners =
        "PLAINTEXT://%1$s:%2$d,SASL_SSL://%1$s:%3$d,SSL://%1$s:%4$d,OAUTH://%1$s:%5$d"
            .formatted(host, ports.plain(), ports.scram(), ports.mutualTls(), ports.oauth());
    props.put("listeners", clientListeners + ",CONTROLLER://127.0.0.1:" + controllerPort);
    props.put("advertised.listeners", clientListeners);
    props.put(
        "listener.security.protocol.map",
        "PLAINTEXT:PLAINTEXT,SASL_SSL:SASL_SSL,SSL:SSL,OAUTH:SASL_SSL,CONTROLLER:PLAINTEXT");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
    props.put(
        "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    props.put("listener.name.sasl_ssl.ssl.keystore.type", "PEM");
    props.put("listener.name.sasl_ssl.ssl.keystore.location", keystore.toString());
    props.put("listener.name.ssl.ssl.keystore.type", "PEM");
    props.put("listener.name.ssl.ssl.keystore.location", keystore.toString());
    props.put("listener.name.ssl.ssl.truststore.type", "PEM");
    props.put("listener.name.ssl.ssl.truststore.location", truststore.toString());
    props.put("listener.name.ssl.ssl.client.auth", "required");
    // OAUTHBEARER: JWTs from the token endpoint, verified with its JWKS.
    props.put("listener.name.oauth.sasl.enabled.mechanisms", "OAUTHBEARER");
    props.put(
        "listener.name.oauth.oauthbearer.sasl.jaas.config",
        "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;");
    props.put(
        "listener.name.oauth.oauthbearer.sasl.server.callback.handler.class",
        "org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallbackHandler");
    props.put("listener.name.oauth.ssl.keystore.type", "PEM");
    props.put("listener.name.oauth.ssl.keystore.location", keystore.toString());
    return props;
  }

  private static List<String> javaCommand(String classpath, String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(ManagedProcess.javaExecutable());
    command.addAll(List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(List.of(args));
    return command;
  }

  private void awaitReady(Duration timeout) throws IOException {
    Instant deadline = Instant.now().plus(timeout);
    Exception last = null;
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException("Kafka exited during start-up; see " + process.log());
      }
      try (Admin admin = admin()) {
        admin.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
        return;
      } catch (Exception e) {
        last = e;
      }
    }
    close();
    throw new IOException(
        "Kafka did not become ready in " + timeout + "; see " + process.log(), last);
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The SASL_SSL listener and what a client needs for it. */
  public Secured secured() {
    return secured;
  }

  public Admin admin() {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000));
  }

  public ManagedProcess process() {
    return process;
  }

  /**
   * Stops the broker (SIGTERM) and starts it again on the same data and ports, as a broker pod
   * restart does.
   */
  public synchronized void restart() throws IOException {
    process.stop(Duration.ofSeconds(20));
    process = ManagedProcess.start("kafka", command, Map.of(), log);
    awaitReady(Duration.ofSeconds(60));
  }

  static void writeProperties(Path file, Map<String, String> values) throws IOException {
    var properties = new Properties();
    properties.putAll(values);
    try (Writer writer = Files.newBufferedWriter(file)) {
      properties.store(writer, null);
    }
  }

  @Override
  public void close() {
    process.stop(Duration.ofSeconds(20));
    if (secured != null) {
      secured.tokenEndpoint().close();
    }
  }
}
