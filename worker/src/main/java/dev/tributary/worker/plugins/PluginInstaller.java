package dev.tributary.worker.plugins;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;

/**
 * Installs plugins into a plugin directory, one sub-directory each. A plugin whose spec has not
 * changed is left alone; a new or changed one is built in a staging directory and moved into place
 * only when complete, so a failed or interrupted run never leaves a partial plugin behind.
 */
public final class PluginInstaller {

  /** Written into every plugin directory we install; it records the spec it was built from. */
  static final String MARKER = ".tributary-plugin";

  private static final ObjectMapper CANONICAL_JSON =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  /** What happened to one plugin. */
  public enum Outcome {
    INSTALLED,
    UNCHANGED,
    REMOVED
  }

  /** One line of the installer's report. */
  public record Result(String plugin, Outcome outcome) {}

  private final Path target;
  private final String mavenRepository;
  private final List<RepositorySpec> repositories;
  private final Credentials credentials;
  private final Path mavenCache;
  private final UrlDownloader urls = new UrlDownloader();

  public PluginInstaller(Path target, String mavenRepository, Path mavenCache) {
    this(target, mavenRepository, List.of(), mavenCache, Map.of());
  }

  /**
   * @param repositories more Maven repositories (spec.pluginRepositories), after or instead of
   *     {@code mavenRepository}
   * @param environment where credentials from Secrets are found
   */
  public PluginInstaller(
      Path target,
      String mavenRepository,
      List<RepositorySpec> repositories,
      Path mavenCache,
      Map<String, String> environment) {
    this.target = target;
    this.mavenRepository = mavenRepository;
    this.repositories = repositories;
    this.mavenCache = mavenCache;
    this.credentials = new Credentials(environment);
  }

  /**
   * Makes {@code target} hold exactly {@code plugins}; plugins we installed before and no longer
   * listed are removed.
   */
  public List<Result> install(List<PluginSpec> plugins) throws IOException {
    Set<String> names = new HashSet<>();
    for (PluginSpec plugin : plugins) {
      plugin.validate();
      if (!names.add(plugin.name())) {
        throw new PluginInstallException("plugin '" + plugin.name() + "' is listed twice");
      }
    }
    Files.createDirectories(target);
    deleteLeftoversOfInterruptedRuns();

    List<Result> results = new ArrayList<>();
    try (var maven = new LazyMaven()) {
      for (PluginSpec plugin : plugins) {
        results.add(new Result(plugin.name(), installOne(plugin, maven)));
      }
    }
    for (Path dir : installedPluginDirs()) {
      String name = dir.getFileName().toString();
      if (!names.contains(name)) {
        deleteRecursively(dir);
        results.add(new Result(name, Outcome.REMOVED));
      }
    }
    return results;
  }

  private Outcome installOne(PluginSpec plugin, LazyMaven maven) throws IOException {
    Path installed = target.resolve(plugin.name());
    String fingerprint = fingerprintOf(plugin);
    Path marker = installed.resolve(MARKER);
    if (Files.isRegularFile(marker) && Files.readString(marker).trim().equals(fingerprint)) {
      return Outcome.UNCHANGED;
    }
    Path staging = target.resolve(".staging-" + plugin.name() + "-" + UUID.randomUUID());
    try {
      Files.createDirectories(staging);
      int index = 0;
      for (ArtifactSpec artifact : plugin.artifacts()) {
        fetchInto(staging, plugin, artifact, index++, maven);
      }
      Files.writeString(staging.resolve(MARKER), fingerprint + "\n");
      replace(installed, staging);
      return Outcome.INSTALLED;
    } catch (IOException | RuntimeException e) {
      deleteRecursively(staging);
      if (e instanceof PluginInstallException) {
        throw e;
      }
      throw new PluginInstallException("plugin '" + plugin.name() + "': " + e.getMessage(), e);
    }
  }

  private void fetchInto(
      Path staging, PluginSpec plugin, ArtifactSpec artifact, int index, LazyMaven maven)
      throws IOException {
    String what = "plugin '" + plugin.name() + "', artifact " + artifact.describe();
    ArtifactSpec.Format format = artifact.format();
    if (artifact.isMaven() && format == ArtifactSpec.Format.JAR) {
      List<Path> jars = maven.get().resolveWithDependencies(what, artifact);
      if (artifact.sha512() != null) {
        Sha512.verify(jars.get(0), artifact.sha512(), what);
      }
      for (Path jar : jars) {
        Files.copy(jar, staging.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
      return;
    }
    Path download;
    if (artifact.isMaven()) {
      download = maven.get().resolveArtifact(what, artifact);
      if (artifact.sha512() != null) {
        Sha512.verify(download, artifact.sha512(), what);
      }
    } else {
      download = staging.resolve(".download-" + index);
      urls.download(
          what,
          URI.create(artifact.url()),
          download,
          credentials.authorization(what, artifact.authentication()));
      Sha512.verify(download, artifact.sha512(), what);
    }
    try {
      if (format == ArtifactSpec.Format.JAR) {
        Files.copy(download, staging.resolve(fileNameOf(artifact.url())));
      } else {
        Archives.unpack(download, format, staging);
      }
    } catch (IOException e) {
      throw new PluginInstallException(what + ": " + e.getMessage(), e);
    } finally {
      if (!artifact.isMaven()) {
        Files.deleteIfExists(download);
      }
    }
  }

  private static String fileNameOf(String url) {
    String path = URI.create(url).getPath();
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** Swaps the staged directory in; the old one is renamed away first, then deleted. */
  private void replace(Path installed, Path staging) throws IOException {
    if (Files.exists(installed)) {
      Path trash = target.resolve(".trash-" + installed.getFileName() + "-" + UUID.randomUUID());
      Files.move(installed, trash, StandardCopyOption.ATOMIC_MOVE);
      Files.move(staging, installed, StandardCopyOption.ATOMIC_MOVE);
      deleteRecursively(trash);
    } else {
      Files.move(staging, installed, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  private void deleteLeftoversOfInterruptedRuns() throws IOException {
    try (Stream<Path> children = Files.list(target)) {
      for (Path child : children.toList()) {
        String name = child.getFileName().toString();
        if (name.startsWith(".staging-") || name.startsWith(".trash-")) {
          deleteRecursively(child);
        }
      }
    }
  }

  private List<Path> installedPluginDirs() throws IOException {
    try (Stream<Path> children = Files.list(target)) {
      return children.filter(dir -> Files.isRegularFile(dir.resolve(MARKER))).sorted().toList();
    }
  }

  static String fingerprintOf(PluginSpec plugin) {
    try {
      byte[] json = CANONICAL_JSON.writeValueAsString(plugin).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (Files.exists(dir)) {
      FileUtils.deleteDirectory(dir.toFile());
    }
  }

  /** The Maven resolver is set up only when some artifact needs it. */
  private final class LazyMaven implements AutoCloseable {
    private MavenFetcher fetcher;

    MavenFetcher get() {
      if (fetcher == null) {
        fetcher = new MavenFetcher(mavenRepository, repositories, credentials, mavenCache);
      }
      return fetcher;
    }

    @Override
    public void close() {
      if (fetcher != null) {
        fetcher.close();
      }
    }
  }
}
