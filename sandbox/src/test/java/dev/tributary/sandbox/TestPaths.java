package dev.tributary.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the build put what the end-to-end tests run (set by failsafe in sandbox/pom.xml). */
final class TestPaths {
  private TestPaths() {}

  static Path workerHome() {
    return Path.of(require("tributary.worker.home")).toAbsolutePath().normalize();
  }

  static Path runtimeClasspathFile() {
    return Path.of(require("tributary.runtime.classpath"));
  }

  static Path repo() {
    return Path.of(require("tributary.repo")).toAbsolutePath().normalize();
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
