package dev.tributary.operator.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events written as core/v1 Events, deduplicated as the kubelet does: the same reason and message
 * about the same object within {@link #SAME_EVENT} updates one Event's count and last time, so a
 * condition that repeats on every reconcile never becomes a storm. Best effort: a failed write is
 * logged, never a reconcile failure.
 */
public final class KubernetesEvents implements Events {

  static final Duration SAME_EVENT = Duration.ofMinutes(10);
  static final String COMPONENT = "tributary-operator";
  private static final int MAX_MESSAGE = 1024;
  private static final int REMEMBERED = 4096;
  private static final Logger LOG = LoggerFactory.getLogger(KubernetesEvents.class);

  /** What was last written for one (object, type, reason, message). */
  private record Written(String namespace, String name, int count, Instant last) {}

  private final KubernetesClient client;
  private final Clock clock;
  private final Map<String, Written> recent =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Written> eldest) {
          return size() > REMEMBERED;
        }
      };

  public KubernetesEvents(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  @Override
  public void normal(HasMetadata about, String reason, String message) {
    record(about, "Normal", reason, message);
  }

  @Override
  public void warning(HasMetadata about, String reason, String message) {
    record(about, "Warning", reason, message);
  }

  private void record(HasMetadata about, String type, String reason, String message) {
    String text =
        message == null
            ? ""
            : message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
    String key = about.getMetadata().getUid() + "|" + type + "|" + reason + "|" + text;
    Instant now = clock.instant();
    Written previous;
    synchronized (recent) {
      previous = recent.get(key);
    }
    try {
      Written written =
          previous != null && previous.last().plus(SAME_EVENT).isAfter(now)
              ? repeat(previous, now)
              : null;
      if (written == null) {
        // First time, long after, or the earlier Event is gone (Events expire).
        written = create(about, type, reason, text, now);
      }
      synchronized (recent) {
        recent.put(key, written);
      }
    } catch (KubernetesClientException e) {
      LOG.warn(
          "could not record Event {} on {}: {}",
          reason,
          about.getMetadata().getName(),
          e.getMessage());
    }
  }

  /** Counts a repeat on the earlier Event; null when that Event no longer exists. */
  private Written repeat(Written previous, Instant now) {
    int count = previous.count() + 1;
    try {
      client
          .v1()
          .events()
          .inNamespace(previous.namespace())
          .withName(previous.name())
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              "{\"count\":" + count + ",\"lastTimestamp\":\"" + now + "\"}");
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return null;
      }
      throw e;
    }
    return new Written(previous.namespace(), previous.name(), count, now);
  }

  private Written create(HasMetadata about, String type, String reason, String text, Instant now) {
    String namespace = about.getMetadata().getNamespace();
    // Named as Kubernetes names Events: the object's name and a unique suffix.
    String name =
        about.getMetadata().getName()
            + "."
            + Long.toHexString(now.toEpochMilli())
            + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000));
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .endMetadata()
            .withInvolvedObject(
                new ObjectReferenceBuilder()
                    .withApiVersion(about.getApiVersion())
                    .withKind(about.getKind())
                    .withName(about.getMetadata().getName())
                    .withNamespace(namespace)
                    .withUid(about.getMetadata().getUid())
                    .build())
            .withType(type)
            .withReason(reason)
            .withMessage(text)
            .withCount(1)
            .withFirstTimestamp(now.toString())
            .withLastTimestamp(now.toString())
            .withNewSource()
            .withComponent(COMPONENT)
            .endSource()
            .withReportingComponent("tributary.dev/" + COMPONENT)
            .build();
    client.v1().events().inNamespace(namespace).resource(event).create();
    return new Written(namespace, name, 1, now);
  }
}
