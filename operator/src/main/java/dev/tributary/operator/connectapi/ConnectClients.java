package dev.tributary.operator.connectapi;

/** Hands out the {@link ConnectApi} of a Connect cluster by its base URL. */
@FunctionalInterface
public interface ConnectClients {
  ConnectApi forUrl(String baseUrl);

  /**
   * One worker's own REST API, by its Connect worker id ({@code host:port}), with the TLS of the
   * cluster whose API is at {@code clusterUrl}.
   */
  default ConnectApi forWorker(String clusterUrl, String workerId) {
    return forUrl("http://" + workerId + "/");
  }

  /**
   * From now on, calls to {@code baseUrl} go over HTTPS with {@code tls}, including those of
   * clients already handed out; {@code null} returns it to plain HTTP.
   */
  default void useTls(String baseUrl, RestTls tls) {}
}
