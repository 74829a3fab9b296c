package dev.tributary.worker;

import dev.tributary.contract.WorkerContract;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Worker properties as Connect will see them: the file, then environment overrides, then defaults.
 */
public final class WorkerProperties {

  /** Environment variables with this prefix override single worker properties. */
  public static final String ENV_PREFIX = WorkerContract.ENV_PROPERTY_PREFIX;

  private WorkerProperties() {}

  /** Reads a Java properties file into a sorted map. */
  public static Map<String, String> load(Path file) throws IOException {
    var properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    }
    var map = new TreeMap<String, String>();
    properties.stringPropertyNames().forEach(key -> map.put(key, properties.getProperty(key)));
    return map;
  }

  /**
   * Applies {@code CONNECT_*} environment overrides to {@code fileProperties}. The name after the
   * prefix is lower-cased; {@code ___} becomes {@code -}, {@code __} becomes {@code _} and {@code
   * _} becomes {@code .} — so {@code CONNECT_REST_ADVERTISED_HOST_NAME} sets {@code
   * rest.advertised.host.name}.
   */
  public static Map<String, String> withEnvironmentOverrides(
      Map<String, String> fileProperties, Map<String, String> environment) {
    var merged = new TreeMap<>(fileProperties);
    environment.forEach(
        (name, value) -> {
          if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
            merged.put(propertyNameOf(name), value);
          }
        });
    return merged;
  }

  /** Maps an environment variable name to the worker property it overrides. */
  public static String propertyNameOf(String environmentVariable) {
    String name = environmentVariable.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT);
    // Placeholders keep the multi-underscore forms from being split by the single-underscore rule.
    return name.replace("___", "\u0000")
        .replace("__", "\u0001")
        .replace('_', '.')
        .replace('\u0000', '-')
        .replace('\u0001', '_');
  }
}
