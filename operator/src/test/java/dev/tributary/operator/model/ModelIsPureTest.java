package dev.tributary.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.operator.MockApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The model layer computes what should exist; it never talks to Kubernetes or Connect. */
class ModelIsPureTest {

  static final List<String> FORBIDDEN =
      List.of(
          "import io.fabric8.kubernetes.client",
          "import io.javaoperatorsdk",
          "import okhttp3",
          "import java.net.http");

  @Test
  void modelSourcesImportNoClients() throws Exception {
    Path model = MockApi.repo().resolve("operator/src/main/java/dev/tributary/operator/model");
    try (Stream<Path> files = Files.list(model)) {
      List<Path> sources = files.filter(f -> f.toString().endsWith(".java")).toList();
      assertThat(sources).isNotEmpty();
      for (Path source : sources) {
        String text = Files.readString(source);
        for (String forbidden : FORBIDDEN) {
          assertThat(text)
              .as(source.getFileName() + " must not " + forbidden)
              .doesNotContain(forbidden);
        }
      }
    }
  }
}
