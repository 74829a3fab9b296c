package dev.tributary.operator.kafkaconnector;

import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.operator.connectapi.ConnectApi;
import dev.tributary.operator.connectapi.dto.ConnectorOverview;
import dev.tributary.operator.events.Events;
import dev.tributary.operator.events.Notice;
import dev.tributary.operator.model.ClusterNames;
import java.util.Objects;

/**
 * spec.restartTrigger: a restart users can keep in Git. A value different from the last one acted
 * on (status.lastRestartTrigger) restarts a connector that already ran; the same value re-applied
 * restarts nothing, and a connector created with a value is not restarted for it.
 */
final class RestartTrigger {

  private RestartTrigger() {}

  /** Whether {@code cr}'s trigger asks for a restart of a connector that existed before. */
  static boolean due(KafkaConnector cr, ConnectorOverview existedBefore) {
    String wanted = cr.getSpec().restartTrigger;
    String done = cr.getStatus() == null ? null : cr.getStatus().lastRestartTrigger;
    return wanted != null && !Objects.equals(wanted, done) && existedBefore != null;
  }

  static void restartIfDue(
      KafkaConnector cr, ConnectorOverview existedBefore, ConnectApi api, Events events) {
    if (!due(cr, existedBefore)) {
      return;
    }
    restartWithTasks(
        cr,
        api,
        events,
        "ConnectorRestarted",
        "spec.restartTrigger is now '" + cr.getSpec().restartTrigger + "'");
  }

  /** Restarts the connector and all its tasks, and says why in a Normal Event. */
  static void restartWithTasks(
      KafkaConnector cr, ConnectApi api, Events events, String reason, String why) {
    api.restartConnector(ClusterNames.connectorName(cr), true, false);
    events.record(
        cr,
        new Notice(
            false,
            reason,
            "restarted connector " + cr.getMetadata().getName() + " and its tasks: " + why));
  }
}
