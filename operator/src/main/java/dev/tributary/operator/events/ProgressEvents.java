package dev.tributary.operator.events;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records the Started and Finished Events of scaling and rolling updates, once each. A reconcile
 * can start from a cached copy that does not yet hold the status the previous one wrote (a write
 * refused as stale is retried from such a copy); compared with it, a change already reported would
 * be reported again. So the last Event recorded per resource is remembered, and the same Started
 * again within a minute, with no Finished between, is not repeated.
 */
public final class ProgressEvents {

  static final Duration REPEAT_WINDOW = Duration.ofMinutes(1);

  private final Events events;
  private final Clock clock;
  private final Map<String, Recorded> last = new ConcurrentHashMap<>();

  private record Recorded(String reason, Instant at) {}

  public ProgressEvents(Events events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  /** Records the Event for the change from {@code before} to {@code after}, unless repeated. */
  public void record(HasMetadata about, List<Condition> before, List<Condition> after) {
    Optional<Notice> notice = ProgressTransitions.between(before, after);
    if (notice.isEmpty()) {
      return;
    }
    String uid = about.getMetadata().getUid();
    Instant now = clock.instant();
    Recorded previous = last.get(uid);
    if (previous != null
        && notice.get().reason().endsWith("Started")
        && previous.reason().equals(notice.get().reason())
        && now.isBefore(previous.at().plus(REPEAT_WINDOW))) {
      return;
    }
    last.put(uid, new Recorded(notice.get().reason(), now));
    events.record(about, notice.get());
  }
}
