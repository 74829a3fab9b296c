package dev.tributary.worker.plugins;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** A Maven repository of spec.pluginRepositories, as the operator hands it to fetch-plugins. */
@JsonIgnoreProperties(ignoreUnknown = true)
record RepositorySpec(
    String name, String url, String mirrorOf, String username, Credentials.SecretRef password) {

  boolean mirrorsCentral() {
    return "central".equals(mirrorOf);
  }

  static List<RepositorySpec> parse(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    try {
      return List.of(new ObjectMapper().readValue(json, RepositorySpec[].class));
    } catch (Exception e) {
      throw new PluginInstallException(
          "the Maven repository list is not valid JSON: " + e.getMessage());
    }
  }
}
