package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;
import java.util.Map;

/** What users may add to the worker pods. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PodTemplate {
  @JsonPropertyDescription("Extra pod labels. Tributary's own labels win on conflict.")
  public Map<String, String> labels;

  @JsonPropertyDescription("Extra pod annotations.")
  public Map<String, String> annotations;

  @JsonPropertyDescription("Pod affinity and anti-affinity.")
  public Affinity affinity;

  @JsonPropertyDescription("Pod tolerations.")
  public List<Toleration> tolerations;

  @JsonPropertyDescription("Pod node selector.")
  public Map<String, String> nodeSelector;

  @JsonPropertyDescription("Pod priority class.")
  public String priorityClassName;

  @JsonPropertyDescription(
      "Extra environment variables of the worker container. `CONNECT_<PROPERTY>` variables"
          + " override single worker properties (e.g. secrets from a Secret via valueFrom).")
  public List<EnvVar> env;

  @JsonPropertyDescription("Extra pod volumes.")
  public List<Volume> volumes;

  @JsonPropertyDescription("Extra volume mounts of the worker container.")
  public List<VolumeMount> volumeMounts;
}
