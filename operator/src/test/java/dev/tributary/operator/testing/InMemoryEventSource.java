package dev.tributary.operator.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** An informer event source whose cache the test fills, for unit tests of reconcilers. */
public final class InMemoryEventSource<R extends HasMetadata, P extends HasMetadata>
    extends AbstractEventSource<R, P> implements IndexedResourceCache<R> {

  private final InMemoryCache<R> cache = new InMemoryCache<>();

  public InMemoryEventSource(Class<R> type, String indexName, Function<R, List<String>> indexer) {
    super(type);
    cache.addIndexer(indexName, indexer);
  }

  public InMemoryEventSource<R, P> put(R resource) {
    cache.put(resource);
    return this;
  }

  public void remove(R resource) {
    cache.remove(ResourceID.fromResource(resource));
  }

  @Override
  public Set<R> getSecondaryResources(P primary) {
    return Set.of();
  }

  @Override
  public List<R> byIndex(String indexName, String key) {
    return cache.byIndex(indexName, key);
  }

  @Override
  public Stream<R> list(String namespace, Predicate<R> predicate) {
    return cache.list(namespace, predicate);
  }

  @Override
  public Optional<R> get(ResourceID id) {
    return cache.get(id);
  }

  @Override
  public Stream<ResourceID> keys() {
    return cache.keys();
  }

  @Override
  public Stream<R> list(Predicate<R> predicate) {
    return cache.list(predicate);
  }
}
