package dev.tributary.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the build put what the end-to-end tests run (set by failsafe in sandbox/pom.xml). */
final class TestPaths {
  private TestPaths() {}

  private static final SandboxPaths PATHS = SandboxPaths.fromSystemProperties("target/it");

  static Path workerHome() {
    return PATHS.workerHome();
  }

  static String runtimeClasspath() {
    return PATHS.runtimeClasspath();
  }

  static Path repo() {
    return PATHS.repo();
  }

  static Path loadPlugin() {
    return PATHS.loadPlugin();
  }

  static Path testDir() {
    return Path.of(require("tributary.test.dir")).toAbsolutePath();
  }

  /** A fresh directory for one test. */
  static Path freshDir(String name) {
    try {
      Path dir = testDir().resolve(name + "-" + System.nanoTime());
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String require(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException(
          property + " is not set: run the end-to-end tests through Maven (mvn verify)");
    }
    return value;
  }
}
