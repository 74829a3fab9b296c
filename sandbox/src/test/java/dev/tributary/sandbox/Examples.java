package dev.tributary.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's examples, pointed at a test's own files and topic. */
final class Examples {
  private Examples() {}

  /**
   * The example, with the test's files and topic; a distributed KafkaConnect also gets the topic as
   * its group id, so each test starts a new Connect cluster (its own config, offset and status
   * topics) on the shared broker, with nothing left over from another test.
   */
  static String example(String file, Path input, Path output, String topic) throws IOException {
    String text =
        Files.readString(TestPaths.repo().resolve("examples").resolve(file))
            .replace("/tmp/in.txt", input.toString())
            .replace("/tmp/out.txt", output.toString())
            .replace("topic: lines", "topic: " + topic)
            .replace("topics: lines", "topics: " + topic);
    if (text.contains("kind: KafkaConnect\n") && !text.contains("mode: standalone")) {
      text = text.replaceFirst("(?m)^spec:\n", "spec:\n  groupId: " + topic + "\n");
    }
    return text;
  }
}
