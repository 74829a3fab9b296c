package dev.tributary.operator.connector;

import dev.tributary.operator.connect.ConnectApi.ConnectorOverview;
import dev.tributary.operator.connect.ConnectRestClient;
import dev.tributary.operator.connect.ConnectRestException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Watches one Connect cluster through a single {@code GET /connectors?expand=status&expand=info}
 * per poll, however many connectors it runs, and names the connectors whose state changed.
 */
final class ClusterPoller {

  /** One poll's answer: every connector, or why there is none. */
  record Snapshot(Map<String, ConnectorOverview> connectors, String error, Instant at) {
    boolean ok() {
      return error == null;
    }
  }

  private final ConnectRestClient rest;
  private final Consumer<Set<String>> onChange;
  private volatile Snapshot snapshot;

  ClusterPoller(ConnectRestClient rest, Consumer<Set<String>> onChange) {
    this.rest = rest;
    this.onChange = onChange;
  }

  String restUrl() {
    return rest.baseUrl();
  }

  ConnectRestClient rest() {
    return rest;
  }

  /** The latest answer; polls now if there is none yet. */
  Snapshot snapshot() {
    Snapshot current = snapshot;
    return current != null ? current : poll();
  }

  /** Asks Connect now, and tells which connectors look different from the last answer. */
  synchronized Snapshot poll() {
    Snapshot previous = snapshot;
    Snapshot next;
    try {
      next = new Snapshot(Map.copyOf(rest.connectorsExpanded()), null, Instant.now());
    } catch (ConnectRestException e) {
      next =
          new Snapshot(
              previous == null || !previous.ok() ? Map.of() : previous.connectors(),
              e.getMessage(),
              Instant.now());
    }
    snapshot = next;
    Set<String> changed = changedConnectors(previous, next);
    if (!changed.isEmpty()) {
      onChange.accept(changed);
    }
    return next;
  }

  static Set<String> changedConnectors(Snapshot previous, Snapshot next) {
    Set<String> changed = new HashSet<>();
    if (previous == null) {
      changed.addAll(next.connectors().keySet());
      return changed;
    }
    if (previous.ok() != next.ok()) {
      changed.addAll(previous.connectors().keySet());
      changed.addAll(next.connectors().keySet());
      return changed;
    }
    Set<String> names = new HashSet<>(previous.connectors().keySet());
    names.addAll(next.connectors().keySet());
    for (String name : names) {
      if (!Objects.equals(previous.connectors().get(name), next.connectors().get(name))) {
        changed.add(name);
      }
    }
    return changed;
  }
}
