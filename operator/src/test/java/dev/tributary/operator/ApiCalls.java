package dev.tributary.operator;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;

/** The Kubernetes API calls a client made, as RBAC sees them: (API group, resource, verb). */
public final class ApiCalls {
  private ApiCalls() {}

  /** One RBAC permission: "group/resource:verb", group empty for the core API. */
  public record Call(String group, String resource, String verb) implements Comparable<Call> {
    @Override
    public int compareTo(Call other) {
      return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
      return group + "/" + resource + ":" + verb;
    }
  }

  /** Records the permission every request of a client needs, as the client sends it. */
  public static final class Recorder implements Interceptor {
    private final Set<Call> calls = new ConcurrentSkipListSet<>();

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
      String query = request.uri().getRawQuery();
      Call call =
          of(request.method(), request.uri().getRawPath() + (query == null ? "" : "?" + query));
      if (call != null) {
        calls.add(call);
      }
    }

    public Set<Call> calls() {
      return new TreeSet<>(calls);
    }
  }

  /**
   * Maps an API request to the permission it needs; null for discovery ({@code /apis}, {@code
   * /apis/<group>[/<version>]}), which every authenticated user may read.
   */
  public static Call of(String method, String pathAndQuery) {
    String path = pathAndQuery.split("\\?")[0];
    if (path.matches("/apis(/[^/]+){0,2}|/api(/v1)?|/version")) {
      return null;
    }
    String query =
        pathAndQuery.contains("?") ? pathAndQuery.substring(pathAndQuery.indexOf('?') + 1) : "";
    String[] parts = path.replaceFirst("^/", "").split("/");
    int index;
    String group;
    if (parts[0].equals("api")) {
      group = "";
      index = 2;
    } else {
      group = parts[1];
      index = 3;
    }
    // .../namespaces/<ns>/<resource>...: a namespaced resource; .../namespaces/<ns>: a Namespace.
    if (parts.length > index + 2 && parts[index].equals("namespaces")) {
      index += 2;
    }
    String resource = parts[index];
    boolean named = parts.length > index + 1;
    if (parts.length > index + 2) {
      resource = resource + "/" + parts[index + 2];
    }
    String verb =
        switch (method) {
          case "GET" -> named ? "get" : query.contains("watch=true") ? "watch" : "list";
          case "POST" -> "create";
          case "PUT" -> "update";
          case "PATCH" -> "patch";
          case "DELETE" -> named ? "delete" : "deletecollection";
          default -> throw new IllegalArgumentException("unexpected method " + method);
        };
    return new Call(group, resource, verb);
  }
}
