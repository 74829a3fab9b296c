package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.tributary.contract.SpecRules;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** A Maven artifact or a URL to a jar, zip or tar.gz. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = SpecRules.MAVEN_ARTIFACT_RULE, message = SpecRules.MAVEN_ARTIFACT_MESSAGE)
@ValidationRule(value = SpecRules.URL_ARTIFACT_RULE, message = SpecRules.URL_ARTIFACT_MESSAGE)
public class PluginArtifact {
  @JsonPropertyDescription("maven: Maven coordinates; url: a download URL.")
  @Required
  public ArtifactType type;

  @JsonPropertyDescription("Maven group id.")
  public String group;

  @JsonPropertyDescription("Maven artifact id.")
  public String artifact;

  @JsonPropertyDescription("Maven version.")
  public String version;

  @JsonPropertyDescription("Maven classifier, e.g. `plugin`.")
  public String classifier;

  @JsonPropertyDescription(
      "Maven extension: jar (default; installed with its runtime dependencies), zip, tar.gz or tgz"
          + " (a packaged plugin, unpacked).")
  @Pattern(SpecRules.MAVEN_EXTENSION)
  public String extension;

  @JsonPropertyDescription("Download URL of a .jar, .zip, .tar.gz or .tgz (http or https).")
  @Pattern(SpecRules.ARTIFACT_URL)
  public String url;

  @JsonPropertyDescription(
      "SHA-512 of the file, 128 hex characters. Required for url; optional for maven, whose"
          + " repository checksums are always verified.")
  @Pattern(SpecRules.SHA512)
  public String sha512;

  @JsonPropertyDescription(
      "type url: credentials for the download (basic or bearer), from a Secret; never logged.")
  public ArtifactAuthentication authentication;
}
