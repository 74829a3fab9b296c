package dev.tributary.worker.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginInstallerTest {

  @TempDir Path tmp;
  private Path target;
  private Path repository;
  private final MockWebServer server = new MockWebServer();
  private final Map<String, byte[]> served = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();

  @BeforeEach
  void startServer() throws IOException {
    target = tmp.resolve("plugins");
    repository = tmp.resolve("repository");
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            requests.incrementAndGet();
            byte[] body = served.get(request.getRequestUrl().encodedPath());
            return body == null
                ? new MockResponse().setResponseCode(404)
                : new MockResponse().setBody(new Buffer().write(body));
          }
        });
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stopServer() throws IOException {
    server.shutdown();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getPort() + path;
  }

  private PluginInstaller installer() {
    return new PluginInstaller(target, repository.toUri().toString(), tmp.resolve("cache"));
  }

  private static PluginSpec plugin(String name, ArtifactSpec... artifacts) {
    return new PluginSpec(name, List.of(artifacts));
  }

  private static ArtifactSpec urlArtifact(String url, String sha512) {
    return new ArtifactSpec("url", null, null, null, null, null, url, sha512, null);
  }

  private static ArtifactSpec mavenArtifact(
      String group, String artifact, String version, String classifier, String extension) {
    return new ArtifactSpec(
        "maven", group, artifact, version, classifier, extension, null, null, null);
  }

  static String sha512(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
  }

  static String sha1(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
  }

  static byte[] zip(Map<String, String> entries) throws IOException {
    var bytes = new ByteArrayOutputStream();
    try (var zip = new ZipOutputStream(bytes)) {
      for (var entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  static byte[] tgz(Map<String, String> entries) throws IOException {
    var bytes = new ByteArrayOutputStream();
    try (var tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
      for (var entry : entries.entrySet()) {
        byte[] content = entry.getValue().getBytes(StandardCharsets.UTF_8);
        var tarEntry = new TarArchiveEntry(entry.getKey(), true);
        tarEntry.setSize(content.length);
        tar.putArchiveEntry(tarEntry);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** Lays out one artifact in the local Maven repository, with the .sha1 files a repository has. */
  private void publish(
      String group, String artifact, String version, String classifier, String ext, byte[] content)
      throws Exception {
    Path dir = repository.resolve(group.replace('.', '/')).resolve(artifact).resolve(version);
    Files.createDirectories(dir);
    String file =
        artifact + "-" + version + (classifier == null ? "" : "-" + classifier) + "." + ext;
    Files.write(dir.resolve(file), content);
    Files.writeString(dir.resolve(file + ".sha1"), sha1(content));
  }

  private void publishPom(String group, String artifact, String version, String dependencies)
      throws Exception {
    String pom =
        """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>%s</groupId><artifactId>%s</artifactId><version>%s</version>
          <dependencies>%s</dependencies>
        </project>
        """
            .formatted(group, artifact, version, dependencies);
    publish(group, artifact, version, null, "pom", pom.getBytes(StandardCharsets.UTF_8));
  }

  private List<String> filesUnder(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .map(f -> dir.relativize(f).toString())
          .sorted()
          .toList();
    }
  }

  @Test
  void installsAJarAZipAndATarballFromUrls() throws Exception {
    byte[] jar = zip(Map.of("com/example/Sink.class", "bytecode"));
    byte[] zip = zip(Map.of("lib/a.jar", "a", "lib/b.jar", "b"));
    byte[] tgz = tgz(Map.of("my-source/lib/c.jar", "c"));
    served.put("/sink-1.0.jar", jar);
    served.put("/bundle.zip", zip);
    served.put("/source.tgz", tgz);

    var results =
        installer()
            .install(
                List.of(
                    plugin("my-sink", urlArtifact(url("/sink-1.0.jar"), sha512(jar))),
                    plugin(
                        "bundle",
                        urlArtifact(url("/bundle.zip"), sha512(zip)),
                        urlArtifact(url("/source.tgz"), sha512(tgz)))));

    assertThat(results)
        .containsExactly(
            new PluginInstaller.Result("my-sink", PluginInstaller.Outcome.INSTALLED),
            new PluginInstaller.Result("bundle", PluginInstaller.Outcome.INSTALLED));
    assertThat(filesUnder(target.resolve("my-sink")))
        .containsExactly(PluginInstaller.MARKER, "sink-1.0.jar");
    assertThat(Files.readAllBytes(target.resolve("my-sink/sink-1.0.jar"))).isEqualTo(jar);
    assertThat(filesUnder(target.resolve("bundle")))
        .containsExactly(PluginInstaller.MARKER, "lib/a.jar", "lib/b.jar", "my-source/lib/c.jar");
  }

  @Test
  void aSecondRunWithTheSameSpecDownloadsNothing() throws Exception {
    byte[] jar = zip(Map.of("X.class", "x"));
    served.put("/x.jar", jar);
    var plugins = List.of(plugin("x", urlArtifact(url("/x.jar"), sha512(jar))));
    installer().install(plugins);
    int before = requests.get();

    var again = installer().install(plugins);

    assertThat(again)
        .containsExactly(new PluginInstaller.Result("x", PluginInstaller.Outcome.UNCHANGED));
    assertThat(requests.get()).isEqualTo(before);
  }

  @Test
  void aChangedSpecReplacesThePluginAndAnUnlistedOneIsRemoved() throws Exception {
    byte[] v1 = zip(Map.of("V1.class", "1"));
    byte[] v2 = zip(Map.of("V2.class", "2"));
    byte[] other = zip(Map.of("O.class", "o"));
    served.put("/p-1.jar", v1);
    served.put("/p-2.jar", v2);
    served.put("/o.jar", other);
    installer()
        .install(
            List.of(
                plugin("p", urlArtifact(url("/p-1.jar"), sha512(v1))),
                plugin("o", urlArtifact(url("/o.jar"), sha512(other)))));

    var results =
        installer().install(List.of(plugin("p", urlArtifact(url("/p-2.jar"), sha512(v2)))));

    assertThat(results)
        .containsExactly(
            new PluginInstaller.Result("p", PluginInstaller.Outcome.INSTALLED),
            new PluginInstaller.Result("o", PluginInstaller.Outcome.REMOVED));
    assertThat(filesUnder(target)).containsExactly("p/" + PluginInstaller.MARKER, "p/p-2.jar");
  }

  @Test
  void aChecksumMismatchNamesPluginAndArtifactAndLeavesNothingBehind() throws Exception {
    served.put("/x.jar", zip(Map.of("X.class", "x")));
    String wrong = sha512("something else".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(
            () -> installer().install(List.of(plugin("x", urlArtifact(url("/x.jar"), wrong)))))
        .isInstanceOf(PluginInstallException.class)
        .hasMessageContaining("plugin 'x'")
        .hasMessageContaining(url("/x.jar"))
        .hasMessageContaining("sha512 mismatch");
    assertThat(filesUnder(target)).isEmpty();
  }

  @Test
  void aFailedUpdateKeepsTheInstalledVersion() throws Exception {
    byte[] v1 = zip(Map.of("V1.class", "1"));
    served.put("/p-1.jar", v1);
    installer().install(List.of(plugin("p", urlArtifact(url("/p-1.jar"), sha512(v1)))));

    assertThatThrownBy(
            () ->
                installer().install(List.of(plugin("p", urlArtifact(url("/p-2.jar"), sha512(v1))))))
        .isInstanceOf(PluginInstallException.class);
    assertThat(filesUnder(target)).containsExactly("p/" + PluginInstaller.MARKER, "p/p-1.jar");
  }

  @Test
  void notFoundIsReportedWithTheStatus() {
    assertThatThrownBy(
            () ->
                installer()
                    .install(
                        List.of(plugin("gone", urlArtifact(url("/gone.jar"), "a".repeat(128))))))
        .isInstanceOf(PluginInstallException.class)
        .hasMessageContaining("plugin 'gone'")
        .hasMessageContaining("HTTP 404");
  }

  @Test
  void aFileThatIsNotAnArchiveIsReportedAsSuchAndInstallsNothing() throws Exception {
    byte[] text = "this is not a zip\n".getBytes(StandardCharsets.UTF_8);
    byte[] notGzip = "nor a gzip\n".getBytes(StandardCharsets.UTF_8);
    served.put("/p.zip", text);
    served.put("/p.tgz", notGzip);

    assertThatThrownBy(
            () ->
                installer().install(List.of(plugin("p", urlArtifact(url("/p.zip"), sha512(text))))))
        .isInstanceOf(PluginInstallException.class)
        .hasMessage(
            "plugin 'p', artifact "
                + url("/p.zip")
                + ": holds nothing: not a zip archive, or an empty one");
    assertThatThrownBy(
            () ->
                installer()
                    .install(List.of(plugin("p", urlArtifact(url("/p.tgz"), sha512(notGzip))))))
        .isInstanceOf(PluginInstallException.class)
        .hasMessageStartingWith("plugin 'p', artifact " + url("/p.tgz") + ": ");
    assertThat(filesUnder(target)).isEmpty();
  }

  @Test
  void anUnreachableHostIsReported() throws Exception {
    int closedPort;
    try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String unreachable = "http://127.0.0.1:" + closedPort + "/x.jar";

    assertThatThrownBy(
            () ->
                installer()
                    .install(List.of(plugin("x", urlArtifact(unreachable, "a".repeat(128))))))
        .isInstanceOf(PluginInstallException.class)
        .hasMessageContaining("plugin 'x'")
        .hasMessageContaining("cannot reach 127.0.0.1:" + closedPort);
  }

  @Test
  void archiveEntriesEscapingThePluginDirectoryAreRejected() throws Exception {
    byte[] evilZip = zip(Map.of("ok.jar", "ok", "../../evil.jar", "evil"));
    byte[] evilTgz = tgz(Map.of("/etc/evil.jar", "evil"));
    served.put("/evil.zip", evilZip);
    served.put("/evil.tgz", evilTgz);

    for (String path : List.of("/evil.zip", "/evil.tgz")) {
      byte[] content = served.get(path);
      assertThatThrownBy(
              () ->
                  installer()
                      .install(List.of(plugin("evil", urlArtifact(url(path), sha512(content))))))
          .isInstanceOf(PluginInstallException.class)
          .hasMessageContaining("plugin 'evil'")
          .hasMessageContaining("escapes the plugin directory");
    }
    assertThat(filesUnder(tmp)).noneMatch(f -> f.contains("evil.jar"));
    assertThat(filesUnder(target)).isEmpty();
  }

  @Test
  void installsAPackagedArchiveFromAMavenRepository() throws Exception {
    byte[] archive = tgz(Map.of("acme-sink/lib/acme-sink.jar", "jar"));
    publish("org.acme", "acme-sink", "1.2.0", "plugin", "tar.gz", archive);
    publishPom("org.acme", "acme-sink", "1.2.0", "");
    var artifact =
        new ArtifactSpec(
            "maven",
            "org.acme",
            "acme-sink",
            "1.2.0",
            "plugin",
            "tar.gz",
            null,
            sha512(archive),
            null);

    installer().install(List.of(plugin("acme", artifact)));

    assertThat(filesUnder(target.resolve("acme")))
        .containsExactly(PluginInstaller.MARKER, "acme-sink/lib/acme-sink.jar");
  }

  @Test
  void installsAMavenJarWithItsRuntimeDependenciesButNotWhatTheWorkerProvides() throws Exception {
    publish("org.acme", "acme-connector", "2.0", null, "jar", zip(Map.of("A.class", "a")));
    publishPom(
        "org.acme",
        "acme-connector",
        "2.0",
        """
        <dependency><groupId>org.acme</groupId><artifactId>acme-client</artifactId><version>1.1</version></dependency>
        <dependency><groupId>org.apache.kafka</groupId><artifactId>connect-api</artifactId><version>4.3.1</version></dependency>
        <dependency><groupId>org.acme</groupId><artifactId>acme-testkit</artifactId><version>1.1</version><scope>test</scope></dependency>
        """);
    publish("org.acme", "acme-client", "1.1", null, "jar", zip(Map.of("C.class", "c")));
    publishPom("org.acme", "acme-client", "1.1", "");

    installer()
        .install(
            List.of(
                plugin("acme", mavenArtifact("org.acme", "acme-connector", "2.0", null, null))));

    assertThat(filesUnder(target.resolve("acme")))
        .containsExactly(PluginInstaller.MARKER, "acme-client-1.1.jar", "acme-connector-2.0.jar");
  }

  @Test
  void aMavenArtifactWhoseRepositoryChecksumIsWrongIsRejected() throws Exception {
    publish("org.acme", "tampered", "1.0", null, "jar", zip(Map.of("T.class", "t")));
    publishPom("org.acme", "tampered", "1.0", "");
    Path jar = repository.resolve("org/acme/tampered/1.0/tampered-1.0.jar");
    Files.write(jar, zip(Map.of("T.class", "tampered")));

    assertThatThrownBy(
            () ->
                installer()
                    .install(
                        List.of(
                            plugin("t", mavenArtifact("org.acme", "tampered", "1.0", null, null)))))
        .isInstanceOf(PluginInstallException.class)
        .hasMessageContaining("plugin 't'")
        .hasMessageContaining("org.acme:tampered")
        .hasMessageContaining("hecksum");
    assertThat(filesUnder(target)).isEmpty();
  }

  @Test
  void aMissingMavenArtifactNamesTheRepository() {
    assertThatThrownBy(
            () ->
                installer()
                    .install(
                        List.of(
                            plugin("m", mavenArtifact("org.acme", "missing", "9.9", null, null)))))
        .isInstanceOf(PluginInstallException.class)
        .hasMessageContaining("plugin 'm'")
        .hasMessageContaining("not found in " + repository.toUri());
  }

  @Test
  void badSpecsAreRejectedBeforeAnythingIsDownloaded() {
    assertThatThrownBy(
            () -> installer().install(List.of(plugin("x", urlArtifact(url("/x.jar"), null)))))
        .hasMessageContaining("'sha512' is required");
    assertThatThrownBy(
            () ->
                installer()
                    .install(List.of(plugin("x", urlArtifact(url("/x.rar"), "a".repeat(128))))))
        .hasMessageContaining("unsupported archive type");
    assertThatThrownBy(
            () ->
                installer()
                    .install(List.of(plugin("../up", urlArtifact(url("/x.jar"), "a".repeat(128))))))
        .hasMessageContaining("plugin name '../up' is invalid");
    assertThatThrownBy(
            () ->
                installer()
                    .install(
                        List.of(plugin("x", mavenArtifact("org.acme", null, "1", null, null)))))
        .hasMessageContaining("'artifact' is required");
    assertThat(requests.get()).isZero();
  }

  @Test
  void thePluginListIsReadAsJson() {
    var plugins =
        FetchPluginsCommand.parse(
            """
            [{"name": "my-sink", "artifacts": [
              {"type": "maven", "group": "org.example", "artifact": "my-sink", "version": "1.2.0",
               "classifier": "plugin", "extension": "tar.gz"},
              {"type": "url", "url": "https://example.org/x.zip", "sha512": "%s"}]}]
            """
                .formatted("b".repeat(128)));

    assertThat(plugins).hasSize(1);
    assertThat(plugins.get(0).artifacts().get(0).describe())
        .isEqualTo("org.example:my-sink:tar.gz:plugin:1.2.0");
    assertThat(plugins.get(0).artifacts().get(1).format()).isEqualTo(ArtifactSpec.Format.ZIP);
    assertThatThrownBy(() -> FetchPluginsCommand.parse("[{"))
        .isInstanceOf(PluginInstallException.class)
        .hasMessageContaining("not valid JSON");
  }
}
