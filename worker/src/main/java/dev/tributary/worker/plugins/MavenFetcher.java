package dev.tributary.worker.plugins;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.repository.Authentication;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.eclipse.aether.util.repository.AuthenticationBuilder;

/**
 * Resolves {@code type: maven} artifacts with Maven's own resolver: a packaged archive alone, or a
 * jar with its runtime dependencies. The repository's checksums are always verified.
 */
final class MavenFetcher implements AutoCloseable {

  /** The Connect worker provides these; a plugin must not bring its own copies. */
  private static final List<Exclusion> PROVIDED_BY_WORKER =
      List.of(
          new Exclusion("org.apache.kafka", "connect-api", "*", "*"),
          new Exclusion("org.apache.kafka", "connect-runtime", "*", "*"),
          new Exclusion("org.apache.kafka", "connect-transforms", "*", "*"),
          new Exclusion("org.apache.kafka", "connect-json", "*", "*"),
          new Exclusion("org.apache.kafka", "kafka-clients", "*", "*"),
          new Exclusion("org.slf4j", "*", "*", "*"));

  private final RepositorySystem system = new RepositorySystemSupplier().get();
  private final RepositorySystemSession session;
  private final List<RemoteRepository> repositories;

  MavenFetcher(
      String centralUrl, List<RepositorySpec> extra, Credentials credentials, Path cacheDir) {
    var newSession = MavenRepositorySystemUtils.newSession();
    newSession.setLocalRepositoryManager(
        system.newLocalRepositoryManager(newSession, new LocalRepository(cacheDir.toFile())));
    newSession.setChecksumPolicy(RepositoryPolicy.CHECKSUM_POLICY_FAIL);
    this.session = newSession;
    List<RemoteRepository> list = new ArrayList<>();
    if (extra.stream().noneMatch(RepositorySpec::mirrorsCentral)) {
      list.add(repository("central", centralUrl, null));
    }
    for (RepositorySpec spec : extra) {
      Authentication auth = null;
      if (spec.password() != null) {
        auth =
            new AuthenticationBuilder()
                .addUsername(spec.username() == null ? "" : spec.username())
                .addPassword(credentials.value("repository " + spec.name(), spec.password()))
                .build();
      }
      list.add(repository(spec.name(), spec.url(), auth));
    }
    this.repositories = List.copyOf(list);
  }

  private static RemoteRepository repository(String id, String url, Authentication auth) {
    return new RemoteRepository.Builder(id, "default", url)
        .setAuthentication(auth)
        .setPolicy(
            new RepositoryPolicy(
                true, RepositoryPolicy.UPDATE_POLICY_NEVER, RepositoryPolicy.CHECKSUM_POLICY_FAIL))
        .build();
  }

  /** The artifact file alone (a packaged plugin archive). */
  Path resolveArtifact(String what, ArtifactSpec spec) {
    try {
      ArtifactResult result =
          system.resolveArtifact(
              session, new ArtifactRequest(artifactOf(spec), repositories, null));
      return result.getArtifact().getFile().toPath();
    } catch (org.eclipse.aether.resolution.ArtifactResolutionException e) {
      throw failure(what, e);
    }
  }

  /** The jar first, then its runtime dependencies, less what the worker already provides. */
  List<Path> resolveWithDependencies(String what, ArtifactSpec spec) {
    var root = new Dependency(artifactOf(spec), JavaScopes.RUNTIME, false, PROVIDED_BY_WORKER);
    var request =
        new DependencyRequest(
            new CollectRequest(root, repositories),
            DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
    try {
      return system.resolveDependencies(session, request).getArtifactResults().stream()
          .map(ArtifactResult::getArtifact)
          .map(Artifact::getFile)
          .map(java.io.File::toPath)
          .toList();
    } catch (DependencyResolutionException e) {
      throw failure(what, e);
    }
  }

  private PluginInstallException failure(String what, Exception e) {
    Throwable cause = e;
    while (cause != null) {
      if (cause instanceof ArtifactNotFoundException notFound) {
        return new PluginInstallException(
            what
                + ": not found in "
                + String.join(", ", repositories.stream().map(RemoteRepository::getUrl).toList())
                + " ("
                + notFound.getArtifact()
                + ")",
            e);
      }
      cause = cause.getCause();
    }
    return new PluginInstallException(what + ": " + e.getMessage(), e);
  }

  private static Artifact artifactOf(ArtifactSpec spec) {
    return new DefaultArtifact(
        spec.group(),
        spec.artifact(),
        spec.classifier() == null ? "" : spec.classifier(),
        spec.mavenExtension(),
        spec.version());
  }

  @Override
  public void close() {
    system.shutdown();
  }
}
