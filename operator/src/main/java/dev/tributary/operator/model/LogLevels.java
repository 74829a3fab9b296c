package dev.tributary.operator.model;

import dev.tributary.api.v1alpha1.KafkaConnectSpec;
import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.operator.connectapi.dto.LoggerLevel;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Worker log levels: spec.logging.loggers, and each KafkaConnector's spec.logLevel for the package
 * of its class. They are written into the workers' ConfigMap (read at start, so a restarted pod has
 * them; outside the config hash, so a change rolls nothing) and set on running workers with
 * Connect's {@code PUT /admin/loggers/{logger}?scope=cluster}.
 */
public final class LogLevels {

  /** Most verbose first: where two connectors raise one package, the more verbose level wins. */
  private static final List<String> ORDER =
      List.of("ALL", "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL", "OFF");

  private LogLevels() {}

  /** The levels the cluster's workers should have, by logger. */
  public static SortedMap<String, String> desired(
      KafkaConnectSpec spec, Collection<KafkaConnector> connectors) {
    SortedMap<String, String> levels = new TreeMap<>();
    for (KafkaConnector connector : connectors) {
      var cs = connector.getSpec();
      if (cs == null || cs.logLevel == null || cs.connectorClass == null) {
        continue;
      }
      levels.merge(packageOf(cs.connectorClass), cs.logLevel, LogLevels::moreVerbose);
    }
    // The cluster's own list is the last word on a logger it names.
    if (spec.logging != null && spec.logging.loggers != null) {
      levels.putAll(spec.logging.loggers);
    }
    return levels;
  }

  static String packageOf(String className) {
    int dot = className.lastIndexOf('.');
    return dot < 0 ? className : className.substring(0, dot);
  }

  private static String moreVerbose(String a, String b) {
    return ORDER.indexOf(a) <= ORDER.indexOf(b) ? a : b;
  }

  /** The ConfigMap file the worker applies at start: {@code logger=LEVEL} lines. */
  public static String render(SortedMap<String, String> levels) {
    StringBuilder text = new StringBuilder();
    levels.forEach((logger, level) -> text.append(logger).append('=').append(level).append('\n'));
    return text.toString();
  }

  /**
   * What to set now: every desired logger a worker reports at another level, and every logger set
   * before ({@code applied}) but no longer desired, back to the root logger's level.
   */
  public static SortedMap<String, String> changes(
      Map<String, String> desired, Map<String, LoggerLevel> observed, Map<String, String> applied) {
    SortedMap<String, String> changes = new TreeMap<>();
    desired.forEach(
        (logger, level) -> {
          LoggerLevel now = observed.get(logger);
          if (now == null || !level.equalsIgnoreCase(now.level())) {
            changes.put(logger, level);
          }
        });
    LoggerLevel root = observed.get("root");
    if (applied != null && root != null) {
      applied.keySet().stream()
          .filter(logger -> !desired.containsKey(logger) && !logger.equals("root"))
          .filter(
              logger ->
                  observed.get(logger) != null
                      && !root.level().equalsIgnoreCase(observed.get(logger).level()))
          .forEach(logger -> changes.put(logger, root.level()));
    }
    return changes;
  }

  /** What status shows: the desired loggers at the level a worker reports. */
  public static SortedMap<String, String> observed(
      Map<String, String> desired, Map<String, LoggerLevel> observed) {
    SortedMap<String, String> shown = new TreeMap<>();
    desired
        .keySet()
        .forEach(
            logger -> {
              LoggerLevel level = observed.get(logger);
              if (level != null) {
                shown.put(logger, level.level());
              }
            });
    return shown;
  }
}
