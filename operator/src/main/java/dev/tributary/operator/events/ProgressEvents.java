package dev.tributary.operator.events;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records the Started and Finished Events of scaling and rolling updates, once each. A reconcile
 * can start from a cached copy that does not yet hold the status the previous one wrote; compared
 * with it, a change already reported would be reported again. So the last Event recorded per
 * resource is remembered, and a Started equal to it, for the same generation, is not repeated.
 */
public final class ProgressEvents {

  private final Events events;
  private final Map<String, Recorded> last = new ConcurrentHashMap<>();

  private record Recorded(String reason, Long generation) {}

  public ProgressEvents(Events events) {
    this.events = events;
  }

  /** Records the Event for the change from {@code before} to {@code after}, unless repeated. */
  public void record(HasMetadata about, List<Condition> before, List<Condition> after) {
    Optional<Notice> notice = ProgressTransitions.between(before, after);
    if (notice.isEmpty()) {
      return;
    }
    var recorded = new Recorded(notice.get().reason(), about.getMetadata().getGeneration());
    Recorded previous = last.put(about.getMetadata().getUid(), recorded);
    if (recorded.equals(previous) && notice.get().reason().endsWith("Started")) {
      return;
    }
    events.record(about, notice.get());
  }
}
