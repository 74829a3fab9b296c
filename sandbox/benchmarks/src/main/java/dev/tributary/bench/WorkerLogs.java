package dev.tributary.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The worker logs the sandbox's kubelet kept for a cluster: every incarnation of every pod, each
 * container run in its own file ({@code <pods>/<namespace>_<pod>-<uid>/main-<run>.log}).
 */
final class WorkerLogs {

  private static final Pattern RUN = Pattern.compile("main-(\\d+)\\.log");

  private WorkerLogs() {}

  /**
   * The lines of each worker log of {@code cluster} written to since {@code since} (epoch millis),
   * keyed {@code <pod> …<end of its uid>}, with {@code (run N)} for a restarted container.
   */
  static Map<String, List<String>> since(Path pods, String namespace, String cluster, long since) {
    Map<String, List<String>> logs = new TreeMap<>();
    String prefix = namespace + "_" + cluster + "-connect-";
    try (Stream<Path> podDirs = Files.list(pods)) {
      for (Path podDir :
          podDirs.filter(d -> d.getFileName().toString().startsWith(prefix)).toList()) {
        String dirName = podDir.getFileName().toString();
        // <namespace>_<pod>-<36-character uid>
        String pod = dirName.substring(namespace.length() + 1, dirName.length() - 37);
        try (Stream<Path> files = Files.list(podDir)) {
          for (Path log : files.toList()) {
            Matcher run = RUN.matcher(log.getFileName().toString());
            if (!run.matches() || Files.getLastModifiedTime(log).toMillis() < since) {
              continue;
            }
            // A pod replaced by one of the same name has a new uid: its end tells them apart.
            String name = pod + " …" + dirName.substring(dirName.length() - 4);
            if (!run.group(1).equals("1")) {
              name += " (run " + run.group(1) + ")";
            }
            logs.put(
                name, new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return logs;
  }
}
