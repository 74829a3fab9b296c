package dev.tributary.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tributary.contract.WorkerContract;
import dev.tributary.operator.model.WorkerResources;
import dev.tributary.sandbox.images.ImageContainer;
import dev.tributary.sandbox.kube.ControlPlane;
import dev.tributary.sandbox.kube.RealCluster;
import dev.tributary.sandbox.process.KafkaBroker;
import dev.tributary.sandbox.process.PluginServer;
import dev.tributary.sandbox.process.Ports;
import dev.tributary.sandbox.process.Records;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator and worker images as the build makes them ({@code target/*-image.tar}, Jib on the
 * base of {@code deploy/images/base-image.sh}), each started by a container runtime (runc) as a pod
 * runs it: as the image's non-root user, on a read-only root filesystem, with an emptyDir on /tmp
 * and the volumes the operator's pods mount.
 */
@ExtendWith(SharedKafka.class)
class ImagesIT {

  static final Path WORKER_IMAGE =
      TestPaths.repo().resolve("worker/target/tributary-worker-image.tar");
  static final Path OPERATOR_IMAGE =
      TestPaths.repo().resolve("operator/target/tributary-operator-image.tar");
  static final int IMAGE_USER = 1001;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void imagesWereBuilt() {
    if (Files.isRegularFile(WORKER_IMAGE) && Files.isRegularFile(OPERATOR_IMAGE)) {
      return;
    }
    String why =
        "THE IMAGES WERE NOT BUILT, SO NOT TESTED: deploy/images/base-image.sh could not make"
            + " their base (it says why above, in the worker's and operator's builds)";
    if ("true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(why);
    }
    System.err.println("\n" + "!".repeat(100) + "\n" + why + "\n" + "!".repeat(100) + "\n");
    Assumptions.abort(why);
  }

  @Test
  void workerImageKeepsTheWorkerContract() throws Exception {
    var image = ImageContainer.unpack(WORKER_IMAGE, TestPaths.freshDir("image-contract"));
    assertThat(image.config().path("User").asText()).isEqualTo(IMAGE_USER + ":0");
    assertThat(image.config().path("Entrypoint").get(0).asText())
        .isEqualTo(WorkerContract.IMAGE_HOME + "/bin/tributary-worker");
    Path root = image.rootfs();
    assertThat(inImage(root, WorkerContract.IMAGE_HOME + "/bin/tributary-worker")).isExecutable();
    assertThat(inImage(root, WorkerContract.BUNDLED_PLUGINS + "/connect-file"))
        .as("bundled plugins where plugin.path expects them")
        .isDirectory();
    for (String folder :
        List.of(
            WorkerContract.FETCHED_PLUGINS,
            Path.of(WorkerContract.OFFSETS_DIR).getParent().toString())) {
      Path path = inImage(root, folder);
      assertThat(Files.getAttribute(path, "unix:gid")).as(folder + "'s group").isEqualTo(0);
      assertThat(Files.getPosixFilePermissions(path))
          .as(folder + ": pods write there, whatever their UID, as group 0")
          .contains(PosixFilePermission.GROUP_WRITE);
    }
    String launcher =
        Files.readString(inImage(root, WorkerContract.IMAGE_HOME + "/bin/tributary-worker"));
    assertThat(launcher)
        .contains(WorkerContract.ENV_HEAP_OPTS)
        .contains(WorkerContract.ENV_JAVA_OPTS);
  }

  private static Path inImage(Path root, String path) {
    return root.resolve(path.substring(1));
  }

  @Test
  void workerImageServesHealthAndMovesAFileThroughKafka() throws Exception {
    KafkaBroker kafka = SharedKafka.broker();
    Path dir = TestPaths.freshDir("image-worker");
    Path config = Files.createDirectories(dir.resolve("config"));
    Path data = emptyDir(dir.resolve("data"));
    String topic = "image-lines-" + System.nanoTime();
    int restPort = Ports.free();
    properties(
        config.resolve("worker.properties"),
        Map.of(
            "bootstrap.servers", kafka.bootstrapServers(),
            "key.converter", "org.apache.kafka.connect.storage.StringConverter",
            "value.converter", "org.apache.kafka.connect.storage.StringConverter",
            "offset.storage.file.filename", "/data/offsets",
            "listeners", "http://127.0.0.1:" + restPort));
    properties(
        config.resolve("source.properties"),
        Map.of(
            "name", "file-source",
            "connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector",
            "file", "/data/in.txt",
            "topic", topic));
    properties(
        config.resolve("sink.properties"),
        Map.of(
            "name", "file-sink",
            "connector.class", "org.apache.kafka.connect.file.FileStreamSinkConnector",
            "file", "/data/out.txt",
            "topics", topic));
    List<String> lines = Records.numbered("image-line-", 1, 5);
    Records.appendLines(data.resolve("in.txt"), lines);

    var spec =
        new ImageContainer.Spec(
            "worker-0",
            List.of(
                "standalone",
                "/etc/tributary/worker.properties",
                "/etc/tributary/source.properties",
                "/etc/tributary/sink.properties"),
            Map.of(WorkerContract.ENV_HEAP_OPTS, "-Xms64m -Xmx384m"),
            Map.of(WorkerContract.CONFIG_DIR, config, "/data", data));
    try (var worker = ImageContainer.start(WORKER_IMAGE, dir.resolve("container"), spec)) {
      awaitOk(worker, "http://127.0.0.1:" + restPort + "/health");
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> Records.linesOf(data.resolve("out.txt")).containsAll(lines));
      assertThat(Records.valuesOf(kafka.bootstrapServers(), topic)).containsAll(lines);
      assertThat(worker.uid()).as("the worker runs as the image's user").isEqualTo(IMAGE_USER);
      assertThat(worker.exec("sh", "-c", "touch /opt/tributary/x 2>&1; echo exit=$?"))
          .as("the root filesystem is read-only and the worker works on it")
          .contains("Read-only file system");
    }
  }

  @Test
  void fetchPluginsInstallsIntoThePluginVolumeAndTheWorkerLoadsIt() throws Exception {
    KafkaBroker kafka = SharedKafka.broker();
    Path dir = TestPaths.freshDir("image-plugins");
    Path config = Files.createDirectories(dir.resolve("config"));
    Path pluginVolume = emptyDir(dir.resolve("plugins"));
    try (var plugins = new PluginServer(TestPaths.loadPlugin())) {
      Files.writeString(
          config.resolve(WorkerContract.PLUGINS_JSON),
          """
          [{"name": "load", "artifacts": [{"type": "url", "url": "%s", "sha512": "%s"}]}]
          """
              .formatted(plugins.url(), plugins.sha512()));
      var fetch =
          new ImageContainer.Spec(
              "worker-0",
              WorkerResources.FETCH_PLUGINS_ARGS,
              Map.of(WorkerContract.ENV_HEAP_OPTS, WorkerContract.FETCH_PLUGINS_HEAP),
              Map.of(
                  WorkerContract.CONFIG_DIR, config, WorkerContract.FETCHED_PLUGINS, pluginVolume));
      try (var init = ImageContainer.start(WORKER_IMAGE, dir.resolve("init"), fetch)) {
        assertThat(init.awaitExit(120))
            .as("fetch-plugins' exit code; log:\n" + init.log())
            .isZero();
      }
    }
    try (var installed = Files.walk(pluginVolume)) {
      assertThat(installed.map(p -> p.getFileName().toString()))
          .as("the plugin volume after fetch-plugins")
          .anyMatch(name -> name.endsWith(".jar"));
    }

    int restPort = Ports.free();
    String group = "image-plugins-" + System.nanoTime();
    properties(
        config.resolve("worker.properties"),
        Map.ofEntries(
            Map.entry("bootstrap.servers", kafka.bootstrapServers()),
            Map.entry("group.id", group),
            Map.entry("config.storage.topic", group + "-configs"),
            Map.entry("offset.storage.topic", group + "-offsets"),
            Map.entry("status.storage.topic", group + "-status"),
            Map.entry("config.storage.replication.factor", "1"),
            Map.entry("offset.storage.replication.factor", "1"),
            Map.entry("status.storage.replication.factor", "1"),
            Map.entry("key.converter", "org.apache.kafka.connect.storage.StringConverter"),
            Map.entry("value.converter", "org.apache.kafka.connect.storage.StringConverter"),
            Map.entry(
                "plugin.path",
                WorkerContract.BUNDLED_PLUGINS + "," + WorkerContract.FETCHED_PLUGINS),
            Map.entry("listeners", "http://127.0.0.1:" + restPort)));
    var worker =
        new ImageContainer.Spec(
            "worker-0",
            List.of("distributed", WorkerContract.CONFIG_DIR + "/worker.properties"),
            Map.of(WorkerContract.ENV_HEAP_OPTS, "-Xms64m -Xmx384m"),
            Map.of(
                WorkerContract.CONFIG_DIR, config, WorkerContract.FETCHED_PLUGINS, pluginVolume));
    try (var running = ImageContainer.start(WORKER_IMAGE, dir.resolve("worker"), worker)) {
      awaitOk(running, "http://127.0.0.1:" + restPort + "/health");
      assertThat(get("http://127.0.0.1:" + restPort + "/connector-plugins").body())
          .as("the fetched plugin and a bundled one are both on the plugin path")
          .contains("dev.tributary.load.SequenceSourceConnector")
          .contains("org.apache.kafka.connect.file.FileStreamSourceConnector");
    }
  }

  @Test
  void operatorImageRunsAsItsServiceAccountAndReconciles() throws Exception {
    Path dir = TestPaths.freshDir("image-operator");
    ControlPlane plane;
    try {
      plane = ControlPlane.start(TestPaths.repo());
    } catch (ControlPlane.Unavailable e) {
      if ("true".equals(System.getenv("CI"))) {
        throw e;
      }
      Assumptions.abort("the real control plane cannot run here: " + e.getMessage());
      return;
    }
    try (plane;
        KubernetesClient admin = plane.adminClient()) {
      String token = RealCluster.install(admin, TestPaths.repo());
      Config adminConfig = admin.getConfiguration();
      URI api = URI.create(adminConfig.getMasterUrl());
      // What the kubelet mounts into every pod of a ServiceAccount that automounts its token.
      Path account = Files.createDirectories(dir.resolve("serviceaccount"));
      Files.writeString(account.resolve("token"), token);
      Files.writeString(account.resolve("namespace"), RealCluster.OPERATOR_NAMESPACE);
      Files.write(account.resolve("ca.crt"), caCertificate(adminConfig));
      int httpPort = Ports.free();
      var spec =
          new ImageContainer.Spec(
              "tributary-operator-0",
              null,
              Map.of(
                  "KUBERNETES_SERVICE_HOST", api.getHost(),
                  "KUBERNETES_SERVICE_PORT", Integer.toString(api.getPort()),
                  "OPERATOR_NAMESPACE", RealCluster.OPERATOR_NAMESPACE,
                  "HTTP_PORT", Integer.toString(httpPort),
                  "JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=50"),
              Map.of("/var/run/secrets/kubernetes.io/serviceaccount", account));
      try (var operator = ImageContainer.start(OPERATOR_IMAGE, dir.resolve("container"), spec)) {
        awaitOk(operator, "http://127.0.0.1:" + httpPort + "/readyz");
        assertThat(operator.uid())
            .as("the operator runs as the image's user")
            .isEqualTo(IMAGE_USER);
        admin
            .resource(
                """
                    apiVersion: tributary.dev/v1alpha1
                    kind: KafkaConnect
                    metadata: {name: from-image, namespace: tributary}
                    spec: {replicas: 1, bootstrapServers: 'my-cluster-kafka-bootstrap:9092'}
                """)
            .create();
        StatefulSet workers =
            admin
                .apps()
                .statefulSets()
                .inNamespace(RealCluster.OPERATOR_NAMESPACE)
                .withName("from-image-connect")
                .waitUntilCondition(s -> s != null, 90, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(workers.getMetadata().getOwnerReferences())
            .as("made by the operator in the image, as its ServiceAccount")
            .anyMatch(o -> o.getName().equals("from-image"));
      }
    }
  }

  private static byte[] caCertificate(Config config) throws Exception {
    if (config.getCaCertData() != null) {
      return Base64.getDecoder().decode(config.getCaCertData());
    }
    return Files.readAllBytes(Path.of(config.getCaCertFile()));
  }

  /** A folder as an emptyDir volume is: writable by whatever user the container runs as. */
  private static Path emptyDir(Path dir) throws Exception {
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    return dir;
  }

  private static void properties(Path file, Map<String, String> values) throws Exception {
    Files.writeString(
        file,
        values.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n"))
            + "\n");
  }

  private static void awaitOk(ImageContainer container, String url) {
    try {
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(500))
          .ignoreExceptions()
          .failFast("the container ended", () -> !container.isRunning())
          .until(() -> get(url).statusCode() == 200);
    } catch (RuntimeException | AssertionError e) {
      throw new AssertionError(
          url
              + " never answered 200: "
              + e.getMessage()
              + "\ncontainer log:\n"
              + quietLog(container),
          e);
    }
  }

  private static String quietLog(ImageContainer container) {
    try {
      return container.log();
    } catch (Exception e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
