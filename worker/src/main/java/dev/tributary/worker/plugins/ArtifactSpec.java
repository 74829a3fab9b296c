package dev.tributary.worker.plugins;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.tributary.contract.SpecRules;
import java.net.URI;
import java.util.Locale;

/**
 * One artifact of a plugin: {@code type: maven} with coordinates, or {@code type: url}. A sha512 is
 * required for URLs; for Maven artifacts it is optional (the repository's checksums are verified
 * either way).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArtifactSpec(
    String type,
    String group,
    String artifact,
    String version,
    String classifier,
    String extension,
    String url,
    String sha512,
    Credentials.UrlAuth authentication) {

  /** Archive formats a plugin can come in. */
  public enum Format {
    JAR,
    ZIP,
    TGZ
  }

  public boolean isMaven() {
    return "maven".equals(type);
  }

  /** A short name for error messages: Maven coordinates or the URL. */
  public String describe() {
    if (isMaven()) {
      return group
          + ":"
          + artifact
          + ":"
          + (extension == null ? "jar" : extension)
          + (classifier == null ? "" : ":" + classifier)
          + ":"
          + version;
    }
    return String.valueOf(url);
  }

  public String mavenExtension() {
    return extension == null || extension.isBlank() ? "jar" : extension;
  }

  /** The format implied by the Maven extension or the URL's file name. */
  public Format format() {
    String name = isMaven() ? "x." + mavenExtension() : URI.create(url).getPath();
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".jar")) {
      return Format.JAR;
    }
    if (lower.endsWith(".zip")) {
      return Format.ZIP;
    }
    if (lower.endsWith(".tar.gz") || lower.endsWith(".tgz")) {
      return Format.TGZ;
    }
    throw new PluginInstallException(
        "artifact "
            + describe()
            + ": unsupported archive type; expected .jar, .zip, .tar.gz or .tgz");
  }

  void validate(String plugin) {
    String where = "plugin '" + plugin + "', artifact " + describe() + ": ";
    if ("maven".equals(type)) {
      requireSet(where, "group", group);
      requireSet(where, "artifact", artifact);
      requireSet(where, "version", version);
    } else if ("url".equals(type)) {
      requireSet(where, "url", url);
      requireSet(where, "sha512", sha512);
      String scheme = URI.create(url).getScheme();
      if (!"https".equals(scheme) && !"http".equals(scheme)) {
        throw new PluginInstallException(where + "url must be http or https");
      }
    } else {
      throw new PluginInstallException(where + "type must be 'maven' or 'url', not '" + type + "'");
    }
    if (sha512 != null && !sha512.matches(SpecRules.SHA512)) {
      throw new PluginInstallException(where + "sha512 must be 128 hexadecimal characters");
    }
    try {
      format();
    } catch (PluginInstallException e) {
      throw new PluginInstallException("plugin '" + plugin + "', " + e.getMessage());
    }
  }

  private static void requireSet(String where, String field, String value) {
    if (value == null || value.isBlank()) {
      throw new PluginInstallException(where + "'" + field + "' is required");
    }
  }
}
