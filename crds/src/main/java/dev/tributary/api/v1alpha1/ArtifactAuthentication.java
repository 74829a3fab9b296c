package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Credentials for downloading a {@code type: url} artifact. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ArtifactAuthentication {

  /** How the credentials are sent. */
  public enum Type {
    @JsonProperty("basic")
    BASIC,
    @JsonProperty("bearer")
    BEARER
  }

  @JsonPropertyDescription("basic (username and password) or bearer (a token).")
  @Required
  public Type type;

  @JsonPropertyDescription("type basic: the user name.")
  public String username;

  @JsonPropertyDescription("The password (basic) or token (bearer), from a Secret.")
  @Required
  public SecretKeyRef secret;
}
