package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.tributary.contract.SpecRules;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A Maven repository that spec.plugins' Maven artifacts are fetched from. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PluginRepository {

  @JsonPropertyDescription("A name for the repository, e.g. `corp-nexus`.")
  @Required
  @Pattern(SpecRules.PLUGIN_NAME)
  public String name;

  @JsonPropertyDescription(
      "The repository's URL (http or https), e.g. `https://nexus.example/repository/maven/`.")
  @Required
  @Pattern("^https?://.+")
  public String url;

  @JsonPropertyDescription(
      "`central`: use this repository instead of Maven Central (a mirror). Absent: search it after"
          + " Maven Central.")
  @Pattern("^central$")
  public String mirrorOf;

  @JsonPropertyDescription("User name for the repository, if it needs one.")
  public String username;

  @JsonPropertyDescription("Password or token for the repository, from a Secret.")
  public SecretKeyRef password;
}
