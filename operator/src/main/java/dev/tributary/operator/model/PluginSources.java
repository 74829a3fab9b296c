package dev.tributary.operator.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.api.v1alpha1.KafkaConnectSpec;
import dev.tributary.api.v1alpha1.PluginArtifact;
import dev.tributary.api.v1alpha1.SecretKeyRef;
import dev.tributary.contract.WorkerContract;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Private plugin sources for {@code fetch-plugins}: spec.pluginRepositories as JSON in its
 * environment, and every credential they and the URL artifacts name as an environment variable set
 * from its Secret by the pod spec, so neither plugins.json nor the pod spec holds a value.
 */
public final class PluginSources {

  private static final ObjectMapper JSON = new ObjectMapper();

  private PluginSources() {}

  /** Every Secret key the plugin sources reference, by the field that names it. */
  public static Map<String, SecretKeyRef> references(KafkaConnectSpec spec) {
    Map<String, SecretKeyRef> refs = new TreeMap<>();
    if (spec.pluginRepositories != null) {
      for (int i = 0; i < spec.pluginRepositories.size(); i++) {
        var repository = spec.pluginRepositories.get(i);
        if (repository.password != null && repository.password.secretName != null) {
          refs.put("spec.pluginRepositories[" + i + "].password", repository.password);
        }
      }
    }
    if (spec.plugins != null) {
      for (int p = 0; p < spec.plugins.size(); p++) {
        var artifacts = spec.plugins.get(p).artifacts;
        for (int a = 0; artifacts != null && a < artifacts.size(); a++) {
          PluginArtifact artifact = artifacts.get(a);
          if (artifact.authentication != null
              && artifact.authentication.secret != null
              && artifact.authentication.secret.secretName != null) {
            refs.put(
                "spec.plugins[" + p + "].artifacts[" + a + "].authentication.secret",
                artifact.authentication.secret);
          }
        }
      }
    }
    return refs;
  }

  /** The environment of the {@code fetch-plugins} init container beyond its heap. */
  public static List<EnvVar> env(KafkaConnectSpec spec) {
    List<EnvVar> env = new ArrayList<>();
    if (spec.pluginRepositories != null && !spec.pluginRepositories.isEmpty()) {
      List<Map<String, Object>> repositories = new ArrayList<>();
      for (var repository : spec.pluginRepositories) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", repository.name);
        entry.put("url", repository.url);
        entry.put("mirrorOf", repository.mirrorOf);
        entry.put("username", repository.username);
        entry.put("password", repository.password);
        repositories.add(entry);
      }
      try {
        env.add(
            new EnvVar(
                WorkerContract.ENV_MAVEN_REPOSITORIES,
                JSON.writeValueAsString(repositories),
                null));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("repositories are plain data", e);
      }
    }
    Map<String, SecretKeyRef> byEnv = new TreeMap<>();
    references(spec)
        .values()
        .forEach(ref -> byEnv.put(WorkerContract.secretEnv(ref.secretName, ref.key), ref));
    byEnv.forEach(
        (name, ref) ->
            env.add(
                new EnvVarBuilder()
                    .withName(name)
                    .withNewValueFrom()
                    .withNewSecretKeyRef()
                    .withName(ref.secretName)
                    .withKey(ref.key)
                    .endSecretKeyRef()
                    .endValueFrom()
                    .build()));
    return env;
  }
}
