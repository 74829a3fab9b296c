package dev.tributary.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** A Maven artifact or a URL to a jar, zip or tar.gz. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.type != 'maven' || (has(self.group) && has(self.artifact) && has(self.version))",
    message = "a maven artifact needs group, artifact and version")
@ValidationRule(
    value = "self.type != 'url' || (has(self.url) && has(self.sha512))",
    message = "a url artifact needs url and sha512")
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
  @Pattern("^(jar|zip|tar\\.gz|tgz)$")
  public String extension;

  @JsonPropertyDescription("Download URL of a .jar, .zip, .tar.gz or .tgz (http or https).")
  @Pattern("^https?://.+\\.(jar|zip|tar\\.gz|tgz)$")
  public String url;

  @JsonPropertyDescription(
      "SHA-512 of the file, 128 hex characters. Required for url; optional for maven, whose"
          + " repository checksums are always verified.")
  @Pattern("^[0-9a-fA-F]{128}$")
  public String sha512;
}
