package dev.tributary.operator.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tributary.api.v1alpha1.ConnectorOffsets;
import dev.tributary.api.v1alpha1.KafkaConnector;
import dev.tributary.api.v1alpha1.OffsetsStatus;
import dev.tributary.operator.connectapi.dto.Offsets;
import java.util.Locale;
import java.util.Optional;

/**
 * spec.offsets as one-shot operations (KIP-875): which one is due, and what status says of it.
 * Connect changes offsets only of a STOPPED connector, so while one is due the connector is held
 * STOPPED; an operation is recorded done in the same status write that ends the hold, before the
 * connector runs again, so an operator restart at any point repeats it at most while the connector
 * is still stopped, where doing it twice changes nothing.
 */
public final class OffsetsPlan {

  /** The key of the listing and of an alter's source ConfigMap. */
  public static final String KEY = "offsets.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public enum Kind {
    ALTER,
    RESET
  }

  /** One operation: its kind, the trigger it is for and, for an alter, the source ConfigMap. */
  public record Operation(Kind kind, String trigger, String configMap) {
    public String describe() {
      return kind.name().toLowerCase(Locale.ROOT) + " " + trigger;
    }
  }

  private OffsetsPlan() {}

  /**
   * The operation the spec asks for that is not done yet (a reset before an alter). A
   * KafkaConnector new to the operator whose connector already exists in Connect takes its triggers
   * as done ({@link #adopts}): offsets a connector has built up are not rewound because its object
   * was re-created.
   */
  public static Optional<Operation> due(KafkaConnector cr, boolean existsInConnect) {
    ConnectorOffsets offsets = cr.getSpec() == null ? null : cr.getSpec().offsets;
    if (offsets == null) {
      return Optional.empty();
    }
    if (adopts(cr, existsInConnect)) {
      return Optional.empty();
    }
    OffsetsStatus done = statusOf(cr);
    if (offsets.reset != null
        && offsets.reset.trigger != null
        && !offsets.reset.trigger.equals(done == null ? null : done.lastResetTrigger)) {
      return Optional.of(new Operation(Kind.RESET, offsets.reset.trigger, null));
    }
    if (offsets.alter != null
        && offsets.alter.trigger != null
        && !offsets.alter.trigger.equals(done == null ? null : done.lastAlterTrigger)) {
      return Optional.of(
          new Operation(Kind.ALTER, offsets.alter.trigger, offsets.alter.fromConfigMap));
    }
    return Optional.empty();
  }

  /**
   * Whether this is a KafkaConnector the operator has not reconciled yet for a connector Connect
   * already has: its triggers are taken as done.
   */
  public static boolean adopts(KafkaConnector cr, boolean existsInConnect) {
    return cr.getStatus() == null && existsInConnect && cr.getSpec().offsets != null;
  }

  /** The status once {@code op} is done, with Connect's answer or why it was refused. */
  public static OffsetsStatus done(KafkaConnector cr, Operation op, String result) {
    OffsetsStatus status = copy(statusOf(cr));
    if (op.kind() == Kind.ALTER) {
      status.lastAlterTrigger = op.trigger();
    } else {
      status.lastResetTrigger = op.trigger();
    }
    status.inProgress = null;
    status.lastResult = result;
    return status;
  }

  /** The status while {@code op} waits for the connector to stop. */
  public static OffsetsStatus inProgress(KafkaConnector cr, Operation op) {
    OffsetsStatus status = copy(statusOf(cr));
    status.inProgress = op.describe();
    return status;
  }

  /**
   * The status of a KafkaConnector whose triggers are taken as done (see {@link #due}): the
   * triggers it has, recorded without acting.
   */
  public static OffsetsStatus adopted(KafkaConnector cr) {
    ConnectorOffsets offsets = cr.getSpec().offsets;
    OffsetsStatus status = copy(statusOf(cr));
    if (offsets.alter != null && status.lastAlterTrigger == null) {
      status.lastAlterTrigger = offsets.alter.trigger;
    }
    if (offsets.reset != null && status.lastResetTrigger == null) {
      status.lastResetTrigger = offsets.reset.trigger;
    }
    return status;
  }

  /** Offsets from an alter's ConfigMap; the message names what is wrong. */
  public static Offsets parse(String configMap, String json) {
    if (json == null || json.isBlank()) {
      throw new IllegalArgumentException(
          "ConfigMap '" + configMap + "' has no key " + KEY + " with the offsets to set");
    }
    try {
      Offsets offsets = JSON.readValue(json, Offsets.class);
      if (offsets.offsets() == null || offsets.offsets().isEmpty()) {
        throw new IllegalArgumentException(
            "ConfigMap '"
                + configMap
                + "' key "
                + KEY
                + " lists no offsets: expected {\"offsets\": [{\"partition\": {...}, \"offset\":"
                + " {...}}]}, as the listing shows them");
      }
      for (var entry : offsets.offsets()) {
        if (entry.partition() == null) {
          throw new IllegalArgumentException(
              "ConfigMap '" + configMap + "' key " + KEY + ": an entry has no \"partition\"");
        }
      }
      return offsets;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "ConfigMap '" + configMap + "' key " + KEY + " is not JSON: " + e.getOriginalMessage(),
          e);
    }
  }

  /** The listing, as the ConfigMap holds it. */
  public static String render(Offsets offsets) {
    try {
      return JSON.writeValueAsString(offsets) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("offsets are plain data", e);
    }
  }

  private static OffsetsStatus statusOf(KafkaConnector cr) {
    return cr.getStatus() == null ? null : cr.getStatus().offsets;
  }

  private static OffsetsStatus copy(OffsetsStatus from) {
    OffsetsStatus to = new OffsetsStatus();
    if (from != null) {
      to.lastAlterTrigger = from.lastAlterTrigger;
      to.lastResetTrigger = from.lastResetTrigger;
      to.inProgress = from.inProgress;
      to.lastResult = from.lastResult;
    }
    return to;
  }

  /** What deleting a connector takes next, from its state in Connect. */
  public enum DeleteStep {
    /** Delete it (no reset asked, or nothing left in Connect to reset). */
    DELETE,
    /** Ask Connect to stop it, then wait: offsets can be reset only while it is STOPPED. */
    STOP,
    /** It is stopped: reset its offsets, then delete it. */
    RESET_THEN_DELETE
  }

  /**
   * The next step of deleting {@code cr}'s connector, whose state Connect reports as {@code state}
   * (empty when Connect does not have it).
   */
  public static DeleteStep onDelete(KafkaConnector cr, Optional<String> state) {
    boolean reset =
        cr.getSpec() != null
            && cr.getSpec().offsets != null
            && Boolean.TRUE.equals(cr.getSpec().offsets.resetOnDelete);
    if (!reset || state.isEmpty()) {
      return DeleteStep.DELETE;
    }
    return "STOPPED".equals(state.get()) ? DeleteStep.RESET_THEN_DELETE : DeleteStep.STOP;
  }
}
