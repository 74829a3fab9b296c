package dev.tributary.operator.kafkaconnect;

import dev.tributary.operator.connectapi.ConnectApi;
import dev.tributary.operator.connectapi.ConnectRestException;
import dev.tributary.operator.connectapi.dto.LoggerLevel;
import dev.tributary.operator.model.LogLevels;
import java.util.Map;
import java.util.SortedMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a running cluster's log levels to what its KafkaConnect and KafkaConnectors ask for,
 * through {@code /admin/loggers} with {@code scope=cluster} (no roll), and answers what a worker
 * reports for status.
 */
final class LogLevelSync {

  private static final Logger LOG = LoggerFactory.getLogger(LogLevelSync.class);

  private LogLevelSync() {}

  /**
   * @param applied the levels status showed last time: those no longer desired go back to root's
   * @return the levels for status; {@code applied} again when Connect could not be asked
   */
  static Map<String, String> sync(
      ConnectApi api,
      String cluster,
      SortedMap<String, String> desired,
      Map<String, String> applied) {
    if (desired.isEmpty() && (applied == null || applied.isEmpty())) {
      return null;
    }
    try {
      Map<String, LoggerLevel> observed = api.loggers();
      SortedMap<String, String> changes = LogLevels.changes(desired, observed, applied);
      if (!changes.isEmpty()) {
        LOG.info("KafkaConnect {}: setting log levels {}", cluster, changes);
        changes.forEach(api::setClusterLoggerLevel);
        // Connect applies a cluster-wide level through its config topic: what a worker reports
        // now may not show it yet, and the next reconcile reads again.
        observed = api.loggers();
      }
      SortedMap<String, String> shown = LogLevels.observed(desired, observed);
      return shown.isEmpty() ? null : shown;
    } catch (ConnectRestException e) {
      LOG.warn("KafkaConnect {}: log levels not set yet: {}", cluster, e.getMessage());
      return applied;
    }
  }
}
