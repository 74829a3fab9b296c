package dev.tributary.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the build put what the sandbox runs, read once from the system properties Maven sets
 * ({@code tributary.*}, see sandbox/pom.xml): the repository, the worker distribution, the broker's
 * classpath, the working folder, and the load plugin jar when there is one.
 *
 * @param runtimeClasspath the classpath the KRaft broker's JVM runs on
 */
public record SandboxPaths(
    Path repo, Path workerHome, String runtimeClasspath, Path dir, Path loadPlugin) {

  /** The paths Maven passed; {@code defaultDir} when no working folder was given. */
  public static SandboxPaths fromSystemProperties(String defaultDir) {
    String loadPlugin = System.getProperty("tributary.load.plugin");
    return new SandboxPaths(
        absolute(System.getProperty("tributary.repo", ".")),
        absolute(required("tributary.worker.home")),
        readClasspath(Path.of(required("tributary.runtime.classpath"))),
        absolute(System.getProperty("tributary.sandbox.dir", defaultDir)),
        loadPlugin == null ? null : absolute(loadPlugin));
  }

  private static Path absolute(String path) {
    return Path.of(path).toAbsolutePath().normalize();
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException(
          property + " is not set: run through Maven (see the README), which sets it");
    }
    return value;
  }

  private static String readClasspath(Path file) {
    try {
      return Files.readString(file).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("the build writes " + file + ": run mvn package first", e);
    }
  }
}
