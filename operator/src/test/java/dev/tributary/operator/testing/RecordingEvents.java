package dev.tributary.operator.testing;

import dev.tributary.operator.events.Events;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Events kept in a list, as {@code Warning|Normal reason: message}, for tests. */
public final class RecordingEvents implements Events {

  private final List<String> recorded = new CopyOnWriteArrayList<>();

  @Override
  public void normal(HasMetadata about, String reason, String message) {
    recorded.add("Normal " + reason + ": " + message);
  }

  @Override
  public void warning(HasMetadata about, String reason, String message) {
    recorded.add("Warning " + reason + ": " + message);
  }

  public List<String> recorded() {
    return List.copyOf(recorded);
  }

  /** Just the types and reasons, e.g. {@code Normal ConnectorCreated}. */
  public List<String> reasons() {
    return recorded.stream().map(e -> e.substring(0, e.indexOf(':'))).toList();
  }
}
