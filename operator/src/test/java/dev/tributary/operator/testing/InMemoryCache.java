package dev.tributary.operator.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** An informer cache in a list, with JOSDK's indexers, for unit tests of reconcilers. */
public final class InMemoryCache<T extends HasMetadata> implements IndexedResourceCache<T> {

  private final List<T> items = new CopyOnWriteArrayList<>();
  private final Map<String, Function<T, List<String>>> indexers = new ConcurrentHashMap<>();

  public void put(T item) {
    remove(ResourceID.fromResource(item));
    items.add(item);
  }

  public void remove(ResourceID id) {
    items.removeIf(i -> ResourceID.fromResource(i).equals(id));
  }

  public void addIndexer(String name, Function<T, List<String>> indexer) {
    indexers.put(name, indexer);
  }

  @Override
  public List<T> byIndex(String indexName, String key) {
    Function<T, List<String>> indexer = Objects.requireNonNull(indexers.get(indexName), indexName);
    return items.stream().filter(i -> indexer.apply(i).contains(key)).toList();
  }

  @Override
  public Stream<T> list(String namespace, Predicate<T> predicate) {
    return items.stream()
        .filter(i -> Objects.equals(namespace, i.getMetadata().getNamespace()))
        .filter(predicate);
  }

  @Override
  public Optional<T> get(ResourceID id) {
    return items.stream().filter(i -> ResourceID.fromResource(i).equals(id)).findFirst();
  }

  @Override
  public Stream<ResourceID> keys() {
    return items.stream().map(ResourceID::fromResource);
  }

  @Override
  public Stream<T> list(Predicate<T> predicate) {
    return items.stream().filter(predicate);
  }
}
