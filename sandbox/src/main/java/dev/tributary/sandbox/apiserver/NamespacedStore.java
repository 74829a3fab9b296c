package dev.tributary.sandbox.apiserver;

import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.CrudDispatcher;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CRUD mock's store, kept per namespace as well. fabric8's mock answers every request by
 * matching it against every stored object, so at 10,000 objects each request scans them all and the
 * mock, not the operator, sets the pace. A real API server finds an object by its key. Here a
 * request that names a namespace in its path is matched only against that namespace's objects: the
 * same answer, since an object of another namespace never matches such a request, in time that
 * grows with the namespace rather than the whole store. Requests naming no namespace still scan
 * everything.
 */
final class NamespacedStore extends AbstractMap<AttributeSet, String> {

  private static final Pattern NAMESPACED = Pattern.compile("^/apis?/.*?/namespaces/([^/?]+)/.+");
  private static final ThreadLocal<String> SCOPE = new ThreadLocal<>();

  private final Map<AttributeSet, String> all = new LinkedHashMap<>();
  private final Map<String, Map<AttributeSet, String>> byNamespace = new HashMap<>();

  /** Puts a new, empty store in place of the mock's own (before anything is stored). */
  static void install(KubernetesMixedDispatcher dispatcher) {
    try {
      var crudField = KubernetesMixedDispatcher.class.getDeclaredField("kubernetesCrudDispatcher");
      crudField.setAccessible(true);
      Object crud = crudField.get(dispatcher);
      var mapField = CrudDispatcher.class.getDeclaredField("map");
      mapField.setAccessible(true);
      mapField.set(crud, new NamespacedStore());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("fabric8's CRUD mock changed its fields: " + e, e);
    }
  }

  /**
   * Runs {@code work} (one request to the mock) matching only the objects of the namespace its
   * {@code path} names, if it names one.
   */
  static <T> T scopedTo(String path, Supplier<T> work) {
    Matcher namespaced = NAMESPACED.matcher(path);
    String previous = SCOPE.get();
    SCOPE.set(namespaced.matches() ? namespaced.group(1) : null);
    try {
      return work.get();
    } finally {
      SCOPE.set(previous);
    }
  }

  private static String namespaceOf(Object key) {
    if (!(key instanceof AttributeSet set)) {
      return "";
    }
    Attribute namespace = set.getAttribute("namespace");
    return namespace == null || namespace.getValues().isEmpty()
        ? ""
        : namespace.getValues().get(0).toString();
  }

  @Override
  public String put(AttributeSet key, String value) {
    byNamespace.computeIfAbsent(namespaceOf(key), n -> new LinkedHashMap<>()).put(key, value);
    return all.put(key, value);
  }

  @Override
  public String remove(Object key) {
    Map<AttributeSet, String> namespace = byNamespace.get(namespaceOf(key));
    if (namespace != null) {
      namespace.remove(key);
    }
    return all.remove(key);
  }

  @Override
  public String get(Object key) {
    return all.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return all.containsKey(key);
  }

  @Override
  public void clear() {
    all.clear();
    byNamespace.clear();
  }

  @Override
  public Set<Entry<AttributeSet, String>> entrySet() {
    String scope = SCOPE.get();
    Map<AttributeSet, String> visible =
        scope == null ? all : byNamespace.getOrDefault(scope, Map.of());
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<AttributeSet, String>> iterator() {
        Iterator<Entry<AttributeSet, String>> entries = visible.entrySet().iterator();
        return new Iterator<>() {
          private Entry<AttributeSet, String> last;

          @Override
          public boolean hasNext() {
            return entries.hasNext();
          }

          @Override
          public Entry<AttributeSet, String> next() {
            last = entries.next();
            return last;
          }

          @Override
          public void remove() {
            AttributeSet key = last.getKey();
            entries.remove();
            if (visible == all) {
              Map<AttributeSet, String> namespace = byNamespace.get(namespaceOf(key));
              if (namespace != null) {
                namespace.remove(key);
              }
            } else {
              all.remove(key);
            }
          }
        };
      }

      @Override
      public int size() {
        return visible.size();
      }
    };
  }
}
