package dev.tributary.operator.secrets;

import dev.tributary.api.v1alpha1.SecretKeyRef;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The referenced Secret keys, read once per reconcile: whether each exists (a missing one is
 * reported on the field naming it, before anything changes), and one digest of their values, which
 * goes on the pod template so a rotated password or certificate rolls the workers. The values are
 * only hashed, never kept, logged or written.
 */
public final class SecretDigests {

  /** The digest of every referenced value, or the problems that stop the reconcile. */
  public record Result(String digest, List<String> problems) {}

  private SecretDigests() {}

  public static Result read(
      KubernetesClient client, String namespace, Map<String, SecretKeyRef> refs) {
    if (refs.isEmpty()) {
      return new Result("", List.of());
    }
    Map<String, Secret> secrets = new HashMap<>();
    List<String> problems = new ArrayList<>();
    Map<String, String> values = new TreeMap<>();
    refs.forEach(
        (field, ref) -> {
          Secret secret =
              secrets.computeIfAbsent(
                  ref.secretName,
                  name -> client.secrets().inNamespace(namespace).withName(name).get());
          String value = secret == null ? null : valueOf(secret, ref.key);
          if (secret == null) {
            problems.add(
                field
                    + ": Secret '"
                    + ref.secretName
                    + "' does not exist in namespace "
                    + namespace);
          } else if (value == null) {
            problems.add(field + ": Secret '" + ref.secretName + "' has no key '" + ref.key + "'");
          } else {
            values.put(ref.secretName + "/" + ref.key, value);
          }
        });
    return new Result(problems.isEmpty() ? digest(values) : "", problems);
  }

  /** The key's value itself (data decoded from base64), or null. */
  public static String plainValueOf(Secret secret, String key) {
    if (secret.getData() != null && secret.getData().containsKey(key)) {
      return new String(
          java.util.Base64.getDecoder().decode(secret.getData().get(key)),
          java.nio.charset.StandardCharsets.UTF_8);
    }
    return secret.getStringData() == null ? null : secret.getStringData().get(key);
  }

  /** The key's value as stored (base64 in data, plain in stringData), or null. */
  static String valueOf(Secret secret, String key) {
    if (secret.getData() != null && secret.getData().containsKey(key)) {
      return secret.getData().get(key);
    }
    if (secret.getStringData() != null && secret.getStringData().containsKey(key)) {
      return secret.getStringData().get(key);
    }
    return null;
  }

  static String digest(Map<String, String> values) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      values.forEach(
          (key, value) -> {
            sha.update(key.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(value.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
          });
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
