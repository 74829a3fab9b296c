package dev.tributary.operator.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.api.reconciler.dependent.managed.ManagedWorkflowAndDependentResourceContext;
import io.javaoperatorsdk.operator.processing.event.EventSourceRetriever;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.controller.ControllerEventSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * A reconcile's {@link Context} without JOSDK running: secondary resources set by the test, the
 * primary cache in memory, and an event source registry that starts and stops what a reconciler
 * registers dynamically, as JOSDK's does.
 */
public final class TestContext<P extends HasMetadata> implements Context<P> {

  private final P primary;
  private final InMemoryCache<P> primaryCache;
  private final Map<Class<?>, Object> secondaries = new LinkedHashMap<>();
  private final Registry registry = new Registry();

  public TestContext(P primary, InMemoryCache<P> primaryCache) {
    this.primary = primary;
    this.primaryCache = primaryCache;
  }

  /** The secondary resource of {@code type} this reconcile sees; null for none. */
  public <R> TestContext<P> with(Class<R> type, R resource) {
    if (resource == null) {
      secondaries.remove(type);
    } else {
      secondaries.put(type, resource);
    }
    return this;
  }

  /** An event source registered up front, as {@code prepareEventSources} would. */
  public TestContext<P> withSource(EventSource<?, P> source) {
    registry.sources.put(source.name(), source);
    return this;
  }

  /** The event sources registered now, by name. */
  public Map<String, EventSource<?, P>> sources() {
    return Map.copyOf(registry.sources);
  }

  @Override
  public Optional<RetryInfo> getRetryInfo() {
    return Optional.empty();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <R> Set<R> getSecondaryResources(Class<R> type) {
    Object resource = secondaries.get(type);
    return resource == null ? Set.of() : Set.of((R) resource);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <R> Optional<R> getSecondaryResource(Class<R> type, String eventSourceName) {
    return Optional.ofNullable((R) secondaries.get(type));
  }

  @Override
  public ControllerConfiguration<P> getControllerConfiguration() {
    throw new UnsupportedOperationException();
  }

  @Override
  public ManagedWorkflowAndDependentResourceContext managedWorkflowAndDependentResourceContext() {
    throw new UnsupportedOperationException();
  }

  @Override
  public EventSourceRetriever<P> eventSourceRetriever() {
    return registry;
  }

  @Override
  public KubernetesClient getClient() {
    throw new UnsupportedOperationException();
  }

  @Override
  public ExecutorService getWorkflowExecutorService() {
    throw new UnsupportedOperationException();
  }

  @Override
  public P getPrimaryResource() {
    return primary;
  }

  @Override
  public IndexedResourceCache<P> getPrimaryCache() {
    return primaryCache;
  }

  @Override
  public boolean isNextReconciliationImminent() {
    return false;
  }

  @Override
  public boolean isPrimaryResourceDeleted() {
    return false;
  }

  @Override
  public boolean isPrimaryResourceFinalStateUnknown() {
    return false;
  }

  private final class Registry implements EventSourceRetriever<P> {
    private final Map<String, EventSource<?, P>> sources = new LinkedHashMap<>();

    @Override
    @SuppressWarnings("unchecked")
    public <R> EventSource<R, P> getEventSourceFor(Class<R> type, String name) {
      return (EventSource<R, P>)
          sources.values().stream()
              .filter(s -> s.resourceType().equals(type))
              .filter(s -> name == null || name.equals(s.name()))
              .findFirst()
              .orElseThrow(() -> new IllegalArgumentException("no event source for " + type));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> List<EventSource<R, P>> getEventSourcesFor(Class<R> type) {
      List<EventSource<R, P>> matching = new ArrayList<>();
      sources.values().stream()
          .filter(s -> s.resourceType().equals(type))
          .forEach(s -> matching.add((EventSource<R, P>) s));
      return matching;
    }

    @Override
    public ControllerEventSource<P> getControllerEventSource() {
      throw new UnsupportedOperationException();
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <R> EventSource<R, P> dynamicallyRegisterEventSource(
        EventSource<R, P> source) {
      EventSource<R, P> registered =
          (EventSource<R, P>) sources.computeIfAbsent(source.name(), n -> source);
      registered.start();
      return registered;
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <R> Optional<EventSource<R, P>> dynamicallyDeRegisterEventSource(
        String name) {
      EventSource<R, P> removed = (EventSource<R, P>) sources.remove(name);
      if (removed != null) {
        removed.stop();
      }
      return Optional.ofNullable(removed);
    }

    @Override
    public EventSourceContext<P> eventSourceContextForDynamicRegistration() {
      throw new UnsupportedOperationException();
    }
  }

  /** Stops every source still registered, as JOSDK does when the operator stops. */
  public void stopAll() {
    registry.sources.values().forEach(EventSource::stop);
    registry.sources.clear();
  }
}
