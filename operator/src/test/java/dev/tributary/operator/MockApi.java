package dev.tributary.operator;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The test API server: fabric8's mock in CRUD mode, with our CRDs registered from crds/. */
public final class MockApi {
  private MockApi() {}

  public static Path repo() {
    return Path.of(System.getProperty("tributary.repo", "..")).toAbsolutePath().normalize();
  }

  public static List<Path> crdFiles() throws IOException {
    try (Stream<Path> files = Files.list(repo().resolve("crds"))) {
      return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
    }
  }

  public static void registerCrds(KubernetesClient client) throws IOException {
    for (Path file : crdFiles()) {
      try (InputStream in = Files.newInputStream(file)) {
        CustomResourceDefinition crd =
            client.apiextensions().v1().customResourceDefinitions().load(in).item();
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
      }
    }
  }
}
