package dev.tributary.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A sandbox on the shared broker for one test, with the operator's log captured, whose close first
 * checks that no credential the test used shows anywhere a user, a log or Connect could show it.
 */
final class ScannedSandbox implements AutoCloseable {

  private final Sandbox sandbox;
  private final Path dir;
  private final CapturedLog operatorLog;

  /** Credentials put into Secrets so far, kept here as a Secret may be changed later. */
  private final Map<String, String> credentials = new LinkedHashMap<>();

  private ScannedSandbox(Sandbox sandbox, Path dir, CapturedLog operatorLog) {
    this.sandbox = sandbox;
    this.dir = dir;
    this.operatorLog = operatorLog;
  }

  /** Starts one in a fresh folder named after {@code name}. */
  static ScannedSandbox start(String name) throws Exception {
    Path dir = TestPaths.freshDir(name);
    var log = new CapturedLog(name);
    var sandbox =
        Sandbox.start(TestPaths.repo(), TestPaths.workerHome(), dir, SharedKafka.broker());
    var scanned = new ScannedSandbox(sandbox, dir, log);
    var broker = SharedKafka.broker().secured();
    scanned.credentials.put("SCRAM password", broker.scramPassword());
    scanned.credentials.put("client certificate key", broker.clientCertificate().keyPem());
    scanned.credentials.put("OAuth client secret", broker.tokenEndpoint().clientSecret());
    return scanned;
  }

  Sandbox sandbox() {
    return sandbox;
  }

  Path dir() {
    return dir;
  }

  /** Every credential in the Secrets now, and every one seen before. */
  Map<String, String> credentials() {
    credentials.putAll(SecretLeaks.credentials(sandbox.client(), Sandbox.NAMESPACE));
    return credentials;
  }

  /** Everything the scan searches, by place. */
  Map<String, String> searched() throws Exception {
    return SecretLeaks.places(
        sandbox,
        Sandbox.NAMESPACE,
        dir,
        operatorLog.text(),
        SharedKafka.broker().bootstrapServers());
  }

  @Override
  public void close() throws Exception {
    try {
      assertThat(SecretLeaks.find(searched(), credentials()))
          .as("places showing a credential")
          .isEmpty();
    } finally {
      sandbox.close();
      operatorLog.close();
    }
  }
}
