package dev.tributary.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The API server's audit log: every request, who made it, and the code it was answered with. */
public final class AuditLog {

  /** One request, as RBAC sees it. */
  public record Call(
      String user,
      String verb,
      String group,
      String resource,
      String subresource,
      String namespace,
      String name,
      int code) {

    /** {@code verb group/resource[/subresource]}, the way an RBAC rule names it. */
    public String permission() {
      return verb
          + " "
          + (group.isEmpty() ? "core" : group)
          + "/"
          + resource
          + (subresource.isEmpty() ? "" : "/" + subresource);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;

  AuditLog(Path file) {
    this.file = file;
  }

  /** Every request {@code user} made that was about a resource (not discovery, not /healthz). */
  public List<Call> callsBy(String user) {
    List<Call> calls = new ArrayList<>();
    try (var lines = Files.lines(file)) {
      for (String line : (Iterable<String>) lines::iterator) {
        JsonNode event = JSON.readTree(line);
        JsonNode ref = event.path("objectRef");
        if (!user.equals(event.path("user").path("username").asText()) || ref.isMissingNode()) {
          continue;
        }
        calls.add(
            new Call(
                user,
                event.path("verb").asText(),
                ref.path("apiGroup").asText(""),
                ref.path("resource").asText(""),
                ref.path("subresource").asText(""),
                ref.path("namespace").asText(""),
                ref.path("name").asText(""),
                event.path("responseStatus").path("code").asInt()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return calls;
  }
}
