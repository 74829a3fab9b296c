package dev.tributary.operator.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/** Status written only when it says something new; both reconcilers patch through here. */
public final class StatusPatches {

  private static final ObjectMapper JSON = new ObjectMapper();

  private StatusPatches() {}

  /**
   * A copy of {@code cr} (same metadata and spec) carrying {@code status}: the cached resource is
   * what JOSDK diffs a patch against, so it is never modified.
   */
  public static <T, S, P extends CustomResource<T, S>> P withStatus(
      P cr, S status, Supplier<P> blank) {
    P patched = blank.get();
    patched.setMetadata(cr.getMetadata());
    patched.setSpec(cr.getSpec());
    patched.setStatus(status);
    return patched;
  }

  /**
   * Whether a reconcile failed only because its write met a newer version of the object: a 409, or
   * a 422 refusing a JSON Patch computed against a cached copy that was already out of date. That
   * is no failure of the resource, so it is retried without a ReconcileFailed status or Event.
   */
  public static boolean isStaleWrite(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof KubernetesClientException k
          && (k.getCode() == 409
              || k.getCode() == 422
                  && String.valueOf(k.getMessage()).toLowerCase(Locale.ROOT).contains("patch"))) {
        return true;
      }
    }
    return false;
  }

  /** Patches the status when it differs from the current one; reschedules when asked to. */
  public static <T, S, P extends CustomResource<T, S>> UpdateControl<P> patchIfChanged(
      P cr, S status, Supplier<P> blank, Duration reschedule) {
    UpdateControl<P> control =
        same(cr.getStatus(), status)
            ? UpdateControl.noUpdate()
            : UpdateControl.patchStatus(withStatus(cr, status, blank));
    return reschedule == null ? control : control.rescheduleAfter(reschedule);
  }

  /** True when the two statuses say the same thing, field by field as they would be written. */
  public static boolean same(Object current, Object next) {
    return current != null && Objects.equals(JSON.valueToTree(current), JSON.valueToTree(next));
  }
}
