package dev.tributary.operator.metrics;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JOSDK's metrics, plus what they lack: when the oldest reconcile still in progress started, so a
 * reconcile stuck on a call that never returns can page someone.
 */
public final class ReconcileWatch implements Metrics {

  private final Metrics delegate;
  private final Clock clock;
  private final Map<Object, Instant> inProgress = new ConcurrentHashMap<>();

  public ReconcileWatch(Metrics delegate, Clock clock) {
    this.delegate = delegate;
    this.clock = clock;
  }

  /** When the oldest reconcile in progress started, if one is. */
  public Optional<Instant> oldestInProgress() {
    return inProgress.values().stream().min(Instant::compareTo);
  }

  /** How long the oldest reconcile in progress has run; zero when none is. */
  public Duration oldestAge() {
    return oldestInProgress()
        .map(start -> Duration.between(start, clock.instant()))
        .orElse(Duration.ZERO);
  }

  @Override
  public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
    Object key = new Object();
    inProgress.put(key, clock.instant());
    try {
      return delegate.timeControllerExecution(execution);
    } finally {
      inProgress.remove(key);
    }
  }

  @Override
  public void controllerRegistered(Controller<? extends HasMetadata> controller) {
    delegate.controllerRegistered(controller);
  }

  @Override
  public void receivedEvent(Event event, Map<String, Object> metadata) {
    delegate.receivedEvent(event, metadata);
  }

  @Override
  public void reconcileCustomResource(
      HasMetadata resource, RetryInfo retryInfo, Map<String, Object> metadata) {
    delegate.reconcileCustomResource(resource, retryInfo, metadata);
  }

  @Override
  public void failedReconciliation(
      HasMetadata resource, Exception exception, Map<String, Object> metadata) {
    delegate.failedReconciliation(resource, exception, metadata);
  }

  @Override
  public void reconciliationExecutionStarted(HasMetadata resource, Map<String, Object> metadata) {
    delegate.reconciliationExecutionStarted(resource, metadata);
  }

  @Override
  public void reconciliationExecutionFinished(HasMetadata resource, Map<String, Object> metadata) {
    delegate.reconciliationExecutionFinished(resource, metadata);
  }

  @Override
  public void cleanupDoneFor(ResourceID resourceID, Map<String, Object> metadata) {
    delegate.cleanupDoneFor(resourceID, metadata);
  }

  @Override
  public void finishedReconciliation(HasMetadata resource, Map<String, Object> metadata) {
    delegate.finishedReconciliation(resource, metadata);
  }

  @Override
  public <T extends Map<?, ?>> T monitorSizeOf(T map, String name) {
    return delegate.monitorSizeOf(map, name);
  }
}
