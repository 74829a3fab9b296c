package dev.tributary.worker;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import org.apache.kafka.common.utils.Exit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * Connect ends a worker from its own threads ({@code Exit.exit} after logging the error), where no
 * exception reaches {@link WorkerMain}. This remembers the last error Connect logged and, when
 * Connect exits with a failure, leaves it as the worker's {@link TerminationMessage}.
 */
final class FatalErrors {

  private static final AtomicReference<Throwable> LAST = new AtomicReference<>();

  private FatalErrors() {}

  /** Hooks the log and Connect's exit; call once, before Connect starts. */
  static void install(Map<String, String> environment) {
    install(environment, System::exit);
  }

  /** As above, ending the process with {@code exit} (tests keep their JVM). */
  static void install(Map<String, String> environment, IntConsumer exit) {
    if (LogManager.getContext(false) instanceof LoggerContext context) {
      var appender =
          new AbstractAppender("tributary-last-error", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
              if (event.getLevel().isMoreSpecificThan(Level.ERROR)) {
                LAST.set(
                    event.getThrown() != null
                        ? event.getThrown()
                        : new TerminationMessage.Logged(event.getMessage().getFormattedMessage()));
              }
            }
          };
      appender.start();
      context.getConfiguration().addAppender(appender);
      context.getConfiguration().getRootLogger().addAppender(appender, Level.ERROR, null);
      context.updateLoggers();
    }
    Exit.setExitProcedure(
        (code, message) -> {
          if (code != 0) {
            Throwable last = LAST.get();
            String line =
                last != null
                    ? TerminationMessage.line(last)
                    : "error: Connect exited with status "
                        + code
                        + (message == null ? "" : ": " + message);
            TerminationMessage.report(line, System.err, environment);
          }
          exit.accept(code);
        });
  }
}
