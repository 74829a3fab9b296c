package dev.tributary.sandbox;

import dev.tributary.sandbox.process.KafkaBroker;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** One real KRaft broker for the whole test run (two cores do not carry one per test class). */
public final class SharedKafka implements BeforeAllCallback {

  private static KafkaBroker broker;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    broker();
  }

  /** The broker, started on first use and stopped when the test JVM's root context closes. */
  public static synchronized KafkaBroker broker() throws Exception {
    if (broker == null) {
      String classpath = TestPaths.runtimeClasspath();
      // The address the examples' bootstrapServers name resolves to in the sandbox.
      broker = Sandbox.startBroker(TestPaths.testDir().resolve("kafka"), classpath);
      Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "shared-kafka-stop"));
    }
    return broker;
  }
}
