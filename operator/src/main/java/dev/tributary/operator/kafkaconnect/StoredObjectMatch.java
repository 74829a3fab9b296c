package dev.tributary.operator.kafkaconnect;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.zjsonpatch.DiffFlags;
import io.fabric8.zjsonpatch.JsonDiff;
import java.util.EnumSet;

/**
 * Whether a stored object already is what the operator wants: every field the desired object sets
 * has that value in the stored one, and every list the same elements; fields the API server added
 * (its defaults) are fine, as are labels and annotations others added, status, and metadata the
 * server keeps.
 *
 * <p>JOSDK's generic matcher means the same, but reads a JSON diff that may say "copy" where a
 * default equals another value of the object (a headless Service's {@code sessionAffinity: None}
 * beside its {@code clusterIP: None}); it takes that for a difference and updates the object on
 * every reconcile. Against a real API server that was every StatefulSet and headless Service, 25
 * times a second. Diffing without copy and move operations leaves only adds for defaults.
 */
final class StoredObjectMatch {
  private StoredObjectMatch() {}

  private static final EnumSet<DiffFlags> ADDS_AND_REPLACES_ONLY =
      EnumSet.of(DiffFlags.OMIT_COPY_OPERATION, DiffFlags.OMIT_MOVE_OPERATION);

  static boolean matches(JsonNode desired, JsonNode stored) {
    for (JsonNode operation : JsonDiff.asJson(desired, stored, ADDS_AND_REPLACES_ONLY)) {
      String path = operation.get("path").asText();
      // An element the stored list has beyond the desired one is a difference (a Secret the
      // workers' Role should no longer name); a field added to an object is a server default.
      boolean added =
          "add".equals(operation.get("op").asText()) && !stored.at(parent(path)).isArray();
      if (path.startsWith("/metadata/")) {
        if (!added
            && (path.startsWith("/metadata/labels") || path.startsWith("/metadata/annotations"))) {
          return false;
        }
      } else if (!added && !ignored(path)) {
        return false;
      }
    }
    return true;
  }

  private static String parent(String path) {
    return path.substring(0, path.lastIndexOf('/'));
  }

  private static boolean ignored(String path) {
    return path.equals("/apiVersion") || path.equals("/kind") || path.startsWith("/status");
  }
}
