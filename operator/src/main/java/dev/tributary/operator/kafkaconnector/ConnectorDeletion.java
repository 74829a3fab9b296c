package dev.tributary.operator.kafkaconnector;

import dev.tributary.api.v1alpha1.KafkaConnect;
import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.operator.connectapi.ConnectApi;
import dev.tributary.operator.connectapi.ConnectRestException;
import dev.tributary.operator.connectpoll.ClusterPoller;
import dev.tributary.operator.events.Events;
import dev.tributary.operator.model.ClusterNames;
import dev.tributary.operator.model.OffsetsPlan;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What deleting a KafkaConnector does in Connect: its connector goes, its offsets if asked. */
final class ConnectorDeletion {

  /**
   * How long a deleted KafkaConnector waits for its cluster's REST API to delete the connector
   * before it lets go: a cluster that never answers must not keep the object for ever.
   */
  static final Duration GIVE_UP = Duration.ofMinutes(2);

  private static final Duration WAIT = Duration.ofSeconds(5);

  /** How soon a connector stopped for an offsets reset is looked at again. */
  private static final Duration STOPPING_CHECK = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(ConnectorDeletion.class);

  private ConnectorDeletion() {}

  /**
   * Deletes {@code cr}'s connector from Connect (first resetting its offsets when it opted in);
   * whether the KafkaConnector may go.
   */
  static DeleteControl delete(
      KafkaConnector cr,
      KafkaConnect cluster,
      Supplier<ClusterPoller> poller,
      Runnable stopPollingIfLast,
      Events events,
      Clock clock) {
    ClusterNames names = ClusterNames.referencedBy(cr);
    if (cluster == null || Integer.valueOf(0).equals(cluster.getSpec().replicas)) {
      // No cluster, no connector to delete: let the KafkaConnector go.
      return DeleteControl.defaultDelete();
    }
    try {
      ConnectApi api = poller.get().api();
      String name = ClusterNames.connectorName(cr);
      switch (OffsetsPlan.onDelete(cr, api.connectorStatus(name).map(s -> s.connector().state()))) {
        case STOP -> {
          if (deletingFor(cr, clock).compareTo(GIVE_UP) < 0) {
            api.stopConnector(name);
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(STOPPING_CHECK);
          }
          // A connector that never stops must not keep the KafkaConnector for ever.
          events.warning(
              cr,
              "OffsetsNotReset",
              "connector "
                  + name
                  + " did not stop within "
                  + GIVE_UP
                  + "; deleting it with its offsets kept");
        }
        case RESET_THEN_DELETE -> {
          api.deleteOffsets(name);
          events.normal(
              cr, "OffsetsReset", "reset the offsets of connector " + name + " before deleting it");
        }
        case DELETE -> {}
      }
      api.deleteConnector(name);
      stopPollingIfLast.run();
      events.normal(
          cr,
          "ConnectorDeleted",
          "deleted connector "
              + cr.getMetadata().getName()
              + " from KafkaConnect '"
              + names.cluster()
              + "'");
      return DeleteControl.defaultDelete();
    } catch (ConnectRestException e) {
      if (deletingFor(cr, clock).compareTo(GIVE_UP) >= 0) {
        LOG.warn(
            "KafkaConnector {}/{}: Connect did not delete the connector within {}; letting the"
                + " KafkaConnector go. The connector may remain on KafkaConnect '{}': {}",
            cr.getMetadata().getNamespace(),
            cr.getMetadata().getName(),
            GIVE_UP,
            names.cluster(),
            e.getMessage());
        events.warning(
            cr,
            "DeleteGivenUp",
            "Connect did not delete the connector within "
                + GIVE_UP
                + "; it may remain on KafkaConnect '"
                + names.cluster()
                + "'");
        return DeleteControl.defaultDelete();
      }
      LOG.info(
          "deleting connector {} from Connect failed, will retry: {}",
          cr.getMetadata().getName(),
          e.getMessage());
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(WAIT);
    }
  }

  private static Duration deletingFor(KafkaConnector cr, Clock clock) {
    String since = cr.getMetadata().getDeletionTimestamp();
    return since == null ? Duration.ZERO : Duration.between(Instant.parse(since), clock.instant());
  }
}
