package dev.tributary.worker.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.contract.WorkerContract;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins from private sources: a URL that wants a bearer token, and a Maven repository behind
 * basic authentication used as a mirror of Maven Central, with credentials from the environment
 * where the pod spec puts them from Secrets.
 */
class PrivateSourcesTest {

  static final String TOKEN = "t0ken-value";
  static final String PASSWORD = "repo-pa55";

  @TempDir Path tmp;
  final MockWebServer server = new MockWebServer();
  Path repository;

  @BeforeEach
  void start() throws IOException {
    repository = tmp.resolve("repo");
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("deployer:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path = request.getRequestUrl().encodedPath();
            String auth = request.getHeader("Authorization");
            if (path.startsWith("/private/")) {
              if (!("Bearer " + TOKEN).equals(auth)) {
                return new MockResponse().setResponseCode(401);
              }
              return new MockResponse().setBody("jar bytes");
            }
            if (path.startsWith("/maven/")) {
              if (!basic.equals(auth)) {
                return new MockResponse()
                    .setResponseCode(401)
                    .addHeader("WWW-Authenticate", "Basic realm=\"repo\"");
              }
              Path file = repository.resolve(path.substring("/maven/".length()));
              try {
                return Files.isRegularFile(file)
                    ? new MockResponse().setBody(new Buffer().write(Files.readAllBytes(file)))
                    : new MockResponse().setResponseCode(404);
              } catch (IOException e) {
                return new MockResponse().setResponseCode(500);
              }
            }
            return new MockResponse().setResponseCode(404);
          }
        });
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getPort() + path;
  }

  PluginInstaller installer(List<RepositorySpec> repositories, Map<String, String> env) {
    return new PluginInstaller(
        tmp.resolve("plugins"),
        "http://127.0.0.1:1/unreachable-central/",
        repositories,
        tmp.resolve("cache"),
        env);
  }

  static ArtifactSpec privateJar(String url, String sha512) {
    return new ArtifactSpec(
        "url",
        null,
        null,
        null,
        null,
        null,
        url,
        sha512,
        new Credentials.UrlAuth("bearer", null, new Credentials.SecretRef("artifacts", "token")));
  }

  @Test
  void aUrlArtifactIsFetchedWithItsBearerTokenFromTheEnvironment() throws Exception {
    var artifact =
        privateJar(
            url("/private/sink.jar"),
            PluginInstallerTest.sha512("jar bytes".getBytes(StandardCharsets.UTF_8)));
    String env = WorkerContract.secretEnv("artifacts", "token");

    installer(List.of(), Map.of(env, TOKEN))
        .install(List.of(new PluginSpec("private-sink", List.of(artifact))));

    assertThat(tmp.resolve("plugins/private-sink")).isDirectory();
    assertThatThrownBy(
            () ->
                installer(List.of(), Map.of(env, "wrong"))
                    .install(List.of(new PluginSpec("other", List.of(artifact)))))
        .hasMessageContaining("HTTP 401 (not authorised: check the artifact's authentication")
        .hasMessageNotContaining("wrong");
    assertThatThrownBy(
            () ->
                installer(List.of(), Map.of())
                    .install(List.of(new PluginSpec("third", List.of(artifact)))))
        .hasMessageContaining("Secret 'artifacts' key 'token' is not in the environment");
  }

  @Test
  void aPrivateMirrorOfMavenCentralIsUsedWithBasicAuthentication() throws Exception {
    byte[] jar = "a jar".getBytes(StandardCharsets.UTF_8);
    Path dir = repository.resolve("org/acme/acme-sink/1.0");
    Files.createDirectories(dir);
    Files.write(dir.resolve("acme-sink-1.0.jar"), jar);
    Files.writeString(dir.resolve("acme-sink-1.0.jar.sha1"), PluginInstallerTest.sha1(jar));
    String pom =
        "<project><modelVersion>4.0.0</modelVersion><groupId>org.acme</groupId>"
            + "<artifactId>acme-sink</artifactId><version>1.0</version></project>";
    Files.writeString(dir.resolve("acme-sink-1.0.pom"), pom);
    Files.writeString(
        dir.resolve("acme-sink-1.0.pom.sha1"),
        PluginInstallerTest.sha1(pom.getBytes(StandardCharsets.UTF_8)));
    var mirror =
        new RepositorySpec(
            "corp",
            url("/maven/"),
            "central",
            "deployer",
            new Credentials.SecretRef("corp-maven", "password"));
    var artifact =
        new ArtifactSpec("maven", "org.acme", "acme-sink", "1.0", null, null, null, null, null);

    installer(List.of(mirror), Map.of(WorkerContract.secretEnv("corp-maven", "password"), PASSWORD))
        .install(List.of(new PluginSpec("acme", List.of(artifact))));

    assertThat(tmp.resolve("plugins/acme")).isDirectory();
  }

  @Test
  void theRepositoryListIsReadAsJson() {
    assertThat(
            RepositorySpec.parse(
                "[{\"name\":\"corp\",\"url\":\"https://nexus/\",\"mirrorOf\":\"central\","
                    + "\"username\":\"u\",\"password\":{\"secretName\":\"s\",\"key\":\"k\"}}]"))
        .singleElement()
        .satisfies(r -> assertThat(r.mirrorsCentral()).isTrue())
        .satisfies(r -> assertThat(r.password().secretName()).isEqualTo("s"));
    assertThat(RepositorySpec.parse(null)).isEmpty();
  }
}
