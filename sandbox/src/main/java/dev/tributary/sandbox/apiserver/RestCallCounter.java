package dev.tributary.sandbox.apiserver;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Interceptor;
import okhttp3.Response;

/** Counts the operator's Connect REST calls by method and path, to show what a poll costs. */
public final class RestCallCounter implements Interceptor {

  public static final String POLL = "GET /connectors?expand=status&expand=info";

  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

  @Override
  public Response intercept(Chain chain) throws IOException {
    var request = chain.request();
    String query = request.url().encodedQuery();
    String key =
        request.method() + " " + request.url().encodedPath() + (query == null ? "" : "?" + query);
    counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    return chain.proceed(request);
  }

  public Map<String, Long> snapshot() {
    var copy = new TreeMap<String, Long>();
    counts.forEach((k, v) -> copy.put(k, v.get()));
    return copy;
  }

  public void reset() {
    counts.clear();
  }

  public long polls() {
    return snapshot().getOrDefault(POLL, 0L);
  }

  public long total() {
    return snapshot().values().stream().mapToLong(Long::longValue).sum();
  }
}
