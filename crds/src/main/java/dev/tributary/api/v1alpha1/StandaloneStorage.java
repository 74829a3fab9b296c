package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** The PersistentVolumeClaim that keeps a standalone worker's offsets file. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StandaloneStorage {
  @JsonPropertyDescription("Size of the claim. Default: 1Gi.")
  @Pattern("^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|k|M|G|T)?$")
  public String size;

  @JsonPropertyDescription("Storage class of the claim. Default: the cluster's default class.")
  public String storageClassName;
}
