package dev.tributary.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The CRD YAML in crds/ is what the Java types generate: an API change shows in review. */
class CommittedCrdsTest {

  private static final String HOW_TO_FIX =
      "crds/*.yml is stale: run `mvn -pl crds process-classes -Pupdate-crds` and commit the result";

  @Test
  void committedYamlMatchesTheGeneratedYaml() throws IOException {
    Path generated = Path.of(System.getProperty("tributary.generated.crds"));
    Path committed = Path.of(System.getProperty("tributary.committed.crds"));

    List<String> generatedFiles = yamlFiles(generated);
    assertThat(generatedFiles)
        .containsExactly(
            "kafkaconnectors.tributary.dev-v1.yml", "kafkaconnects.tributary.dev-v1.yml");
    assertThat(yamlFiles(committed)).as(HOW_TO_FIX).isEqualTo(generatedFiles);
    for (String file : generatedFiles) {
      assertThat(Files.readString(committed.resolve(file)))
          .as(HOW_TO_FIX + " (" + file + ")")
          .isEqualTo(Files.readString(generated.resolve(file)));
    }
  }

  private static List<String> yamlFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(name -> name.endsWith(".yml") || name.endsWith(".yaml"))
          .sorted()
          .toList();
    }
  }
}
