package dev.tributary.worker;

import dev.tributary.contract.WorkerContract;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * The log levels Tributary keeps for a cluster ({@link WorkerContract#LOGGERS} beside the worker
 * properties), set before Connect starts, so a restarted worker logs as the running ones do.
 */
final class LogLevels {

  private LogLevels() {}

  /** The levels in {@code file}, by logger; none when it does not exist. */
  static Map<String, Level> read(Path file) throws IOException {
    Map<String, Level> levels = new TreeMap<>();
    if (!Files.isRegularFile(file)) {
      return levels;
    }
    var props = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      props.load(reader);
    }
    for (String logger : props.stringPropertyNames()) {
      String level = props.getProperty(logger).trim();
      Level parsed = Level.getLevel(level.toUpperCase(java.util.Locale.ROOT));
      if (parsed == null) {
        throw new UserError(file + ": " + logger + " has no log level '" + level + "'");
      }
      levels.put(logger, parsed);
    }
    return levels;
  }

  /** Applies the levels beside {@code workerProperties}, if any. */
  static void applyBeside(Path workerProperties) throws IOException {
    Path file = workerProperties.resolveSibling(WorkerContract.LOGGERS);
    read(file)
        .forEach(
            (logger, level) -> {
              if (logger.equals("root")) {
                Configurator.setRootLevel(level);
              } else {
                Configurator.setLevel(logger, level);
              }
            });
  }
}
