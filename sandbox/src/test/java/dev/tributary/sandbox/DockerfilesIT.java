package dev.tributary.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

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

  static final Path REPO = TestPaths.workerHome().resolve("../../../..").normalize();

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
    assertThat(dockerfile).contains("ENTRYPOINT [\"/opt/tributary/bin/tributary-worker\"]");
    assertThat(dockerfile).containsPattern("(?m)^USER 1001$");
    assertThat(TestPaths.workerHome().resolve("bin/tributary-worker")).isExecutable();
  }
}
