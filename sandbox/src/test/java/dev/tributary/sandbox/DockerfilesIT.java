package dev.tributary.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.contract.WorkerContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No container engine runs here, so the images cannot be built: instead check, after the build,
 * that every path a Dockerfile copies exists and that the launcher it runs is executable.
 */
class DockerfilesIT {

  static final Path REPO = TestPaths.repo();

  static List<Path> dockerfiles() throws IOException {
    List<Path> found = new ArrayList<>();
    try (var dirs = Files.list(REPO)) {
      dirs.map(dir -> dir.resolve("Dockerfile")).filter(Files::isRegularFile).forEach(found::add);
    }
    return found;
  }

  @Test
  void everyCopiedPathExistsAfterTheBuild() throws IOException {
    List<Path> dockerfiles = dockerfiles();
    assertThat(dockerfiles)
        .extracting(p -> REPO.relativize(p).toString())
        .contains("worker/Dockerfile");
    for (Path dockerfile : dockerfiles) {
      for (String line : Files.readAllLines(dockerfile)) {
        String[] words = line.trim().split("\\s+");
        if (!words[0].equals("COPY") || line.contains("--from=")) {
          continue;
        }
        List<String> args = new ArrayList<>();
        for (String word : words) {
          if (!word.equals("COPY") && !word.startsWith("--")) {
            args.add(word);
          }
        }
        for (String source : args.subList(0, args.size() - 1)) {
          assertThat(dockerfile.getParent().resolve(source))
              .as(REPO.relativize(dockerfile) + " copies " + source)
              .exists();
        }
      }
    }
  }

  @Test
  void theEntrypointIsAnExecutableLauncher() throws IOException {
    String dockerfile = Files.readString(REPO.resolve("worker/Dockerfile"));
    assertThat(dockerfile)
        .contains("ENTRYPOINT [\"" + WorkerContract.IMAGE_HOME + "/bin/tributary-worker\"]");
    assertThat(dockerfile).containsPattern("(?m)^USER 1001$");
    assertThat(TestPaths.workerHome().resolve("bin/tributary-worker")).isExecutable();
  }

  @Test
  void theImageAndTheLauncherKeepTheWorkerContract() throws IOException {
    String dockerfile = Files.readString(REPO.resolve("worker/Dockerfile"));
    assertThat(dockerfile)
        .as("the image creates the folders pods write to, writable by the worker's group")
        .contains(WorkerContract.FETCHED_PLUGINS)
        .contains(Path.of(WorkerContract.OFFSETS_DIR).getParent().toString())
        .contains(
            "COPY --chown=1001:0 target/tributary-worker/tributary-worker/ "
                + WorkerContract.IMAGE_HOME
                + "/");
    assertThat(
            TestPaths.workerHome()
                .resolve(
                    WorkerContract.BUNDLED_PLUGINS.substring(
                        WorkerContract.IMAGE_HOME.length() + 1)))
        .as("bundled plugins where plugin.path expects them")
        .isDirectory();
    String launcher = Files.readString(TestPaths.workerHome().resolve("bin/tributary-worker"));
    assertThat(launcher)
        .contains(WorkerContract.ENV_HEAP_OPTS)
        .contains(WorkerContract.ENV_JAVA_OPTS);
  }
}
