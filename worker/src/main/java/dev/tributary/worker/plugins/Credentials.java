package dev.tributary.worker.plugins;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.tributary.contract.WorkerContract;
import java.util.Map;

/**
 * Credentials for private plugin sources. The values come from the environment, where the pod spec
 * puts them from Secrets ({@link WorkerContract#secretEnv}); plugins.json and the repository list
 * name only the Secret and key. Values are never printed: messages name the Secret.
 */
public final class Credentials {

  /** A Secret key, as the specs name it. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record SecretRef(String secretName, String key) {
    String describe() {
      return "Secret '" + secretName + "' key '" + key + "'";
    }
  }

  /** How a URL download authenticates: basic (username and secret) or bearer (secret). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record UrlAuth(String type, String username, SecretRef secret) {}

  private final Map<String, String> environment;

  Credentials(Map<String, String> environment) {
    this.environment = environment;
  }

  /** The value of {@code ref}, or a failure naming what {@code what} needed. */
  String value(String what, SecretRef ref) {
    String value = environment.get(WorkerContract.secretEnv(ref.secretName(), ref.key()));
    if (value == null) {
      throw new PluginInstallException(
          what + ": " + ref.describe() + " is not in the environment of fetch-plugins");
    }
    return value;
  }

  /** The Authorization header for a URL artifact, or null when it needs none. */
  String authorization(String what, UrlAuth auth) {
    if (auth == null) {
      return null;
    }
    if (auth.secret() == null) {
      throw new PluginInstallException(what + ": authentication needs a secret");
    }
    String secret = value(what, auth.secret());
    if ("bearer".equals(auth.type())) {
      return "Bearer " + secret;
    }
    if ("basic".equals(auth.type())) {
      return "Basic "
          + java.util.Base64.getEncoder()
              .encodeToString(
                  ((auth.username() == null ? "" : auth.username()) + ":" + secret)
                      .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    throw new PluginInstallException(
        what + ": authentication type must be basic or bearer, not '" + auth.type() + "'");
  }
}
