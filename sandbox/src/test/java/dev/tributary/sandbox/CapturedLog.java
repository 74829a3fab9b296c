package dev.tributary.sandbox;

import java.io.StringWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Everything this JVM logs through log4j while open, the in-process operator's log among it, as the
 * operator's container would print it.
 */
final class CapturedLog implements AutoCloseable {

  private final StringWriter text = new StringWriter();
  private final WriterAppender appender;

  CapturedLog(String name) {
    var context = (LoggerContext) LogManager.getContext(false);
    var config = context.getConfiguration();
    appender =
        WriterAppender.newBuilder()
            .setName(name)
            .setTarget(text)
            .setLayout(
                PatternLayout.newBuilder()
                    .withConfiguration(config)
                    .withPattern("%d %p %c - %m%n%ex")
                    .build())
            .setConfiguration(config)
            .build();
    appender.start();
    config.addAppender(appender);
    config.getRootLogger().addAppender(appender, Level.ALL, null);
    context.updateLoggers();
  }

  String text() {
    return text.toString();
  }

  @Override
  public void close() {
    var context = (LoggerContext) LogManager.getContext(false);
    context.getConfiguration().getRootLogger().removeAppender(appender.getName());
    context.updateLoggers();
    appender.stop();
  }
}
