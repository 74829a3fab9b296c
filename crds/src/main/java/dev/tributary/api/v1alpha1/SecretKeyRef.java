package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** One key of a Kubernetes Secret in the KafkaConnect's namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretKeyRef {

  @JsonPropertyDescription("Name of the Secret, e.g. `my-cluster-cluster-ca-cert`.")
  @Required
  public String secretName;

  @JsonPropertyDescription("Key in the Secret, e.g. `ca.crt`.")
  @Required
  public String key;

  public SecretKeyRef() {}

  public SecretKeyRef(String secretName, String key) {
    this.secretName = secretName;
    this.key = key;
  }
}
