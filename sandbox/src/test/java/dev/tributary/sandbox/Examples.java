package dev.tributary.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's examples, pointed at a test's own files and topic. */
final class Examples {
  private Examples() {}

  static String example(String file, Path input, Path output, String topic) throws IOException {
    return Files.readString(TestPaths.repo().resolve("examples").resolve(file))
        .replace("/tmp/in.txt", input.toString())
        .replace("/tmp/out.txt", output.toString())
        .replace("topic: lines", "topic: " + topic)
        .replace("topics: lines", "topics: " + topic);
  }
}
