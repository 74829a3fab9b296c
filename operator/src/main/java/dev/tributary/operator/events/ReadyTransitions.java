package dev.tributary.operator.events;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An Event when a resource's Ready condition turns to one of the failures a user must act on (a
 * Warning with its reason and message), and when it is Ready again after one (Normal). Only changes
 * are reported, so a state that lasts produces one Event, not one per reconcile.
 */
public final class ReadyTransitions {
  private ReadyTransitions() {}

  /** The Event to record for a change from {@code before} to {@code after}, if any. */
  public static Optional<Notice> between(
      List<Condition> before, List<Condition> after, Set<String> failures) {
    return between(before, after, failures, false);
  }

  /**
   * As above; when {@code repeated} (a worker failed again the same way), the failure's Event once
   * more, with the same text, so that the one Event counts it as Kubernetes counts its own.
   */
  public static Optional<Notice> between(
      List<Condition> before, List<Condition> after, Set<String> failures, boolean repeated) {
    Optional<Condition> was = ready(before);
    Optional<Condition> now = ready(after);
    boolean unchanged =
        was.isPresent()
            && now.isPresent()
            && Objects.equals(was.get().getReason(), now.get().getReason())
            && Objects.equals(was.get().getStatus(), now.get().getStatus());
    if (now.isEmpty() || unchanged && !repeated) {
      return Optional.empty();
    }
    Condition ready = now.get();
    if (failures.contains(ready.getReason())) {
      return Optional.of(new Notice(true, ready.getReason(), eventText(ready.getMessage())));
    }
    if (unchanged) {
      return Optional.empty();
    }
    boolean recovered =
        "True".equals(ready.getStatus())
            && was.isPresent()
            && failures.contains(was.get().getReason());
    return recovered
        ? Optional.of(new Notice(false, ready.getReason(), ready.getMessage()))
        : Optional.empty();
  }

  /** Records the Event for that change, if any. */
  public static void record(
      Events events,
      HasMetadata about,
      List<Condition> before,
      List<Condition> after,
      Set<String> failures) {
    record(events, about, before, after, failures, false);
  }

  /** Records the Event for that change or repeat, if any. */
  public static void record(
      Events events,
      HasMetadata about,
      List<Condition> before,
      List<Condition> after,
      Set<String> failures,
      boolean repeated) {
    between(before, after, failures, repeated).ifPresent(notice -> events.record(about, notice));
  }

  /**
   * A condition's message as an Event's: without the trailing "(pod ..., restarted N times; ...)"
   * of a failing worker (and what a roll adds after it), which changes with every restart while the
   * failure stays the same.
   */
  static String eventText(String message) {
    return message == null ? null : message.replaceFirst(" \\(pod [^()]*\\)(;.*)?$", "");
  }

  private static Optional<Condition> ready(List<Condition> conditions) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> "Ready".equals(c.getType())).findFirst();
  }
}
